package dev.memebattle.battle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where adapters store votes, off their event threads (each vote is a database transaction). One
 * single-threaded lane per user-id hash, fed in event order: one user's 👍 on and off keep their
 * order (a quick on/off ends as "no vote"), while different users' votes are stored in parallel.
 */
public final class VoteLanes implements AutoCloseable {

    private final List<ExecutorService> lanes = new ArrayList<>();

    /** @param name thread name prefix, e.g. "discord-votes" */
    public VoteLanes(String name, int count) {
        for (int i = 0; i < count; i++) {
            String thread = name + "-" + i;
            lanes.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, thread);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /** @throws java.util.concurrent.RejectedExecutionException once shut down */
    public void execute(String userId, Runnable vote) {
        lanes.get(Math.floorMod(userId.hashCode(), lanes.size())).execute(vote);
    }

    /** No new votes; those queued still run. */
    public void shutdown() {
        lanes.forEach(ExecutorService::shutdown);
    }

    /** Waits up to {@code timeout} for queued votes, then stops the threads. */
    public void awaitThenStop(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (ExecutorService lane : lanes) {
                lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            lanes.forEach(ExecutorService::shutdownNow);
        }
    }

    /** Lets queued votes finish (bounded), then stops the threads. */
    public void close(Duration timeout) throws InterruptedException {
        shutdown();
        awaitThenStop(timeout);
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(5));
    }
}
