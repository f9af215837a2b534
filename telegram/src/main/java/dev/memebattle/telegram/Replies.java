package dev.memebattle.telegram;

import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.ChatText;
import dev.memebattle.chat.Rerolls;
import dev.memebattle.engine.Meme;
import dev.memebattle.render.ImageFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Turns the core's answers into Telegram messages: memes as photos (JPEG) or animations (GIF
 * templates) replying to the command, with a 🔁 button; texts as plain messages (no parse mode,
 * so user text is never interpreted as markup). Everything goes through the {@link SendQueue}.
 */
final class Replies {

    private static final Logger log = LoggerFactory.getLogger(Replies.class);
    /** Said when Telegram keeps failing (5xx, network) to take a meme even after the retries. */
    static final String UNDELIVERED = "Telegram didn't take my meme (a problem on its side) — please try again in a moment.";

    /** callback_data of the 🔁 button (1–64 bytes); the message it sits on says which meme. */
    static final String REROLL_DATA = "reroll";
    static final int MAX_CAPTION = 1024;
    static final int MAX_TEXT = 4096;

    private final BotApi api;
    private final SendQueue queue;
    private final Rerolls rerolls;
    /** Memes being posted, per chat id: the uploads Telegram has not confirmed yet. */
    private final Map<Long, Set<CompletableFuture<?>>> posting = new ConcurrentHashMap<>();

    private final BotMetrics metrics;

    Replies(BotApi api, SendQueue queue, Rerolls rerolls, BotMetrics metrics) {
        this.metrics = metrics;
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
        CompletableFuture<Message> sent;
        if (reply instanceof ChatReply.Posted posted) {
            long uploading = System.nanoTime();
            sent = post(chat, replyTo, topic, posted).thenApply(message -> {
                metrics.upload(TelegramBot.PLATFORM, System.nanoTime() - uploading);
                if (posted.rerollable()) {
                    rerolls.posted(origin, Integer.toString(message.getMessageId()), posted.request());
                }
                return message;
            });
            track(chat, sent);
        } else if (reply instanceof ChatReply.Page page) {
            sent = text(chat, replyTo, topic, page.text(), PageButtons.buttons(page));
        } else {
            sent = text(chat, replyTo, topic, reply.text());
        }
        return sent.exceptionallyCompose(error -> {
            if (!SendQueue.transientFailure(error) || !(reply instanceof ChatReply.Posted)) {
                return CompletableFuture.failedFuture(error);
            }
            // retried and still refused: never leave the user waiting in silence
            log.warn("Telegram kept refusing the meme for chat {}: {}", chat.id(), SendQueue.unwrap(error).toString());
            return text(chat, replyTo, topic, UNDELIVERED);
        });
    }

    /**
     * Done when the memes being posted in {@code chat} right now are posted and rerollable (or
     * failed), at most {@code wait} from now. A 🔁 can arrive before Telegram's answer to the upload
     * does: it waits for this rather than finding no meme.
     */
    CompletableFuture<Void> postsSettled(TelegramChat chat, Duration wait) {
        Set<CompletableFuture<?>> pending = posting.get(chat.id());
        if (pending == null || pending.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                .handle((ok, error) -> (Void) null)
                .completeOnTimeout(null, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void track(TelegramChat chat, CompletableFuture<?> post) {
        Set<CompletableFuture<?>> pending = posting.computeIfAbsent(chat.id(), id -> ConcurrentHashMap.newKeySet());
        pending.add(post);
        post.whenComplete((ok, error) -> {
            pending.remove(post);
            posting.computeIfPresent(chat.id(), (id, set) -> set.isEmpty() ? null : set);
        });
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
        return media(chat, replyTo, topic, posted.meme(), caption(posted.meme()), posted.rerollable() ? rerollButton() : null);
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
