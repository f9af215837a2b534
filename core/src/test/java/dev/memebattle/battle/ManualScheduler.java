package dev.memebattle.battle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scheduler on a {@link ManualClock}: nothing runs by itself; {@link #advanceTo} moves the clock
 * through the due times in order and runs each task on the calling thread, so tests see exactly
 * what a real scheduler would do at those times, without waiting.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final ManualClock clock;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean shutdown;

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    final class Task implements ScheduledFuture<Object> {
        final Runnable body;
        final long periodMillis; // 0 = once
        final long seq = sequence.incrementAndGet();
        Instant at;
        volatile boolean cancelled;
        volatile boolean done;

        Task(Runnable body, Instant at, long periodMillis) {
            this.body = body;
            this.at = at;
            this.periodMillis = periodMillis;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), at).toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task other = (Task) o;
            int c = at.compareTo(other.at);
            return c != 0 ? c : Long.compare(seq, other.seq);
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            cancelled = true;
            synchronized (ManualScheduler.this) {
                queue.remove(this);
            }
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }

    private synchronized Task add(Runnable body, long delayMillis, long periodMillis) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("scheduler is shut down");
        }
        Task task = new Task(body, clock.instant().plusMillis(Math.max(0, delayMillis)), periodMillis);
        queue.add(task);
        return task;
    }

    /** Runs everything due now (and whatever that schedules for now). */
    public void runDue() {
        advanceTo(clock.instant());
    }

    public void advance(Duration by) {
        advanceTo(clock.instant().plus(by));
    }

    /** Moves the clock to {@code target}, running each task at its due time, in order. */
    public void advanceTo(Instant target) {
        while (true) {
            Task next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.at.isAfter(target)) {
                    break;
                }
                queue.poll();
            }
            if (next.at.isAfter(clock.instant())) {
                clock.set(next.at);
            }
            next.body.run();
            if (next.periodMillis > 0 && !next.cancelled) {
                synchronized (this) {
                    next.at = clock.instant().plusMillis(next.periodMillis);
                    queue.add(next);
                }
            } else {
                next.done = true;
            }
        }
        if (target.isAfter(clock.instant())) {
            clock.set(target);
        }
    }

    public synchronized int pending() {
        return queue.size();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(command, unit.toMillis(delay), 0);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException("not used");
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(command, unit.toMillis(initialDelay), unit.toMillis(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(command, unit.toMillis(initialDelay), unit.toMillis(delay));
    }

    @Override
    public void execute(Runnable command) {
        add(command, 0, 0);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>();
        queue.forEach(t -> left.add(t.body));
        queue.clear();
        return left;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }
}
