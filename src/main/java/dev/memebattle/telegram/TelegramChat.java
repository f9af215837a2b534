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

    String idText() {
        return Long.toString(id);
    }
}
