package dev.memebattle.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How late the platforms' events reach the bot, so that acknowledging them comes before rendering.
 *
 * <p>Under a burst the platform's events queue up in front of its single event thread, and rendering
 * (the bot's biggest CPU user) competes with that thread for the cores. Discord drops an interaction
 * that is not acknowledged within 3 s, while a meme that was acknowledged may take longer. So while
 * events arrive late, new generation waits a little ({@link #awaitOnTime}); it resumes as soon as
 * they arrive on time again, and never waits longer than its bound.
 *
 * <p>Lateness is measured against the fastest arrival seen recently, not against zero: the platform's
 * clock and ours may differ by a constant.
 *
 * <p>A surge counts as behind before any event is late: lateness shows only once the event thread has
 * fallen 300 ms behind, and until then rendering takes the cores the acknowledgements need (a 1,000
 * burst on 2 cores: the workers used about half a core in its first 300 ms, per async-profiler).
 * {@link #SURGE} events within {@link #SURGE_WINDOW} (200 a second) is more than the engine makes memes
 * a second, so no steady pace it can serve counts as one, and far below a burst.
 */
public final class IncomingLag {

    /** Later than the recent best by this much: the event thread is behind. */
    static final Duration LATE = Duration.ofMillis(300);
    /** Behind until no late event has arrived for this long. */
    static final Duration SETTLE = Duration.ofMillis(200);
    /** This many events within {@link #SURGE_WINDOW}: a burst is coming in (200 a second). */
    static final int SURGE = 40;
    static final Duration SURGE_WINDOW = Duration.ofMillis(200);
    /** The recent best arrival is the best of the current and the previous minute. */
    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final Supplier<Instant> wallClock;
    private final LongSupplier nanoTime;
    private long windowStart;
    private long bestInWindow = Long.MAX_VALUE;
    private long bestInPrevious = Long.MAX_VALUE;
    private long surgeWindowStart;
    private int inSurgeWindow;
    private volatile long behindUntil;

    public IncomingLag() {
        this(Instant::now, System::nanoTime);
    }

    IncomingLag(Supplier<Instant> wallClock, LongSupplier nanoTime) {
        this.wallClock = wallClock;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
        this.surgeWindowStart = windowStart;
        this.behindUntil = windowStart;
    }

    /** An event the platform created at {@code createdAt} has just reached us. */
    public void arrived(Instant createdAt) {
        long lagMillis = Duration.between(createdAt, wallClock.get()).toMillis();
        long now = nanoTime.getAsLong();
        long best;
        boolean surge;
        synchronized (this) {
            if (now - surgeWindowStart > SURGE_WINDOW.toNanos()) {
                surgeWindowStart = now;
                inSurgeWindow = 0;
            }
            surge = ++inSurgeWindow >= SURGE;
            if (now - windowStart > WINDOW_NANOS) {
                bestInPrevious = bestInWindow;
                bestInWindow = Long.MAX_VALUE;
                windowStart = now;
            }
            bestInWindow = Math.min(bestInWindow, lagMillis);
            best = Math.min(bestInWindow, bestInPrevious);
        }
        if (surge || lagMillis - best > LATE.toMillis()) {
            behindUntil = now + SETTLE.toNanos();
        }
    }

    /** Whether events are arriving late now. */
    public boolean behind() {
        return nanoTime.getAsLong() - behindUntil < 0;
    }

    /** Waits while events arrive late, at most {@code bound}. */
    void awaitOnTime(Duration bound) {
        long giveUp = nanoTime.getAsLong() + bound.toNanos();
        while (behind() && nanoTime.getAsLong() - giveUp < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
