package dev.memebattle.telegram;

import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.TelegramConfig;
import dev.memebattle.telegram.FakeBotApi.Call;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.memebattle.telegram.TelegramBotTest.ALICE;
import static dev.memebattle.telegram.TelegramBotTest.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of commands in one group, end to end, with Telegram's limits scaled down ten times
 * (1 s per chat → 100 ms, 20 per minute per group → 20 per 6 s; 30/s overall kept).
 */
class TelegramFloodTest {

    static final TelegramConfig.Flood SCALED = new TelegramConfig.Flood(100, 20, 6000, 30);
    static final long MS = 1_000_000L;

    @Test
    void aBurstInOneGroupIsAllAnsweredOnceWithinTheLimitsAndOtherChatsAreNotHeldUp() throws Exception {
        BotComponents core = TelegramTestKit.core();
        try (TelegramTestKit.Running running = TelegramTestKit.start(core, SCALED, "")) {
            FakeBotApi api = running.api();
            long group = -100777;
            api.chatType(group, "supergroup");
            // warm the render cache so the burst is about sending, not rendering
            int warm = api.sendText(BOB, BOB, "/meme drake a | b");
            api.awaitOne("sendPhoto", c -> c.chatId() == BOB, TelegramTestKit.WAIT);

            List<Integer> commands = new ArrayList<>();
            for (int i = 0; i < 24; i++) { // 20 "in one second", and 4 more that need the next window
                commands.add(api.sendText(group, ALICE + i, "/meme drake a | b"));
            }
            int privateCmd = api.sendText(ALICE, ALICE, "/meme drake c | d");

            List<Call> replies = api.await("sendPhoto", c -> c.chatId() == group, 24, Duration.ofSeconds(60));
            Call privateReply = api.awaitOne("sendPhoto", c -> c.chatId() == ALICE, Duration.ofSeconds(60));

            Set<Integer> answered = new HashSet<>();
            for (Call c : replies) {
                assertThat(answered.add(c.params().path("reply_parameters").path("message_id").asInt())).isTrue();
            }
            assertThat(answered).containsExactlyInAnyOrderElementsOf(commands);
            assertThat(api.calls("sendPhoto").stream().filter(Call::failed)).isEmpty();

            // Arrival times bound start times: send k+2 started after send k+1 finished, which is
            // after send k arrived; so arrivals two apart are at least one interval apart, and
            // arrivals 21 apart at least one group window apart.
            List<Long> at = replies.stream().map(Call::atNanos).sorted().toList();
            for (int i = 2; i < at.size(); i++) {
                assertThat(at.get(i) - at.get(i - 2)).isGreaterThanOrEqualTo(100 * MS);
            }
            for (int i = 21; i < at.size(); i++) {
                assertThat(at.get(i) - at.get(i - 21)).isGreaterThanOrEqualTo(6000 * MS);
            }
            // the private chat's meme did not wait for the group's burst
            assertThat(privateReply.atNanos()).isLessThan(at.get(20));
            assertThat(warm).isPositive();
        } finally {
            core.close();
        }
    }
}
