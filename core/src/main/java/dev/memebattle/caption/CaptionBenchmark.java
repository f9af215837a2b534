package dev.memebattle.caption;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Speed of the caption model for {@code bench --json}: model load time, one 60-character caption on
 * one thread (p50/p99) and captions per second on all cores, in plain Java as the bot samples. The
 * training module's {@code TrainingBenchmark} times imgflip's architecture and training in DL4J.
 */
public final class CaptionBenchmark {
    public static final int CAPTION_CHARS = 60;

    private final Path modelFile;
    private FastCaptionModel model;
    private CaptionModelMeta meta;


    public CaptionBenchmark(Path modelFile) {
        this.modelFile = modelFile;
    }

    /**
     * @param captionMsP50        one 60-char caption, one thread
     * @param captionsPerSecond   60-char captions per second with one worker per core
     */
    public record Result(double modelLoadMs, double captionMsP50, double captionMsP99, double captionsPerSecond,
                         int threads) {
    }

    /** Loads the model file (metadata, raw-float weights, reranker). */
    public CaptionModelMeta meta() {
        ensureLoaded();
        return meta;
    }

    public double modelLoadMs() {
        long t0 = System.nanoTime();
        CaptionModelFile.Fast loaded = CaptionModelFile.loadFast(modelFile);
        model = loaded.model();
        meta = loaded.meta();
        return (System.nanoTime() - t0) / 1e6;
    }

    void ensureLoaded() {
        if (model == null) {
            modelLoadMs();
        }
    }

    /** Milliseconds per 60-char caption on the calling thread, sorted ascending. */
    public double[] captionTimesMs(int runs) {
        ensureLoaded();
        CaptionSampler sampler = new CaptionSampler(model, meta.charVocabulary());
        int template = Math.min(1, meta.config().templateCount() - 1);
        for (int i = 0; i < Math.max(20, runs / 5); i++) {
            sampler.fixedLength(template, CAPTION_CHARS, i); // JIT warm-up
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            sampler.fixedLength(template, CAPTION_CHARS, 1000 + i);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** 60-char captions per second with {@code threads} workers for about {@code seconds}. */
    public double captionsPerSecond(int threads, double seconds) throws Exception {
        ensureLoaded();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long end = System.nanoTime() + (long) (seconds * 1e9);
            List<Future<Integer>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int worker = t;
                futures.add(pool.submit(() -> {
                    CaptionSampler sampler = new CaptionSampler(model, meta.charVocabulary());
                    int n = 0;
                    SplittableRandom seeds = new SplittableRandom(worker);
                    while (System.nanoTime() < end) {
                        sampler.fixedLength(1, CAPTION_CHARS, seeds.nextLong());
                        n++;
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            return total / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }

    public Result run() throws Exception {
        double load = modelLoadMs();
        double[] ms = captionTimesMs(200);
        int threads = Runtime.getRuntime().availableProcessors();
        double perSecond = captionsPerSecond(threads, 5);
        return new Result(load, percentile(ms, 0.5), percentile(ms, 0.99), perSecond, threads);
    }

    /** The q-quantile (0..1) of ascending values, nearest rank. */
    public static double percentile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
