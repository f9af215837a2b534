package dev.memebattle.discord;

import dev.memebattle.TestData;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.DiscordConfig;
import dev.memebattle.config.EngineConfig;
import dev.memebattle.config.MetricsConfig;
import dev.memebattle.monitoring.Scrape;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * End-to-end rate of {@code /meme} through the real JDA client and the fake Discord: from the
 * moment the fake sends INTERACTION_CREATE to the moment the follow-up upload reaches it. A closed
 * loop keeps {@code concurrency} commands in flight (below the engine's queue, so none is "busy").
 * The workload cycles through {@code distinct} own-text memes, once with the render cache off and
 * once on.
 *
 * <pre>
 * mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/classes:target/test-classes:$(cat target/cp.txt) -Dmemebattle.shared.data=../shared/data \
 *      -Djava.awt.headless=true -DMEMEBATTLE_LOG_LEVEL=WARN \
 *      dev.memebattle.discord.DiscordBenchmark [commands] [concurrency] [distinct]
 *      dev.memebattle.discord.DiscordBenchmark burst [commands] [users] [lockSeconds] [faults]
 * </pre>
 * A burst is measured on a bot that has run a while: {@code -Dbench.warmBursts=N} earlier bursts
 * (default 6; 0 for a bot that has only answered the paced warm-up), {@code -Dbench.idleSeconds}
 * after it before RSS is read again (default 60).
 */
public final class DiscordBenchmark {

    /** @param busy commands answered "busy" instead of with a meme */
    public record Result(boolean cache, int commands, int concurrency, double commandsPerSecond,
                         double p50Millis, double p99Millis, double maxMillis, double ackP50Millis,
                         double ackP99Millis, int busy, long cacheHits,
                         long cacheMisses) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "discord e2e cache=%s: %d commands, %d in flight: %.1f commands/s, upload p50 %.0f ms, p99 %.0f ms,"
                            + " max %.0f ms (defer p50 %.0f ms, p99 %.0f ms), busy %d, cache hits %d, misses %d",
                    cache ? "on " : "off", commands, concurrency, commandsPerSecond, p50Millis, p99Millis, maxMillis,
                    ackP50Millis, ackP99Millis, busy,
                    cacheHits, cacheMisses);
        }
    }

    /**
     * A burst: {@code commands} /meme commands at once from {@code users} users the bot has not
     * seen (their first command stores their name), render cache off, with SQLite's write lock held
     * by another connection for {@code lockSeconds} and, with {@code faults}, 429s and 5xx on the
     * follow-ups and a gateway drop (close 4000, then RESUME and replay) halfway through. Lost =
     * interactions whose first answer missed Discord's 3 s (or never came). "Seen" is when JDA handed
     * the interaction to the bot: under a burst most of the acknowledgement time is spent before that.
     */
    public record Burst(int commands, int users, int lockSeconds, boolean faults, WarmUp warmUp, int answered, int lost,
                        int duplicates, int memes, int busy, double seenP50Millis, double seenP99Millis,
                        double ackP50Millis, double ackP99Millis,
                        double answerP50Millis, double answerP99Millis, double memesPerSecond, long jitMillis,
                        long rssMbAfter, long rssMbIdle, int idleSeconds) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "discord burst %d commands from %d users (db locked %d s, faults %s; %s): answered %d, lost %d,"
                            + " duplicates %d, memes %d, busy %d; seen p50 %.0f ms, p99 %.0f ms;"
                            + " ack p50 %.0f ms, p99 %.0f ms; answer p50 %.0f ms,"
                            + " p99 %.0f ms; %.1f memes/s; JIT compiling %d ms during it; RSS %d MB after, %d MB after %d s idle",
                    commands, users, lockSeconds, faults ? "on" : "off", warmUp, answered, lost, duplicates, memes, busy,
                    seenP50Millis, seenP99Millis, ackP50Millis, ackP99Millis, answerP50Millis, answerP99Millis, memesPerSecond,
                    jitMillis, rssMbAfter, rssMbIdle, idleSeconds);
        }
    }

    private static final String FOLLOW_UP = "/webhooks/" + FakeDiscord.BOT_ID + "/[^/]+";
    private static final String CALLBACK = "/interactions/\\d+/[^/]+/callback";

    /** How a request the fake received answers a command (the first answer the user sees). */
    private enum Answer {
        MEME, BUSY, OTHER;

        /**
         * A follow-up or an edit of the deferred original, or a reply in the acknowledgement itself;
         * null for a deferral and anything else. Reads the JSON only of requests that answer (the fake
         * shares the bot's 2 cores), and never an upload's: an upload answers with a meme.
         */
        static Answer of(RecordedRequest r) {
            if (!r.ok()) {
                return null;
            }
            boolean callback = r.is("POST", CALLBACK);
            if (!callback && !r.is("POST", FOLLOW_UP) && !r.is("PATCH", FOLLOW_UP + "/messages/@original")) {
                return null;
            }
            if (r.multipart()) {
                return MEME;
            }
            JsonNode json = r.json();
            if (callback && json.path("type").asInt() != 4) {
                return null; // the deferral: an acknowledgement, not an answer
            }
            return (callback ? json.path("data") : json).path("content").asText().contains("busy") ? BUSY : OTHER;
        }
    }

    /**
     * What the bot answered before the measurement: {@code paced} commands at 100 a second, then
     * {@code bursts} bursts of the measured size from other users; and how long the JIT compiled
     * during the last of those bursts (a bot that has run a while compiles little).
     */
    public record WarmUp(int paced, int bursts, long lastBurstJitMillis) {
        @Override
        public String toString() {
            return bursts == 0 ? "after " + paced + " commands at 100/s"
                    : String.format(Locale.ROOT, "after %d commands at 100/s and %d bursts, the last compiling %d ms",
                    paced, bursts, lastBurstJitMillis);
        }
    }

    public static Burst burst(int commands, int users, int lockSeconds, boolean faults) throws Exception {
        dev.memebattle.cli.MemoryTuning.apply(); // as `run` does
        try (FakeDiscord discord = new FakeDiscord();
             BotComponents core = BotComponents.create(withWorkers(config(discord, false)))) {
            DiscordBot bot = DiscordBot.start(core.bot(), core.config().discord(), "bench-token", Duration.ofSeconds(60));
            try (java.sql.Connection other = java.sql.DriverManager.getConnection(core.config().store().url())) {
                Map<String, Long> sentAt = new ConcurrentHashMap<>();
                Map<String, Long> answeredAt = new ConcurrentHashMap<>();
                Map<String, Long> seenAt = new ConcurrentHashMap<>();
                bot.shards().addEventListener(new net.dv8tion.jda.api.hooks.ListenerAdapter() {
                    @Override
                    public void onSlashCommandInteraction(net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent e) {
                        seenAt.put(e.getToken(), System.nanoTime());
                    }
                });
                AtomicInteger duplicates = new AtomicInteger();
                AtomicInteger memes = new AtomicInteger();
                AtomicInteger busy = new AtomicInteger();
                WarmUp warm = warmUp(discord, Integer.getInteger("bench.warmup", 300),
                        Integer.getInteger("bench.warmBursts", 6), commands);
                int expiredBefore = discord.expiredInteractions();
                discord.onRequest(r -> {
                    Answer answer = sentAt.containsKey(r.segment(2)) ? Answer.of(r) : null;
                    if (answer == null) {
                        return;
                    }
                    if (answeredAt.putIfAbsent(r.segment(2), r.atNanos()) != null && answer == Answer.MEME) {
                        duplicates.incrementAndGet(); // a second meme for one command
                    }
                    if (answer == Answer.MEME) {
                        memes.incrementAndGet();
                    } else if (answer == Answer.BUSY) {
                        busy.incrementAndGet();
                    }
                });
                if (faults) {
                    // every 20th follow-up is refused once with a 429, every 25th with a 502 (JDA retries both)
                    AtomicInteger n = new AtomicInteger();
                    discord.fail(r -> r.is("POST", FOLLOW_UP) && n.incrementAndGet() % 20 == 0, commands, 429,
                            Map.of("Retry-After", "1", "X-RateLimit-Scope", "user", "X-RateLimit-Bucket", "bench",
                                    "Via", "1.1 google"), "{\"message\":\"You are being rate limited.\",\"retry_after\":1.0,\"global\":false}");
                    AtomicInteger m = new AtomicInteger();
                    discord.fail(r -> r.is("POST", FOLLOW_UP) && m.incrementAndGet() % 25 == 0, commands, 502, Map.of(),
                            "{\"message\":\"Bad Gateway\"}");
                }
                java.sql.Statement lock = other.createStatement();
                if (lockSeconds > 0) {
                    lock.execute("BEGIN IMMEDIATE");
                }
                long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                long start = System.nanoTime();
                for (int i = 0; i < commands; i++) {
                    if (faults && i == commands / 2) {
                        discord.closeGateway(4000); // the second half waits for JDA's RESUME and is replayed then
                    }
                    int u = i % users;
                    FakeDiscord.User user = new FakeDiscord.User(Long.toString(830_000_000_000_000_000L + u), "burst" + u, false);
                    long now = System.nanoTime();
                    synchronized (sentAt) {
                        FakeDiscord.Sent sent = discord.slash(user, "meme", discord.option("template", "drake"),
                                discord.option("text", "burst " + i + " | fast"));
                        sentAt.put(sent.token(), now);
                    }
                }
                if (lockSeconds > 0) {
                    Thread.sleep(Math.max(0, lockSeconds * 1000L - (System.nanoTime() - start) / 1_000_000));
                    lock.execute("ROLLBACK");
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
                // until all are answered, or nothing more can come: every interaction's window has passed and
                // no answer arrived for 10 s
                int seenAnswers = -1;
                long quietSince = System.nanoTime();
                while (answeredAt.size() < commands && System.nanoTime() < deadline
                        && (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(10)
                        || System.nanoTime() - start < TimeUnit.SECONDS.toNanos(lockSeconds + 10))) {
                    if (answeredAt.size() != seenAnswers) {
                        seenAnswers = answeredAt.size();
                        quietSince = System.nanoTime();
                    }
                    Thread.sleep(50);
                }
                long lastAnswer = answeredAt.values().stream().mapToLong(Long::longValue).max().orElse(start);
                double seconds = (lastAnswer - start) / 1e9;
                long rssAfter = rssMb();
                long jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
                long[] ack = discord.requests(r -> r.is("POST", CALLBACK)
                                && sentAt.containsKey(r.segment(2))).stream()
                        .mapToLong(r -> r.atNanos() - sentAt.get(r.segment(2))).sorted().toArray();
                long[] answers = answeredAt.entrySet().stream().mapToLong(e -> e.getValue() - sentAt.get(e.getKey()))
                        .sorted().toArray();
                // an interaction that missed the 3 s can never be answered: lost = never answered
                int lost = Math.max(discord.expiredInteractions() - expiredBefore, commands - answeredAt.size());
                long[] seen = seenAt.entrySet().stream().filter(e -> sentAt.containsKey(e.getKey())).mapToLong(e -> e.getValue() - sentAt.get(e.getKey())).sorted().toArray();
                int idleSeconds = Integer.getInteger("bench.idleSeconds", 60);
                Thread.sleep(idleSeconds * 1000L); // idle: memory should go back
                long rssIdle = rssMb();
                return new Burst(commands, users, lockSeconds, faults, warm, answeredAt.size(), lost, duplicates.get(),
                        memes.get(), busy.get(), percentile(seen, 0.5), percentile(seen, 0.99), percentile(ack, 0.5),
                        percentile(ack, 0.99), percentile(answers, 0.5), percentile(answers, 0.99),
                        memes.get() / seconds, jit, rssAfter, rssIdle, idleSeconds);
            } finally {
                bot.close();
            }
        }
    }

    /**
     * A running bot, not one that just started: {@code paced} commands at 100 a second from other
     * users, then {@code bursts} bursts of {@code burstSize} (a bot that gets bursts has had some
     * before), all answered before the measurement. Without it the JIT compiles JDA's, the fake's and
     * our paths during the measured burst, on the same 2 cores: on a freshly started bot about a third
     * of the CPU during a burst goes to the compiler threads (async-profiler), and a 2-core JVM's one C2
     * thread takes several bursts to catch up.
     */
    private static WarmUp warmUp(FakeDiscord discord, int paced, int bursts, int burstSize) throws InterruptedException {
        Set<String> waiting = ConcurrentHashMap.newKeySet();
        discord.onRequest(r -> {
            if (waiting.contains(r.segment(2)) && Answer.of(r) != null) {
                waiting.remove(r.segment(2));
            }
        });
        for (int i = 0; i < paced; i++) {
            FakeDiscord.User user = new FakeDiscord.User(Long.toString(840_000_000_000_000_000L + i % 50), "warm" + i % 50, false);
            waiting.add(discord.slash(user, "meme", discord.option("template", "drake"), discord.option("text", "warm " + i + " | up")).token());
            Thread.sleep(10);
        }
        awaitAnswers(waiting);
        long jit = 0;
        for (int b = 0; b < bursts; b++) {
            long jitBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            for (int i = 0; i < burstSize; i++) {
                FakeDiscord.User user = new FakeDiscord.User(Long.toString(850_000_000_000_000_000L + b * 1000L + i % 100),
                        "warm" + b + "-" + i % 100, false);
                waiting.add(discord.slash(user, "meme", discord.option("template", "drake"),
                        discord.option("text", "warm " + b + " " + i + " | up")).token());
            }
            awaitAnswers(waiting);
            jit = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitBefore;
        }
        return new WarmUp(paced, bursts, jit);
    }

    /** Until every warm-up command is answered (or past its window, never to be), then 5 s of quiet. */
    private static void awaitAnswers(Set<String> waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        waiting.clear();
        Thread.sleep(5_000);
    }

    /** {@code -Dbench.workers=N} overrides the engine's generation threads (0 = the configured default). */
    private static BotConfig withWorkers(BotConfig config) {
        int workers = Integer.getInteger("bench.workers", 0);
        EngineConfig e = config.engine();
        return workers <= 0 ? config
                : config.withEngine(new EngineConfig(workers, e.queueCapacity(), e.cacheMaxMb(), e.requestTimeoutSeconds()));
    }

    /** This process's resident memory (Linux), in MB; 0 elsewhere. */
    public static long rssMb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("burst")) {
            // burst [commands] [users] [lockSeconds] [faults]
            System.out.println(burst(args.length > 1 ? Integer.parseInt(args[1]) : 1000,
                    args.length > 2 ? Integer.parseInt(args[2]) : 100, args.length > 3 ? Integer.parseInt(args[3]) : 0,
                    args.length > 4 && Boolean.parseBoolean(args[4])));
            return;
        }
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int distinct = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        for (boolean cache : new boolean[]{false, true}) {
            System.out.println(run(cache, commands, concurrency, distinct));
        }
    }

    public static Result run(boolean cache, int commands, int concurrency, int distinct) throws Exception {
        try (FakeDiscord discord = new FakeDiscord();
             BotComponents core = BotComponents.create(config(discord, cache))) {
            DiscordBot bot = DiscordBot.start(core.bot(), core.config().discord(), "bench-token", Duration.ofSeconds(60));
            try {
                Map<String, Long> sentAt = new ConcurrentHashMap<>();
                Map<String, Long> latency = new ConcurrentHashMap<>();
                Map<String, Long> acked = new ConcurrentHashMap<>();
                AtomicInteger busy = new AtomicInteger();
                Semaphore inFlight = new Semaphore(concurrency);
                CountDownLatch[] done = new CountDownLatch[1];
                discord.onRequest(r -> {
                    if (r.ok() && r.is("POST", FOLLOW_UP)) {
                        Long start;
                        synchronized (sentAt) {
                            start = sentAt.remove(r.segment(2));
                        }
                        if (start != null) {
                            latency.put(r.segment(2), r.atNanos() - start);
                            acked.put(r.segment(2), start);
                            if (!r.multipart()) {
                                busy.incrementAndGet();
                            }
                            inFlight.release();
                            done[0].countDown();
                        }
                    }
                });
                // Warm-up: loads the template image and JIT-compiles the hot paths; not measured.
                done[0] = new CountDownLatch(distinct);
                send(discord, sentAt, inFlight, distinct, distinct, "warm");
                done[0].await(120, TimeUnit.SECONDS);
                latency.clear();
                acked.clear();
                busy.set(0);
                var before = core.memes().stats();

                done[0] = new CountDownLatch(commands);
                long start = System.nanoTime();
                send(discord, sentAt, inFlight, commands, distinct, "bench");
                if (!done[0].await(600, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("benchmark did not finish: " + done[0].getCount() + " missing");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long[] nanos = latency.values().stream().mapToLong(Long::longValue).sorted().toArray();
                var after = core.memes().stats();
                // time to the acknowledgement (the deferred reply) of the same commands
                long[] ack = discord.requests(r -> r.is("POST", CALLBACK)
                                && acked.containsKey(r.segment(2))).stream()
                        .mapToLong(r -> r.atNanos() - acked.get(r.segment(2))).sorted().toArray();
                return new Result(cache, commands, concurrency, commands / seconds, percentile(nanos, 0.50),
                        percentile(nanos, 0.99), nanos[nanos.length - 1] / 1e6, percentile(ack, 0.50),
                        percentile(ack, 0.99), busy.get(),
                        after.cacheHits() - before.cacheHits(), after.cacheMisses() - before.cacheMisses());
            } finally {
                bot.close();
            }
        }
    }

    private static void send(FakeDiscord discord, Map<String, Long> sentAt, Semaphore inFlight, int count, int distinct,
                             String word) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            inFlight.acquire();
            FakeDiscord.User user = new FakeDiscord.User(Long.toString(820_000_000_000_000_000L + i), "bench" + i, false);
            long now = System.nanoTime();
            // the fake hands out the token; record the start under it before JDA can answer
            synchronized (sentAt) {
                FakeDiscord.Sent sent = discord.slash(user, "meme", discord.option("template", "drake"),
                        discord.option("text", word + " " + (i % distinct) + " | fast"));
                sentAt.put(sent.token(), now);
            }
        }
    }

    private static double percentile(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1));
        return sorted[index] / 1e6;
    }

    static BotConfig config(FakeDiscord discord, boolean cache) {
        // -Dbench.metrics=on: meters recorded into Prometheus (and served on a free port), for their cost
        BotConfig base = "on".equals(System.getProperty("bench.metrics"))
                ? TestData.config().withMetrics(new MetricsConfig(Scrape.freePort(), "127.0.0.1"))
                : TestData.config();
        EngineConfig e = base.engine();
        return base.withEngine(new EngineConfig(e.workers(), e.queueCapacity(), cache ? 64 : 0, e.requestTimeoutSeconds()))
                .withDiscord(new DiscordConfig(discord.restUrl(), discord.gatewayUrl(), ""));
    }

    private DiscordBenchmark() {
    }
}
