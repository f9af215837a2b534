package dev.memebattle.discord;

import dev.memebattle.chat.ChatOrigin;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.utils.TimeUtil;

/** Discord's servers and direct messages as the core's chats. */
final class DiscordChats {

    static final String PLATFORM = "discord";
    /** Chat id prefix of a direct message with the bot (server ids are plain numbers). */
    static final String DM_CHAT = "dm-";

    private DiscordChats() {
    }

    /**
     * When Discord created something, from its id. Not JDA's getTimeCreated: that builds a Calendar
     * through TimeZone.getTimeZone, a JVM-wide lock JDA's REST threads take for every interaction
     * request; under a burst the gateway's event thread queued behind them for it.
     */
    static long createdMillis(long snowflake) {
        return (snowflake >>> TimeUtil.TIMESTAMP_OFFSET) + TimeUtil.DISCORD_EPOCH;
    }

    /** Admin = Manage Server (Administrator implies it), computed by JDA from the member's roles. */
    static ChatOrigin origin(String guildId, String userId, Member member) {
        boolean admin = member != null && member.hasPermission(Permission.MANAGE_SERVER);
        return new ChatOrigin(PLATFORM, guildId, userId, admin);
    }

    /**
     * In a server as above; in a direct message with the bot (guild null) the chat is the user's
     * own, as a private chat on Telegram: its settings are theirs.
     */
    static ChatOrigin origin(Guild guild, String userId, Member member) {
        return guild == null ? new ChatOrigin(PLATFORM, DM_CHAT + userId, userId, true)
                : origin(guild.getId(), userId, member);
    }
}
