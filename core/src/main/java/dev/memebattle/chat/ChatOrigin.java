package dev.memebattle.chat;

/**
 * Where a command came from, in platform-neutral terms.
 *
 * @param platform "discord", "telegram", "console"
 * @param chatId   the server/guild or chat that settings belong to
 * @param userId   who sent the command
 * @param admin    the platform says this user may administer the chat (Discord: Manage Server;
 *                 Telegram: chat administrator). Adapters compute it on our side from the platform,
 *                 never from anything the user typed.
 */
public record ChatOrigin(String platform, String chatId, String userId, boolean admin) {

    public ChatOrigin(String platform, String chatId, String userId) {
        this(platform, chatId, userId, false);
    }

    /** The key settings are stored under: one per chat per platform. */
    public String chatKey() {
        return platform + ":" + chatId;
    }
}
