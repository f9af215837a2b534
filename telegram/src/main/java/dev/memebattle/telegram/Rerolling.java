package dev.memebattle.telegram;

import dev.memebattle.chat.ChatOrigin;
import dev.memebattle.chat.ChatReply;
import dev.memebattle.chat.Rerolls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.reactions.MessageReactionUpdated;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionType;
import org.telegram.telegrambots.meta.api.objects.reactions.ReactionTypeEmoji;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * 🔁 on a posted meme, as the inline button or as a message reaction: {@link Rerolls} decides,
 * and a new meme replaces the old one in the same message (editMessageMedia). Every button press
 * is answered (answerCallbackQuery), with a short text when it is refused, so the user's client
 * stops its spinner. A refused reaction gets no answer: there is nowhere private to put one.
 */
final class Rerolling {

    private static final Logger log = LoggerFactory.getLogger(Rerolling.class);
    /** The longest a 🔁 waits for the meme it was pressed on to be confirmed. */
    static final Duration POST_WAIT = Duration.ofSeconds(15);
    static final String UNKNOWN_BUTTON = "This button doesn't work any more — make a new meme with /meme.";

    private final Rerolls rerolls;
    private final ChatAdmins admins;
    private final Replies replies;
    private final BotApi api;

    Rerolling(Rerolls rerolls, ChatAdmins admins, Replies replies, BotApi api) {
        this.rerolls = rerolls;
        this.admins = admins;
        this.replies = replies;
        this.api = api;
    }

    CompletableFuture<Void> button(CallbackQuery query) {
        MaybeInaccessibleMessage message = query.getMessage();
        if (!Replies.REROLL_DATA.equals(query.getData()) || message == null || message.getChat() == null
                || query.getFrom() == null) {
            return api.answerCallback(query, UNKNOWN_BUTTON);
        }
        TelegramChat chat = TelegramChat.of(message.getChat());
        int messageId = message.getMessageId();
        AtomicBoolean answered = new AtomicBoolean();
        Function<String, CompletableFuture<Void>> answerOnce = text -> answered.compareAndSet(false, true)
                ? api.answerCallback(query, text) : CompletableFuture.completedFuture(null);
        return reroll(chat, query.getFrom().getId(), messageId).thenCompose(result -> {
            if (result.isEmpty()) {
                return answerOnce.apply(Rerolls.NOT_YOURS);
            }
            if (!(result.get() instanceof ChatReply.Posted)) {
                return answerOnce.apply(result.get().text());
            }
            // answer first: the button's spinner stops while the new image uploads
            CompletableFuture<Void> answer = answerOnce.apply(null);
            return replies.replace(chat, messageId, (ChatReply.Posted) result.get())
                    .thenCombine(answer, (a, b) -> (Void) null);
        }).exceptionallyCompose(error -> {
            log.warn("Reroll in chat {} failed: {}", chat.id(), SendQueue.unwrap(error).toString());
            return answerOnce.apply("That didn't work — please try again.");
        });
    }

    CompletableFuture<Void> reaction(MessageReactionUpdated reaction) {
        if (reaction.getUser() == null || reaction.getChat() == null || reaction.getMessageId() == null
                || !added(reaction.getOldReaction(), reaction.getNewReaction())) {
            return CompletableFuture.completedFuture(null); // anonymous, or not a new 🔁
        }
        TelegramChat chat = TelegramChat.of(reaction.getChat());
        int messageId = reaction.getMessageId();
        return reroll(chat, reaction.getUser().getId(), messageId).thenCompose(result -> {
            if (result.isPresent() && result.get() instanceof ChatReply.Posted posted) {
                return replies.replace(chat, messageId, posted).thenApply(edited -> (Void) null);
            }
            result.ifPresent(r -> log.info("Reroll by reaction refused in chat {}: {}", chat.id(),
                    r.text()));
            return CompletableFuture.completedFuture(null);
        }).whenComplete((done, error) -> {
            if (error != null) {
                log.warn("Reroll by reaction in chat {} failed: {}", chat.id(), SendQueue.unwrap(error).toString());
            }
        });
    }

    private CompletableFuture<Optional<ChatReply>> reroll(TelegramChat chat, long userId, int messageId) {
        ChatOrigin reactor = new ChatOrigin("telegram", chat.idText(), Long.toString(userId),
                admins.knownAdmin(chat, userId));
        // a 🔁 pressed before Telegram confirmed the upload would find no meme yet: wait for it
        return replies.postsSettled(chat, POST_WAIT)
                .thenCompose(settled -> rerolls.reroll(reactor, Integer.toString(messageId)));
    }

    /** 🔁 is among the new reactions and was not among the old ones. */
    static boolean added(List<ReactionType> before, List<ReactionType> after) {
        return contains(after) && !contains(before);
    }

    private static boolean contains(List<ReactionType> reactions) {
        return reactions != null && reactions.stream()
                .anyMatch(r -> r instanceof ReactionTypeEmoji e && Rerolls.EMOJI.equals(e.getEmoji()));
    }
}
