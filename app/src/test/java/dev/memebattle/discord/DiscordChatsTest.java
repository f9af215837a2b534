package dev.memebattle.discord;

import net.dv8tion.jda.api.utils.TimeUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DiscordChatsTest {

    @Test
    void creationTimeFromAnIdIsJdasWithoutItsCalendar() {
        for (long id : new long[] {175928847299117063L, 1_300_000_000_000_000_000L, 830_000_000_000_000_123L}) {
            assertThat(DiscordChats.createdMillis(id)).isEqualTo(TimeUtil.getTimeCreated(id).toInstant().toEpochMilli());
        }
        assertThat(DiscordChats.createdMillis(175928847299117063L)).isEqualTo(1462015105796L); // Discord's documented example
    }
}
