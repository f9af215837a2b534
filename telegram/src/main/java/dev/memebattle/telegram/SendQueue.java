package dev.memebattle.telegram;

import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.config.TelegramConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Paces everything the bot posts (messages and edits) within Telegram's flood limits, and never
 * drops a send because of them.
 * <ul>
 *   <li>One lane per chat, first in first out, one request in flight per chat: replies keep their
 *       order and a chat never gets a burst.</li>
 *   <li>A chat's sends start at least {@code chatIntervalMs} apart; a group gets at most
 *       {@code groupLimit} per {@code groupWindowMs}, and once half of them are used the others are
 *       spread evenly over the window (a busy group keeps getting a send every few seconds instead
 *       of none for the rest of the minute); all chats together at most {@code perSecond}
 *       per second. Ready chats are served round robin, so one busy group cannot starve others.</li>
 *   <li>429 "Too Many Requests": the chat waits {@code retry_after} and the same send is retried at
 *       the head of its lane. Network failures and Telegram's 5xx are retried a few times with
 *       back-off (a 5xx after Telegram took the message may then show it twice: a rare duplicate
 *       beats a reply lost for good); other API errors (a deleted message, a bad request) fail the
 *       returned future.</li>
 *   <li>The one case a send is refused: {@value #MAX_WAITING_PER_CHAT} already wait for its chat
 *       (a chat flooding the bot), so memory stays bounded.</li>
 * </ul>
 * A send is a {@link Supplier} that builds a fresh request per attempt, because an uploaded file
 * is a stream that a failed attempt has consumed.
 */
final class SendQueue {

    private static final Logger log = LoggerFactory.getLogger(SendQueue.class);
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    static final int NETWORK_RETRIES = 4;
    /**
     * Sends that may wait in one chat (15 minutes of a group's 20 per minute). Only a chat flooding
     * the bot with commands gets past it; its extra replies are refused rather than held in memory.
     */
    static final int MAX_WAITING_PER_CHAT = 300;

    private final long chatInterval;
    private final int groupLimit;
    private final long groupWindow;
    private final int perSecond;
    private final ScheduledExecutorService timer;
    private final LongSupplier nanoTime;

    // all guarded by "this"
    private final LinkedHashMap<String, Lane> lanes = new LinkedHashMap<>();
    private final ArrayDeque<Long> recentStarts = new ArrayDeque<>();
    private long wakeupAt = Long.MAX_VALUE;
    private boolean closed;

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong floodWaits = new AtomicLong();
    private final BotMetrics metrics;

    SendQueue(TelegramConfig.Flood limits, ScheduledExecutorService timer) {
        this(limits, timer, System::nanoTime, BotMetrics.unscraped());
    }

    /** @param metrics counts Telegram's 429s with the wait it asked for */
    SendQueue(TelegramConfig.Flood limits, ScheduledExecutorService timer, BotMetrics metrics) {
        this(limits, timer, System::nanoTime, metrics);
    }

    SendQueue(TelegramConfig.Flood limits, ScheduledExecutorService timer, LongSupplier nanoTime) {
        this(limits, timer, nanoTime, BotMetrics.unscraped());
    }

    private SendQueue(TelegramConfig.Flood limits, ScheduledExecutorService timer, LongSupplier nanoTime,
                      BotMetrics metrics) {
        this.metrics = metrics;
        this.chatInterval = TimeUnit.MILLISECONDS.toNanos(limits.chatIntervalMs());
        this.groupLimit = limits.groupLimit();
        this.groupWindow = TimeUnit.MILLISECONDS.toNanos(limits.groupWindowMs());
        this.perSecond = limits.perSecond();
        this.timer = timer;
        this.nanoTime = nanoTime;
    }

    /**
     * @param chatId the chat the request posts into (its lane)
     * @param group  a group or supergroup: the per-group window applies
     * @param what   for logs ("sendPhoto"), never secrets
     * @param call   makes one attempt; called again for a retry
     */
    <T> CompletableFuture<T> submit(String chatId, boolean group, String what, Supplier<CompletableFuture<T>> call) {
        return submit(chatId, group, what, () -> true, call);
    }

    /**
     * @param wanted asked when the send's turn comes: false drops it without using up a slot (the
     *               future fails with {@link CancellationException}), e.g. an inline query that the
     *               user has already typed past
     */
    <T> CompletableFuture<T> submit(String chatId, boolean group, String what, BooleanSupplier wanted,
                                    Supplier<CompletableFuture<T>> call) {
        Job<T> job = new Job<>(what, wanted, call);
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new IllegalStateException("The Telegram bot is shutting down"));
            }
            Lane lane = lanes.computeIfAbsent(chatId, id -> new Lane(id, group));
            if (lane.jobs.size() >= MAX_WAITING_PER_CHAT) {
                log.warn("Chat {} has {} sends waiting; refusing {}", chatId, lane.jobs.size(), what);
                return CompletableFuture.failedFuture(new IllegalStateException(
                        "Too many messages waiting for chat " + chatId));
            }
            lane.jobs.addLast(job);
        }
        pumpSoon(0);
        return job.result;
    }

    /** Sends waiting in every chat's lane (a gauge for the operator). */
    synchronized int waiting() {
        return lanes.values().stream().mapToInt(lane -> lane.jobs.size()).sum();
    }

    /**
     * Nothing waits for {@code chatId}, nothing is in flight there, and (for a group) under half its
     * window's sends are used (past that, its sends are spread out): background sends (warming inline
     * candidates) may take a slot without delaying what people wait for.
     */
    synchronized boolean calm(String chatId) {
        Lane lane = lanes.get(chatId);
        if (lane == null) {
            return true;
        }
        lane.forget(nanoTime.getAsLong(), groupWindow);
        return !lane.busy && lane.jobs.isEmpty() && !lane.pastHalf(groupLimit);
    }

    /** Sends started so far, and how often Telegram told us to wait (429). */
    long sent() {
        return sent.get();
    }

    long floodWaits() {
        return floodWaits.get();
    }

    /** Waits up to {@code grace} for queued sends to finish, then fails the rest. */
    void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            closed = true;
            while (hasWork() && System.nanoTime() < deadline) {
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            int dropped = 0;
            for (Lane lane : lanes.values()) {
                for (Job<?> job : lane.jobs) {
                    job.result.completeExceptionally(new IllegalStateException("The Telegram bot shut down"));
                    dropped++;
                }
                lane.jobs.clear();
            }
            if (dropped > 0) {
                log.warn("Telegram shut down with {} send(s) still queued", dropped);
            }
        }
    }

    private boolean hasWork() {
        for (Lane lane : lanes.values()) {
            if (lane.busy || !lane.jobs.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private void pumpSoon(long delayNanos) {
        try {
            if (delayNanos <= 0) {
                timer.execute(this::pump);
            } else {
                timer.schedule(this::pump, delayNanos, TimeUnit.NANOSECONDS);
            }
        } catch (RejectedExecutionException e) {
            log.debug("Send timer stopped; pump skipped");
        }
    }

    /**
     * Starts every send that the limits allow now and schedules a wake-up for the next one. Runs
     * on the timer thread only, so sends start one after another and their recorded times only grow.
     */
    private void pump() {
        List<Start> starts = new ArrayList<>();
        List<Job<?>> dropped = new ArrayList<>();
        synchronized (this) {
            long now = nanoTime.getAsLong();
            if (now >= wakeupAt) {
                wakeupAt = Long.MAX_VALUE;
            }
            while (!recentStarts.isEmpty() && now - recentStarts.peekFirst() >= SECOND) {
                recentStarts.pollFirst();
            }
            long next = Long.MAX_VALUE;
            List<Lane> served = new ArrayList<>();
            for (Iterator<Lane> it = lanes.values().iterator(); it.hasNext(); ) {
                Lane lane = it.next();
                if (lane.busy) {
                    continue;
                }
                lane.forget(now, groupWindow);
                if (lane.jobs.isEmpty()) {
                    if (lane.idle(now)) {
                        it.remove();
                    }
                    continue;
                }
                long ready = lane.readyAt(groupLimit, groupWindow);
                if (ready > now) {
                    next = Math.min(next, ready);
                    continue;
                }
                if (recentStarts.size() + starts.size() >= perSecond) {
                    next = Math.min(next, (recentStarts.isEmpty() ? now : recentStarts.peekFirst()) + SECOND);
                    break;
                }
                Job<?> job = lane.jobs.pollFirst();
                while (job != null && !job.stillWanted()) { // its slot goes to the lane's next send
                    dropped.add(job);
                    job = lane.jobs.pollFirst();
                }
                if (job == null) {
                    continue;
                }
                lane.busy = true;
                served.add(lane);
                starts.add(new Start(lane, job));
            }
            for (Lane lane : served) { // round robin: chats just served go to the back
                lanes.remove(lane.chatId);
                lanes.put(lane.chatId, lane);
            }
            if (next != Long.MAX_VALUE && next < wakeupAt) {
                wakeupAt = next;
                pumpSoon(next - now);
            }
        }
        for (Job<?> job : dropped) {
            job.result.completeExceptionally(new CancellationException(job.what + " no longer wanted"));
        }
        if (!dropped.isEmpty()) {
            synchronized (this) {
                notifyAll(); // close() may be waiting for the queue to empty
            }
        }
        for (Start start : starts) {
            run(start.lane, start.job);
        }
    }

    private <T> void run(Lane lane, Job<T> job) {
        sent.incrementAndGet();
        job.attempts++;
        CompletableFuture<T> attempt;
        try {
            attempt = job.call.get();
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        // The limits count from the moment the request was handed over (not from the decision to
        // send it), so a send is never early however long building the request took.
        long sentAt = nanoTime.getAsLong();
        synchronized (this) {
            lane.nextStart = Math.max(lane.nextStart, sentAt + chatInterval);
            if (lane.group) {
                lane.starts.addLast(sentAt);
            }
            recentStarts.addLast(sentAt);
        }
        attempt.whenComplete((value, error) -> finished(lane, job, value, error));
    }

    private <T> void finished(Lane lane, Job<T> job, T value, Throwable error) {
        long retryIn = -1;
        Throwable cause = unwrap(error);
        if (error != null) {
            Integer retryAfter = retryAfterSeconds(cause);
            if (retryAfter != null) {
                floodWaits.incrementAndGet();
                metrics.rateLimited(TelegramBot.PLATFORM, Duration.ofSeconds(retryAfter));
                retryIn = TimeUnit.SECONDS.toNanos(Math.max(1, retryAfter));
                log.warn("Telegram flood limit on {} in chat {}: retrying in {} s", job.what, lane.chatId, retryAfter);
            } else if (transientFailure(cause) && job.attempts <= NETWORK_RETRIES) {
                retryIn = TimeUnit.MILLISECONDS.toNanos(500L << (job.attempts - 1));
                log.warn("Telegram {} failed ({}); retry {} of {}", job.what, cause.toString(), job.attempts,
                        NETWORK_RETRIES);
            }
        }
        if (retryIn < 0) { // before the lane is free, so close() sees every finished send completed
            if (error == null) {
                job.result.complete(value);
            } else {
                job.result.completeExceptionally(cause);
            }
        }
        synchronized (this) {
            lane.busy = false;
            if (retryIn >= 0) {
                lane.jobs.addFirst(job);
                lane.nextStart = Math.max(lane.nextStart, nanoTime.getAsLong() + retryIn);
            }
            notifyAll();
        }
        pumpSoon(0);
    }

    /** A failure a later attempt may not have: the network, or Telegram's side (HTTP 5xx). */
    static boolean transientFailure(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof IOException || cause instanceof TelegramApiRequestException e
                && e.getErrorCode() != null && e.getErrorCode() >= 500;
    }

    /** Telegram's "retry after N seconds" (HTTP 429), or null for any other failure. */
    static Integer retryAfterSeconds(Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof TelegramApiRequestException e && e.getErrorCode() != null && e.getErrorCode() == 429) {
            return e.getParameters() != null && e.getParameters().getRetryAfter() != null
                    ? e.getParameters().getRetryAfter() : 1;
        }
        return null;
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private record Start(Lane lane, Job<?> job) {
    }

    private static final class Job<T> {
        final String what;
        final BooleanSupplier wanted;
        final Supplier<CompletableFuture<T>> call;
        final CompletableFuture<T> result = new CompletableFuture<>();
        int attempts;

        Job(String what, BooleanSupplier wanted, Supplier<CompletableFuture<T>> call) {
            this.what = what;
            this.wanted = wanted;
            this.call = call;
        }

        /** Asked once per turn; a retry of a send already made is always wanted. */
        boolean stillWanted() {
            try {
                return attempts > 0 || wanted.getAsBoolean();
            } catch (RuntimeException e) {
                return true;
            }
        }
    }

    /** One chat: its queue and what the limits remember about it. */
    private static final class Lane {
        final String chatId;
        final boolean group;
        final ArrayDeque<Job<?>> jobs = new ArrayDeque<>();
        /** Start times within the group window (groups only). */
        final ArrayDeque<Long> starts = new ArrayDeque<>();
        long nextStart = Long.MIN_VALUE;
        boolean busy;

        Lane(String chatId, boolean group) {
            this.chatId = chatId;
            this.group = group;
        }

        void forget(long now, long window) {
            while (!starts.isEmpty() && now - starts.peekFirst() >= window) {
                starts.pollFirst();
            }
        }

        long readyAt(int groupLimit, long window) {
            long ready = nextStart;
            if (group && starts.size() >= groupLimit) {
                ready = Math.max(ready, starts.peekFirst() + window);
            }
            if (pastHalf(groupLimit)) {
                // past half the window's sends, the rest are spread over it: a busy group gets a send
                // every window/limit (3 s) instead of none at all for the rest of the minute
                ready = Math.max(ready, starts.peekLast() + window / groupLimit);
            }
            return ready;
        }

        /** A group that has used half its window's sends: the rest are spread over the window. */
        boolean pastHalf(int groupLimit) {
            return group && starts.size() >= Math.max(1, groupLimit / 2);
        }

        /** Nothing queued and nothing the limits still need to remember: the lane can go. */
        boolean idle(long now) {
            return !busy && jobs.isEmpty() && starts.isEmpty() && (nextStart == Long.MIN_VALUE || nextStart <= now);
        }
    }

    @Override
    public String toString() {
        return "SendQueue[sent=" + sent.get() + ", floodWaits=" + floodWaits.get() + "]";
    }

    /** Queue sizes by chat, for tests and diagnostics. */
    synchronized Map<String, Integer> queued() {
        Map<String, Integer> out = new LinkedHashMap<>();
        lanes.forEach((id, lane) -> out.put(id, lane.jobs.size()));
        return out;
    }
}
