package dev.memebattle.discord;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts the interactions and reactions still being answered, so shutdown can stop taking new
 * ones and wait until the accepted ones got their reply.
 */
final class InFlightWork {

    private final Object lock = new Object();
    private int running;
    private boolean closed;

    /** @return false once closing: the caller must not start the work */
    boolean begin() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            running++;
            return true;
        }
    }

    /**
     * Work that must not be turned away while closing (battle posts and votes, which the core has
     * already stored or is about to): counted, so that the drain waits for it too.
     */
    void beginAnyway() {
        synchronized (lock) {
            running++;
        }
    }

    void end() {
        synchronized (lock) {
            running--;
            if (running <= 0) {
                lock.notifyAll();
            }
        }
    }

    boolean closed() {
        synchronized (lock) {
            return closed;
        }
    }

    int running() {
        synchronized (lock) {
            return running;
        }
    }

    /** Refuses new work and waits for what is running; @return true when everything finished in time */
    boolean closeAndAwait(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            closed = true;
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }
}
