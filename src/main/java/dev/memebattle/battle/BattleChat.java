package dev.memebattle.battle;

import dev.memebattle.chat.ChatOrigin;

/** The chat a battle runs in, so adapters know where to post (platform + the platform's chat id). */
public record BattleChat(String platform, String chatId) {

    public static BattleChat of(ChatOrigin origin) {
        return new BattleChat(origin.platform(), origin.chatId());
    }

    /** The same key as {@link ChatOrigin#chatKey()}. */
    public String chatKey() {
        return platform + ":" + chatId;
    }
}
