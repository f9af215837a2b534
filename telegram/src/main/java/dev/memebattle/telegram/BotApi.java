package dev.memebattle.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The Telegram client as futures that never throw: a request the library refuses to build (its
 * own validation) becomes a failed future like any API error.
 */
final class BotApi {

    private static final Logger log = LoggerFactory.getLogger(BotApi.class);

    /** Direct calls (answers to queries) are only worth retrying while the user still waits. */
    static final int DIRECT_ATTEMPTS = 3;
    static final int DIRECT_MAX_WAIT_SECONDS = 5;

    private final TelegramClient client;
    private final ScheduledExecutorService timer;

    BotApi(TelegramClient client, ScheduledExecutorService timer) {
        this.client = client;
        this.timer = timer;
    }

    TelegramClient client() {
        return client;
    }

    <T extends Serializable, M extends BotApiMethod<T>> CompletableFuture<T> call(M method) {
        try {
            return client.executeAsync(method);
        } catch (TelegramApiException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Runs {@code attempt} (which may throw), as a future. */
    static <T> CompletableFuture<T> attempt(ThrowingSupplier<CompletableFuture<T>> attempt) {
        try {
            return attempt.get();
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A call outside the send queue (answerCallbackQuery, answerInlineQuery, getChatAdministrators):
     * on 429 it waits {@code retry_after} and tries again, while the wait is short enough to matter.
     */
    <T> CompletableFuture<T> direct(String what, Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        directAttempt(what, call, 1, result);
        return result;
    }

    private <T> void directAttempt(String what, Supplier<CompletableFuture<T>> call, int attempt, CompletableFuture<T> result) {
        CompletableFuture<T> f;
        try {
            f = call.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
                return;
            }
            Integer retryAfter = SendQueue.retryAfterSeconds(error);
            if (retryAfter != null && retryAfter <= DIRECT_MAX_WAIT_SECONDS && attempt < DIRECT_ATTEMPTS) {
                log.warn("Telegram flood limit on {}: retrying in {} s", what, retryAfter);
                try {
                    timer.schedule(() -> directAttempt(what, call, attempt + 1, result), Math.max(1, retryAfter),
                            TimeUnit.SECONDS);
                    return;
                } catch (RejectedExecutionException stopped) {
                    // shutting down: report the original error
                }
            }
            result.completeExceptionally(SendQueue.unwrap(error));
        });
    }

    /**
     * Answers a button press (stops the client's spinner), with a short toast when {@code text} is
     * not null. Never fails: a lost answer only leaves the spinner to time out.
     */
    CompletableFuture<Void> answerCallback(CallbackQuery query, String text) {
        return direct("answerCallbackQuery", () -> call(AnswerCallbackQuery.builder()
                        .callbackQueryId(query.getId())
                        .text(text == null ? null : Replies.limit(text, 200))
                        .build()))
                .handle((ok, error) -> {
                    if (error != null) {
                        log.warn("answerCallbackQuery failed: {}", SendQueue.unwrap(error).toString());
                    }
                    return null;
                });
    }

    @FunctionalInterface
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
