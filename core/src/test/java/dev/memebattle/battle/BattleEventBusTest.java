package dev.memebattle.battle;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BattleEventBusTest {

    static BattleCancelled cancelledIn(String platform) {
        return new BattleCancelled(new BattleChat(platform, "c1"), "b1", "u1", "U1");
    }

    @Test
    void eachAdapterHearsOnlyItsOwnPlatformAndAFailingOneDoesNotStopOthers() throws Exception {
        BattleEventBus bus = new BattleEventBus();
        RecordingEvents discord = new RecordingEvents();
        RecordingEvents telegram = new RecordingEvents();
        BattleEvents broken = new RecordingEvents() {
            @Override
            public void battleCancelled(BattleCancelled c) {
                throw new IllegalStateException("adapter bug");
            }
        };
        assertThat(bus.handles(new BattleChat("discord", "g1"))).isFalse();
        bus.subscribe("discord", broken);
        AutoCloseable d = bus.subscribe("discord", discord);
        bus.subscribe("telegram", telegram);
        assertThat(bus.handles(new BattleChat("discord", "g1"))).isTrue();
        assertThat(bus.handles(new BattleChat("console", "c1"))).isFalse();

        bus.battleCancelled(cancelledIn("discord"));
        bus.battleCancelled(cancelledIn("telegram"));
        bus.battleCancelled(cancelledIn("telegram"));
        assertThat(discord.cancelled).hasSize(1);
        assertThat(telegram.cancelled).hasSize(2);

        d.close();
        bus.battleCancelled(cancelledIn("discord"));
        assertThat(discord.cancelled).hasSize(1);
    }

    /** Two Discord processes, each with half of the shards: each hears and closes only its own servers. */
    @Test
    void anAdapterHearsOnlyTheChatsItHandles() {
        BattleEventBus bus = new BattleEventBus();
        RecordingEvents onlyC1 = new RecordingEvents() {
            @Override
            public boolean handles(BattleChat chat) {
                return chat.chatId().equals("c1");
            }
        };
        bus.subscribe("discord", onlyC1);
        BattleChat c2 = new BattleChat("discord", "c2");
        assertThat(bus.handles(new BattleChat("discord", "c1"))).isTrue();
        assertThat(bus.handles(c2)).isFalse();

        bus.battleCancelled(cancelledIn("discord"));
        bus.battleCancelled(new BattleCancelled(c2, "b2", "u1", "U1"));
        assertThat(onlyC1.cancelled).extracting(c -> c.chat().chatId()).containsExactly("c1");
    }

    @Test
    void entryTokensRoundTripAndFitATelegramButton() {
        EntryRef ref = new EntryRef(Long.toString(Long.MAX_VALUE, 36), 20, "12345678901234567890");
        assertThat(EntryRef.parse(ref.token())).contains(ref);
        assertThat(ref.token().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
        for (String bad : List.of("", "x", "a:b:c", "a::c", ":1:c", "a:1:", "a:1234:c")) {
            assertThat(EntryRef.parse(bad)).as(bad).isEmpty();
        }
        assertThat(EntryRef.parse(null)).isEmpty();
        assertThat(EntryRef.parse("b:1:user:with:colons")).contains(new EntryRef("b", 1, "user:with:colons"));
    }
}
