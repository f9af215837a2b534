package dev.memebattle.discord;

import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.RestAction;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * JDA waits out rate limits (429) by itself but gives up on a 5xx answer. A meme the user waited
 * for is worth two more tries. The action is rebuilt for each try because JDA consumes a
 * message's file uploads when it sends them. A 5xx can in rare cases hide a message Discord did
 * create; a possible duplicate is the lesser evil compared to a meme that never arrives.
 */
final class ServerErrorRetry {

    static final int ATTEMPTS = 3;
    private static final long FIRST_BACKOFF_MILLIS = 250;

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

    static boolean serverError(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof ErrorResponseException response && response.isServerError();
    }
}
