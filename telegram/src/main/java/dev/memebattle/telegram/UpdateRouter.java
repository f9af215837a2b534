package dev.memebattle.telegram;

import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.battle.VoteLanes;
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

/**
 * Hands each update from long polling (or the webhook) to the handler for its kind, on our own
 * executor (the polling thread must go straight back to polling, a webhook post be answered at once). Kinds we do not handle are ignored; nothing a
 * user sends can throw out of here. Counts the work still running so shutdown can let it finish.
 */
final class UpdateRouter implements LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(UpdateRouter.class);

    /** What we ask Telegram for ({@code message_reaction} is only sent when listed). */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "inline_query", "message_reaction");

    private final ExecutorService executor;
    private final VoteLanes votes;
    private final CommandMessages commands;
    private final Rerolling rerolling;
    private final BattleVotes battleVotes;
    private final PageButtons pages;
    private final InlineMemes inline;
    private int running; // guarded by this; counted from dispatch, so queued work is waited for too
    private volatile boolean accepting = true;

    private final BotMetrics metrics;

    /** @param metrics observes how late updates arrive (their message's date to now) */
    UpdateRouter(BotMetrics metrics, ExecutorService executor, VoteLanes votes, CommandMessages commands,
                 Rerolling rerolling, BattleVotes battleVotes, PageButtons pages, InlineMemes inline) {
        this.metrics = metrics;
        this.executor = executor;
        this.votes = votes;
        this.commands = commands;
        this.rerolling = rerolling;
        this.battleVotes = battleVotes;
        this.pages = pages;
        this.inline = inline;
    }

    /**
     * Votes go to their voter's lane right here, in update order (a 👍 on and off must not swap);
     * everything else to the executor.
     */
    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            if (!accepting) {
                return;
            }
            if (update.hasMessage() && update.getMessage().getDate() != null) {
                // Telegram dates are whole seconds: the lag is as precise as that
                metrics.arrivalLag(TelegramBot.PLATFORM, TimeUnit.MILLISECONDS.toNanos(
                        Math.max(0, System.currentTimeMillis() - update.getMessage().getDate() * 1000L)));
            }
            begin();
            try {
                if (BattleVotes.isVote(update)) {
                    votes.execute(Long.toString(BattleVotes.voter(update)), () -> run(update));
                } else {
                    executor.execute(() -> run(update));
                }
            } catch (RejectedExecutionException e) {
                end();
                log.debug("Update {} dropped: shutting down", update.getUpdateId());
            }
        }
    }

    private void run(Update update) {
        CompletableFuture<?> done;
        try {
            done = route(update);
        } catch (RuntimeException e) {
            log.error("Update handler failed", e);
            done = CompletableFuture.completedFuture(null);
        }
        done.whenComplete((r, error) -> {
            if (error != null) {
                log.warn("Update handling failed: {}", SendQueue.unwrap(error).toString());
            }
            end();
        });
    }

    private CompletableFuture<?> route(Update update) {
        if (update.hasMessage()) {
            return commands.handle(update.getMessage());
        } else if (update.hasCallbackQuery()) {
            String data = update.getCallbackQuery().getData();
            if (data != null && data.startsWith(BattlePosts.VOTE_DATA)) {
                return battleVotes.button(update.getCallbackQuery());
            }
            return data != null && data.startsWith(PageButtons.DATA)
                    ? pages.button(update.getCallbackQuery())
                    : rerolling.button(update.getCallbackQuery());
        } else if (update.hasInlineQuery()) {
            return inline.answer(update.getInlineQuery(), update.getUpdateId());
        } else if (update.hasMessageReaction()) {
            // one reaction update can add 🔁 and take 👍 away at once
            return CompletableFuture.allOf(battleVotes.reaction(update.getMessageReaction()),
                    rerolling.reaction(update.getMessageReaction()));
        }
        log.debug("Ignoring update {} of a kind we don't handle", update.getUpdateId());
        return CompletableFuture.completedFuture(null);
    }

    private synchronized void begin() {
        running++;
    }

    private synchronized void end() {
        running--;
        notifyAll();
    }

    /** Stops taking updates and waits up to {@code grace} for those being handled. */
    void drain(Duration grace) {
        accepting = false;
        executor.shutdown();
        votes.shutdown();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
            votes.awaitThenStop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
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
        try {
            votes.awaitThenStop(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized int running() {
        return running;
    }
}
