package dev.memebattle.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Hands each update from long polling to the handler for its kind, on our own executor (the
 * polling thread must go straight back to polling). Kinds we do not handle are ignored; nothing a
 * user sends can throw out of here. Counts the work still running so shutdown can let it finish.
 */
final class UpdateRouter implements LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(UpdateRouter.class);

    /** What we ask Telegram for ({@code message_reaction} is only sent when listed). */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "inline_query", "message_reaction");

    private final ExecutorService executor;
    private final CommandMessages commands;
    private final Rerolling rerolling;
    private final InlineMemes inline;
    private int running; // guarded by this
    private volatile boolean accepting = true;

    UpdateRouter(ExecutorService executor, CommandMessages commands, Rerolling rerolling, InlineMemes inline) {
        this.executor = executor;
        this.commands = commands;
        this.rerolling = rerolling;
        this.inline = inline;
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            if (!accepting) {
                return;
            }
            try {
                executor.execute(() -> route(update));
            } catch (RejectedExecutionException e) {
                log.debug("Update {} dropped: shutting down", update.getUpdateId());
            }
        }
    }

    private void route(Update update) {
        if (update.hasMessage()) {
            track(() -> commands.handle(update.getMessage()));
        } else if (update.hasCallbackQuery()) {
            track(() -> rerolling.button(update.getCallbackQuery()));
        } else if (update.hasInlineQuery()) {
            track(() -> inline.answer(update.getInlineQuery(), update.getUpdateId()));
        } else if (update.hasMessageReaction()) {
            track(() -> rerolling.reaction(update.getMessageReaction()));
        } else {
            log.debug("Ignoring update {} of a kind we don't handle", update.getUpdateId());
        }
    }

    private void track(Supplier<CompletableFuture<?>> work) {
        synchronized (this) {
            running++;
        }
        CompletableFuture<?> done;
        try {
            done = work.get();
        } catch (RuntimeException e) {
            log.error("Update handler failed", e);
            done = CompletableFuture.completedFuture(null);
        }
        done.whenComplete((r, error) -> {
            if (error != null) {
                log.warn("Update handling failed: {}", SendQueue.unwrap(error).toString());
            }
            synchronized (this) {
                running--;
                notifyAll();
            }
        });
    }

    /** Stops taking updates and waits up to {@code grace} for those being handled. */
    void drain(Duration grace) {
        accepting = false;
        executor.shutdown();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            synchronized (this) {
                while (running > 0 && System.nanoTime() < deadline) {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
                if (running > 0) {
                    log.warn("Telegram shut down with {} update(s) still being handled", running);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    synchronized int running() {
        return running;
    }
}
