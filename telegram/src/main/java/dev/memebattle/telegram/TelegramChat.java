package dev.memebattle.telegram;

import org.telegram.telegrambots.meta.api.objects.chat.Chat;

/**
 * A chat as the adapter needs it: where to send, and whether group flood limits apply.
 *
 * @param group a group or supergroup (20 messages per minute)
 */
record TelegramChat(long id, boolean group, boolean privateChat) {

    static TelegramChat of(Chat chat) {
        String type = chat.getType() == null ? "" : chat.getType();
        return new TelegramChat(chat.getId(), type.equals("group") || type.equals("supergroup"), type.equals("private"));
    }

    /**
     * A chat known only by its id (a battle's, from the database): Telegram gives groups and
     * channels negative ids and users positive ones.
     */
    static TelegramChat byId(long id) {
        return new TelegramChat(id, id < 0, id > 0);
    }

    String idText() {
        return Long.toString(id);
    }
}
