package dev.memebattle.discord;

import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * JDA waits out rate limits (429) by itself but gives up on a 5xx answer. A meme the user waited
 * for is worth two more tries. The action is rebuilt for each try because JDA consumes a
 * message's file uploads when it sends them.
 *
 * <p>A 5xx can hide a message Discord did create. Channel messages ({@link #submitMessage}) carry one
 * nonce for all tries, and JDA sends {@code enforce_nonce}, so Discord answers a retry with the
 * message it already made. The answer to a deferred interaction ({@link #submitDeferredReply}) is
 * retried as an edit of the deferred message, which is idempotent. Later follow-ups (webhooks) have
 * no such key: there a duplicate stays possible, the lesser evil compared to a meme that never arrives.
 */
final class ServerErrorRetry {

    static final int ATTEMPTS = 3;
    private static final long FIRST_BACKOFF_MILLIS = 250;
    private static final SecureRandom NONCES = new SecureRandom();

    private ServerErrorRetry() {
    }

    static <T> CompletableFuture<T> submit(Supplier<? extends RestAction<T>> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(action, 1, result);
        return result;
    }

    private static <T> void attempt(Supplier<? extends RestAction<T>> action, int attempt, CompletableFuture<T> result) {
        CompletableFuture<T> sent;
        try {
            sent = action.get().submit();
        } catch (RuntimeException e) {
            // JDA checks permissions before sending (InsufficientPermissionException): a failure like any other
            result.completeExceptionally(e);
            return;
        }
        sent.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else if (attempt < ATTEMPTS && serverError(error)) {
                long backoff = FIRST_BACKOFF_MILLIS << (attempt - 1);
                CompletableFuture.delayedExecutor(backoff, TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(action, attempt + 1, result));
            } else {
                result.completeExceptionally(error);
            }
        });
    }

    /** A channel message, retried like {@link #submit} under one nonce so a retry cannot post it twice. */
    static CompletableFuture<Message> submitMessage(Supplier<? extends MessageCreateAction> action) {
        String nonce = Long.toUnsignedString(NONCES.nextLong()); // at most 20 digits; Discord allows 25
        return submit(() -> action.get().setNonce(nonce));
    }

    /**
     * The first message after {@code deferReply}, retried like {@link #submit}. Discord turns that first
     * follow-up into the deferred "thinking" message itself, so retries edit that original
     * ({@code PATCH @original}) instead of posting again: if a failed try did land, the edit rewrites
     * the same message rather than adding a second one. {@code message} is built afresh for every try.
     */
    static CompletableFuture<Message> submitDeferredReply(InteractionHook hook, Supplier<MessageCreateData> message,
                                                          boolean ephemeral) {
        AtomicBoolean firstTry = new AtomicBoolean(true);
        return submit(() -> firstTry.getAndSet(false)
                ? hook.sendMessage(message.get()).setEphemeral(ephemeral)
                : hook.editOriginal(MessageEditData.fromCreateData(message.get())));
    }

    static boolean serverError(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof ErrorResponseException response && response.isServerError();
    }
}
