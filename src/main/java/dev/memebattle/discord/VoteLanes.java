package dev.memebattle.discord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Where reaction votes are stored, off JDA's event thread (each vote is a database transaction).
 * One single-threaded lane per user-id hash: one user's add and removal keep their order (a quick
 * 👍 on/off ends as "no vote"), while different users' votes are stored in parallel.
 */
final class VoteLanes implements AutoCloseable {

    private final List<ExecutorService> lanes = new ArrayList<>();

    VoteLanes(int count) {
        for (int i = 0; i < count; i++) {
            String name = "discord-votes-" + i;
            lanes.add(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            }));
        }
    }

    /** @throws java.util.concurrent.RejectedExecutionException once closed */
    void execute(String userId, Runnable vote) {
        lanes.get(Math.floorMod(userId.hashCode(), lanes.size())).execute(vote);
    }

    /** Lets queued votes finish (bounded), then stops the threads. */
    void close(Duration timeout) throws InterruptedException {
        lanes.forEach(ExecutorService::shutdown);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ExecutorService lane : lanes) {
            lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        lanes.forEach(ExecutorService::shutdownNow);
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(5));
    }
}
