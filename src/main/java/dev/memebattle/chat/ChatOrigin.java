package dev.memebattle.chat;

/**
 * Where a command came from, in platform-neutral terms.
 *
 * @param platform "discord", "telegram", "console"
 * @param chatId   the server/guild or chat the settings belong to
 * @param userId   who sent the command
 */
public record ChatOrigin(String platform, String chatId, String userId) {
}
