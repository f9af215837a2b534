package dev.memebattle.telegram;

import dev.memebattle.battle.BattleChat;

/**
 * Where a battle posts on Telegram: the chat, and the forum topic {@code /battle start} was used
 * in (null = the chat's main thread). Stored by the core as {@link BattleChat#channel()}
 * ("chatId" or "chatId/topic"), so posts after a restart still go to the right topic.
 */
record BattleChannel(TelegramChat chat, Integer topic) {

    String channel() {
        return topic == null ? chat.idText() : chat.idText() + "/" + topic;
    }

    /** The channel the core stored; a malformed one falls back to the chat itself. */
    static BattleChannel of(BattleChat battle) {
        long chatId = Long.parseLong(battle.chatId());
        Integer topic = null;
        String channel = battle.channel();
        int slash = channel.indexOf('/');
        if (slash > 0 && channel.substring(0, slash).equals(battle.chatId())) {
            try {
                topic = Integer.valueOf(channel.substring(slash + 1));
            } catch (NumberFormatException e) {
                topic = null;
            }
        }
        return new BattleChannel(TelegramChat.byId(chatId), topic);
    }
}
