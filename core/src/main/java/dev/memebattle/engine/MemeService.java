package dev.memebattle.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.caption.FilterLevel;
import dev.memebattle.config.EngineConfig;
import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.render.MemeRenderer;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Turns requests into memes on a bounded worker pool shared by every platform.
 * <ul>
 *   <li>Bounded queue: when it is full the caller is told "busy, try again in N s" at once,
 *       instead of waiting behind an ever-growing backlog.</li>
 *   <li>Identical requests that are in flight at the same time are computed once.</li>
 *   <li>Recent renders are cached, bounded by image bytes. The key is the template, the text
 *       (own text, or the AI prefix together with seed and filter level — which determine the
 *       AI's final text) and the output format.</li>
 * </ul>
 */
public final class MemeService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemeService.class);
    /** The longest a generation waits for late platform events to be taken first ({@link IncomingLag}). */
    static final Duration MAX_HOLD = Duration.ofSeconds(2);

    private final MemeRenderer renderer;
    private final CaptionWriter captions;
    private final ThreadPoolExecutor workers;
    private final Cache<RequestKey, Meme> cache;
    /** Why a meme was not made: every caller waiting for it had stopped wanting it. */
    static final String DROPPED = "That meme was no longer wanted.";
    private final ConcurrentHashMap<RequestKey, CompletableFuture<Meme>> inFlight = new ConcurrentHashMap<>();
    /** Who still waits for each meme not yet taken by a worker (see {@link #submit(MemeRequest, BooleanSupplier)}). */
    private final ConcurrentHashMap<RequestKey, List<BooleanSupplier>> wanters = new ConcurrentHashMap<>();
    private final long timeoutMillis;
    /** cache_max_mb 0 turns caching off entirely (Caffeine would still keep entries until its next cleanup). */
    private final boolean cacheEnabled;
    private final AtomicLong avgTaskMillis = new AtomicLong(500);
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timedOut = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final IncomingLag incoming = new IncomingLag();
    /** When each busy worker took its current meme (for {@link #wedged}). */
    private final ConcurrentHashMap<Thread, Long> busySince = new ConcurrentHashMap<>();
    private final BotMetrics metrics;

    /** With meters nobody scrapes (the command line, most tests). */
    public MemeService(MemeRenderer renderer, CaptionWriter captions, EngineConfig config) {
        this(renderer, captions, config, BotMetrics.unscraped());
    }

    public MemeService(MemeRenderer renderer, CaptionWriter captions, EngineConfig config, BotMetrics metrics) {
        this.metrics = metrics;
        this.renderer = renderer;
        this.captions = captions;
        this.timeoutMillis = TimeUnit.SECONDS.toMillis(config.requestTimeoutSeconds());
        this.cacheEnabled = config.cacheMaxMb() > 0;
        AtomicInteger threadNo = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(config.queueCapacity()),
                r -> {
                    Thread t = new Thread(r, "meme-worker-" + threadNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                },
                Refused.REFUSE);
        this.cache = Caffeine.newBuilder()
                .maximumWeight((long) config.cacheMaxMb() * 1024 * 1024)
                .weigher((RequestKey k, Meme m) -> m.image().bytes().length)
                .recordStats()
                .build();
        bindMeters(metrics.registry());
    }

    /** The queue, the outcomes and the render cache (Caffeine's own statistics), read at each scrape. */
    private void bindMeters(MeterRegistry registry) {
        Gauge.builder("memebattle.workers.queued", workers, w -> w.getQueue().size())
                .description("Memes waiting for a worker").register(registry);
        Gauge.builder("memebattle.workers.busy", workers, ThreadPoolExecutor::getActiveCount)
                .description("Workers making a meme").register(registry);
        Gauge.builder("memebattle.workers.max", workers, ThreadPoolExecutor::getMaximumPoolSize).register(registry);
        for (var result : List.of(java.util.Map.entry("done", completed), java.util.Map.entry("busy", rejected),
                java.util.Map.entry("failed", failed), java.util.Map.entry("timeout", timedOut),
                java.util.Map.entry("dropped", dropped))) {
            FunctionCounter.builder("memebattle.memes", result.getValue(), AtomicLong::get).tag("result", result.getKey())
                    .description("Memes asked of the engine, by result (busy: refused at once, the queue was full)")
                    .register(registry);
        }
        CaffeineCacheMetrics.monitor(registry, cache, "memebattle.render.cache");
        Gauge.builder("memebattle.render.cache.bytes", cache,
                        c -> c.asMap().values().stream().mapToLong(m -> m.image().bytes().length).sum())
                .description("Bytes of the cached renders").baseUnit("bytes").register(registry);
    }

    /**
     * Every worker has been on its current meme for longer than {@code stuckAfter}: nothing moves,
     * a health check should fail so that an orchestrator restarts the process.
     */
    public boolean wedged(Duration stuckAfter) {
        long now = System.nanoTime();
        long stuck = busySince.values().stream().filter(since -> now - since > stuckAfter.toNanos()).count();
        return stuck >= workers.getMaximumPoolSize();
    }

    /** Asynchronous: never blocks the caller (adapters call this from their event threads). */
    public CompletableFuture<MemeResult> submit(MemeRequest request) {
        return submit(request, () -> true);
    }

    /**
     * @param wanted asked again when a worker takes the request: false drops it unmade (an inline
     *               query Telegram will no longer accept), and the caller gets "failed"
     */
    public CompletableFuture<MemeResult> submit(MemeRequest request, BooleanSupplier wanted) {
        long start = System.nanoTime();
        RequestKey key = RequestKey.of(request);
        Meme cached = cacheEnabled ? cache.getIfPresent(key) : null;
        if (cached != null) {
            return CompletableFuture.completedFuture(logged(request, new MemeResult.Done(cached, true, millisSince(start))));
        }
        CompletableFuture<Meme> mine = new CompletableFuture<>();
        CompletableFuture<Meme> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            // whoever asks for the same meme while it waits keeps it wanted (one caller typing on drops
            // nothing another still waits for); once a worker has it, there is no list to join
            wanters.computeIfPresent(key, (k, askers) -> {
                askers.add(wanted);
                return askers;
            });
        } else {
            running = mine;
            wanters.put(key, new CopyOnWriteArrayList<>(List.of(wanted)));
            try {
                workers.execute(() -> produce(key, request, mine));
            } catch (RejectedExecutionException e) {
                inFlight.remove(key, mine);
                wanters.remove(key);
                rejected.incrementAndGet();
                return CompletableFuture.completedFuture(logged(request, new MemeResult.Busy(retryAfterSeconds())));
            }
        }
        // copy(): a timeout for this caller must not fail the shared future of other callers
        CompletableFuture<MemeResult> result = running.copy()
                .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .handle((meme, error) -> logged(request, toResult(meme, error, start)));
        if (running == mine) {
            return result;
        }
        // joined another caller's meme just as a worker dropped it as unwanted: ask again if we still want it
        return result.thenCompose(r -> r instanceof MemeResult.Failed failed && failed.message().equals(DROPPED)
                && wanted.getAsBoolean() ? submit(request, wanted) : CompletableFuture.completedFuture(r));
    }

    /**
     * A full queue (or a closed engine) is an everyday answer under a burst ("busy"), not an error:
     * refused without AbortPolicy's message, which formats the pool under its lock once per refusal,
     * and without a stack trace.
     */
    private static final class Refused extends RejectedExecutionException {
        static final RejectedExecutionHandler REFUSE = (task, pool) -> {
            throw new Refused();
        };

        Refused() {
            super("the meme queue takes no more work now");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Where the platform adapters report how late their events arrive; generation yields to late events and surges. */
    public IncomingLag incoming() {
        return incoming;
    }

    /** Blocking form of {@link #submit} for the CLI. */
    public MemeResult generate(MemeRequest request) {
        return submit(request).join();
    }

    private void produce(RequestKey key, MemeRequest request, CompletableFuture<Meme> target) {
        List<BooleanSupplier> askers = wanters.remove(key);
        if (askers != null && askers.stream().noneMatch(BooleanSupplier::getAsBoolean)) {
            inFlight.remove(key, target);
            dropped.incrementAndGet();
            target.completeExceptionally(new CancellationException("no longer wanted"));
            return;
        }
        incoming.awaitOnTime(MAX_HOLD);
        long start = System.nanoTime();
        busySince.put(Thread.currentThread(), start);
        try {
            MemeTemplate template = request.template();
            List<String> texts;
            boolean ai;
            if (request.text() instanceof MemeText.Own own) {
                texts = fitToBoxes(own.boxes(), template.boxes().size());
                ai = false;
            } else {
                String prefix = ((MemeText.Ai) request.text()).prefix();
                texts = captions.write(template, prefix, request.seed(), request.filter());
                ai = true;
                metrics.caption(System.nanoTime() - start);
            }
            long drawing = System.nanoTime();
            Meme meme = new Meme(template, texts, request.seed(), ai,
                    renderer.render(template, texts, request.format(), request.maxBytes()));
            metrics.render(System.nanoTime() - drawing);
            if (cacheEnabled) {
                cache.put(key, meme);
            }
            target.complete(meme);
        } catch (Throwable e) {
            target.completeExceptionally(e);
        } finally {
            busySince.remove(Thread.currentThread());
            inFlight.remove(key, target);
            long took = millisSince(start);
            avgTaskMillis.getAndUpdate(avg -> (avg * 7 + took) / 8);
        }
    }

    /** Extra texts go into the last box rather than being dropped silently. */
    static List<String> fitToBoxes(List<String> texts, int boxes) {
        List<String> out = new ArrayList<>(texts.subList(0, Math.min(texts.size(), boxes)));
        if (texts.size() > boxes && boxes > 0) {
            out.set(boxes - 1, String.join(" ", texts.subList(boxes - 1, texts.size())).strip());
        }
        while (out.size() < boxes) {
            out.add("");
        }
        return out;
    }

    private MemeResult toResult(Meme meme, Throwable error, long start) {
        if (error == null) {
            completed.incrementAndGet();
            return new MemeResult.Done(meme, false, millisSince(start));
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException) {
            return new MemeResult.Failed(DROPPED);
        }
        if (cause instanceof TimeoutException) {
            timedOut.incrementAndGet();
            return new MemeResult.Failed("That meme took too long to make — please try again.");
        }
        failed.incrementAndGet();
        if (cause instanceof TemplateImageException e) {
            return new MemeResult.Failed(e.getMessage());
        }
        log.error("Meme generation failed", cause);
        return new MemeResult.Failed("Something went wrong making that meme — please try again.");
    }

    private MemeResult logged(MemeRequest request, MemeResult result) {
        String outcome;
        if (result instanceof MemeResult.Done d) {
            outcome = "done cache=" + (d.cacheHit() ? "hit" : "miss") + " ms=" + d.millis()
                    + " bytes=" + d.meme().image().bytes().length;
        } else if (result instanceof MemeResult.Busy b) {
            outcome = "busy retry_after=" + b.retryAfterSeconds() + "s";
        } else {
            outcome = "failed reason=\"" + ((MemeResult.Failed) result).message() + "\"";
        }
        log.info("meme template={} text={} seed={} format={} {}", request.template().key(),
                request.text() instanceof MemeText.Own ? "own" : "ai", request.seed(), request.format(), outcome);
        return result;
    }

    /** How long the current backlog should take to drain, rounded up, at least 1 s. */
    private int retryAfterSeconds() {
        long backlog = workers.getQueue().size() + workers.getActiveCount();
        long millis = backlog * avgTaskMillis.get() / Math.max(1, workers.getMaximumPoolSize());
        return (int) Math.max(1, Math.min(60, (millis + 999) / 1000));
    }

    /**
     * More memes wait than the workers make in about eight turns (a burst, not a few people at once):
     * callers that can ask for less (extra inline candidates) should. Cheap, unlike {@link #stats()}.
     */
    public boolean backlogged() {
        return workers.getQueue().size() >= 8 * workers.getMaximumPoolSize();
    }

    /** At least as many memes wait as there are workers: extras that can be done without should be. */
    public boolean busy() {
        return workers.getQueue().size() >= workers.getMaximumPoolSize();
    }

    /** Nothing waits and a worker is free: background work (warming inline candidates) may ask for one. */
    public boolean idle() {
        return workers.getQueue().isEmpty() && workers.getActiveCount() < workers.getMaximumPoolSize();
    }

    public EngineStats stats() {
        var s = cache.stats();
        long bytes = cache.asMap().values().stream().mapToLong(m -> m.image().bytes().length).sum();
        return new EngineStats(s.hitCount(), s.missCount(), cache.estimatedSize(), bytes,
                completed.get(), rejected.get(), failed.get(), timedOut.get(), workers.getQueue().size());
    }

    /** Stops taking work and waits for queued work to finish. */
    @Override
    public void close() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Everything that decides the final image. Own text does not depend on seed or filter. */
    record RequestKey(String template, String text, long seed, FilterLevel filter, ImageFormat format, int maxBytes) {
        static RequestKey of(MemeRequest r) {
            if (r.text() instanceof MemeText.Own own) {
                return new RequestKey(r.template().key(), "own:" + String.join("\u0000", own.boxes()),
                        0, FilterLevel.OFF, r.format(), r.maxBytes());
            }
            MemeText.Ai ai = (MemeText.Ai) r.text();
            return new RequestKey(r.template().key(), "ai:" + ai.prefix(), r.seed(), r.filter(), r.format(), r.maxBytes());
        }
    }
}
