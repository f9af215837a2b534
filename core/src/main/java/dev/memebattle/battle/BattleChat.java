package dev.memebattle.battle;

import dev.memebattle.chat.ChatOrigin;

/**
 * Where a battle runs: the chat its settings and leaderboard belong to, and the channel its posts
 * go to. On Telegram both are the chat; on Discord the chat is the server and the channel is
 * where {@code /battle start} was used, so adapters can post there again after a restart.
 *
 * @param channel adapter-defined address for posts; equals {@code chatId} when the adapter gives none
 */
public record BattleChat(String platform, String chatId, String channel) {

    public BattleChat {
        channel = channel == null || channel.isBlank() ? chatId : channel;
    }

    public BattleChat(String platform, String chatId) {
        this(platform, chatId, null);
    }

    public static BattleChat of(ChatOrigin origin, String channel) {
        return new BattleChat(origin.platform(), origin.chatId(), channel);
    }

    /** The same key as {@link ChatOrigin#chatKey()}. */
    public String chatKey() {
        return platform + ":" + chatId;
    }
}
