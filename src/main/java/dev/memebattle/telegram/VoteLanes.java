package dev.memebattle.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where battle votes are stored (each is a database transaction), off the update threads. One
 * single-threaded lane per user-id hash, fed in update order: one user's 👍 on and off keep their
 * order, while different users' votes are stored in parallel.
 */
final class VoteLanes {

    private final List<ExecutorService> lanes = new ArrayList<>();

    VoteLanes(int count) {
        for (int i = 0; i < count; i++) {
            String name = "telegram-votes-" + i;
            lanes.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /** @throws java.util.concurrent.RejectedExecutionException once shut down */
    void execute(long userId, Runnable vote) {
        lanes.get(Math.floorMod(Long.hashCode(userId), lanes.size())).execute(vote);
    }

    /** No new votes; those queued still run. */
    void shutdown() {
        lanes.forEach(ExecutorService::shutdown);
    }

    /** Waits up to {@code timeout} for queued votes, then stops the threads. */
    void awaitThenStop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (ExecutorService lane : lanes) {
                lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            lanes.forEach(ExecutorService::shutdownNow);
        }
    }
}
