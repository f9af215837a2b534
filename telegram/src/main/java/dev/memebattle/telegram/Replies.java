package dev.memebattle.telegram;

import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.ChatText;
import dev.memebattle.chat.Rerolls;
import dev.memebattle.engine.Meme;
import dev.memebattle.render.ImageFormat;
import org.telegram.telegrambots.meta.api.methods.send.SendAnimation;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.media.InputMedia;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaAnimation;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Turns the core's answers into Telegram messages: memes as photos (JPEG) or animations (GIF
 * templates) replying to the command, with a 🔁 button; texts as plain messages (no parse mode,
 * so user text is never interpreted as markup). Everything goes through the {@link SendQueue}.
 */
final class Replies {

    /** callback_data of the 🔁 button (1–64 bytes); the message it sits on says which meme. */
    static final String REROLL_DATA = "reroll";
    static final int MAX_CAPTION = 1024;
    static final int MAX_TEXT = 4096;

    private final BotApi api;
    private final SendQueue queue;
    private final Rerolls rerolls;

    Replies(BotApi api, SendQueue queue, Rerolls rerolls) {
        this.api = api;
        this.queue = queue;
        this.rerolls = rerolls;
    }

    /**
     * Posts {@code reply} as an answer to message {@code replyTo}; remembers posted memes for rerolls.
     *
     * @param topic the forum topic the command was written in, or null
     */
    CompletableFuture<Message> answer(ChatOrigin origin, TelegramChat chat, int replyTo, Integer topic, ChatReply reply) {
        if (reply instanceof ChatReply.Posted posted) {
            return post(chat, replyTo, topic, posted).thenApply(message -> {
                rerolls.posted(origin, Integer.toString(message.getMessageId()), posted.request());
                return message;
            });
        }
        if (reply instanceof ChatReply.Page page) {
            return text(chat, replyTo, topic, page.text(), PageButtons.buttons(page));
        }
        return text(chat, replyTo, topic, reply.text());
    }

    CompletableFuture<Message> text(TelegramChat chat, int replyTo, Integer topic, String text) {
        return text(chat, (Integer) replyTo, topic, text);
    }

    /** @param replyTo the message this answers, or null for a message of its own */
    CompletableFuture<Message> text(TelegramChat chat, Integer replyTo, Integer topic, String text) {
        return text(chat, replyTo, topic, text, null);
    }

    /** @param buttons an inline keyboard, or null */
    CompletableFuture<Message> text(TelegramChat chat, Integer replyTo, Integer topic, String text,
                                    InlineKeyboardMarkup buttons) {
        return queue.submit(chat.idText(), chat.group(), "sendMessage", () -> api.call(SendMessage.builder()
                .chatId(chat.id())
                .messageThreadId(topic)
                .text(limit(text.isBlank() ? "…" : text, MAX_TEXT))
                .replyParameters(replyTo == null ? null : replyTo(replyTo))
                .replyMarkup(buttons)
                .build()));
    }

    private CompletableFuture<Message> post(TelegramChat chat, int replyTo, Integer topic, ChatReply.Posted posted) {
        return media(chat, replyTo, topic, posted.meme(), caption(posted.meme()), rerollButton());
    }

    /**
     * A meme as a photo (JPEG/PNG) or an animation (GIF), with {@code caption} and {@code buttons}.
     *
     * @param replyTo the message this answers, or null
     * @param buttons the inline keyboard, or null
     */
    CompletableFuture<Message> media(TelegramChat chat, Integer replyTo, Integer topic, Meme meme, String caption,
                                     InlineKeyboardMarkup buttons) {
        String text = limit(caption, MAX_CAPTION);
        ReplyParameters reply = replyTo == null ? null : replyTo(replyTo);
        if (animated(meme)) {
            return queue.submit(chat.idText(), chat.group(), "sendAnimation", () -> BotApi.attempt(() -> api.client()
                    .executeAsync(SendAnimation.builder()
                            .chatId(chat.id())
                            .messageThreadId(topic)
                            .animation(new InputFile(new ByteArrayInputStream(meme.image().bytes()), fileName(meme)))
                            .caption(text)
                            .width(meme.image().width())
                            .height(meme.image().height())
                            .replyParameters(reply)
                            .replyMarkup(buttons)
                            .build())));
        }
        return queue.submit(chat.idText(), chat.group(), "sendPhoto", () -> BotApi.attempt(() -> api.client()
                .executeAsync(SendPhoto.builder()
                        .chatId(chat.id())
                        .messageThreadId(topic)
                        .photo(new InputFile(new ByteArrayInputStream(meme.image().bytes()), fileName(meme)))
                        .caption(text)
                        .replyParameters(reply)
                        .replyMarkup(buttons)
                        .build())));
    }

    /** Shows a rerolled meme in place of the old one (same message, same 🔁 button). */
    CompletableFuture<Serializable> replace(TelegramChat chat, int messageId, ChatReply.Posted posted) {
        Meme meme = posted.meme();
        return queue.submit(chat.idText(), chat.group(), "editMessageMedia", () -> BotApi.attempt(() -> {
            InputMedia media = animated(meme)
                    ? new InputMediaAnimation(new ByteArrayInputStream(meme.image().bytes()), fileName(meme))
                    : new InputMediaPhoto(new ByteArrayInputStream(meme.image().bytes()), fileName(meme));
            media.setCaption(caption(meme));
            return api.client().executeAsync(EditMessageMedia.builder()
                    .chatId(chat.id())
                    .messageId(messageId)
                    .media(media)
                    .replyMarkup(rerollButton())
                    .build());
        }));
    }

    static boolean animated(Meme meme) {
        return meme.image().format() == ImageFormat.GIF;
    }

    /** The caption starts with the meme's text (what users search and quote), then the template. */
    static String caption(Meme meme) {
        String text = ChatText.mentionSafe(meme.caption().strip());
        String name = meme.template().name();
        return limit(text.isEmpty() ? name : text + "\n— " + name, MAX_CAPTION);
    }

    /** Unique per upload: Telegram attaches files by name within one request. */
    static String fileName(Meme meme) {
        return "meme-" + meme.template().key() + "-" + Long.toHexString(meme.seed()) + "." + meme.image().fileExtension();
    }

    static InlineKeyboardMarkup rerollButton() {
        return new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(
                InlineKeyboardButton.builder().text(Rerolls.EMOJI).callbackData(REROLL_DATA).build())));
    }

    /** A reply that is still delivered when the command was deleted in the meantime. */
    private static ReplyParameters replyTo(int messageId) {
        return ReplyParameters.builder().messageId(messageId).allowSendingWithoutReply(true).build();
    }

    /** Cuts at a code point boundary, never in the middle of an emoji's surrogate pair. */
    static String limit(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(text.charAt(end)) || Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
