package dev.memebattle.caption;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.MultiDataSet;

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
 * one thread (p50/p99), captions per second on all cores, imgflip's architecture generating the same
 * 60 characters in DL4J in the same process, and training throughput of {@link CaptionBackprop} next
 * to DL4J's own {@code fit} on the same batches.
 */
public final class CaptionBenchmark {
    public static final int CAPTION_CHARS = 60;
    /** Training batches: 64 captions of the corpus' mean length (62 tokens with the end token). */
    private static final int TRAIN_BATCH = 64;
    private static final int TRAIN_CAPTION_TOKENS = 62;

    private final Path modelFile;
    private FastCaptionModel model;
    private CaptionModelMeta meta;
    private long referenceParameters;

    public CaptionBenchmark(Path modelFile) {
        this.modelFile = modelFile;
    }

    /**
     * @param captionMsP50        one 60-char caption, one thread
     * @param captionsPerSecond   60-char captions per second with one worker per core
     * @param referenceCaptionMs  the same with imgflip's architecture in DL4J (random weights)
     * @param trainCharsPerSecond training characters per second (Adam steps) with {@link CaptionBackprop}
     * @param trainDl4jCharsPerSecond the same with {@code ComputationGraph.fit}
     */
    public record Result(double modelLoadMs, double captionMsP50, double captionMsP99, double captionsPerSecond,
                         int threads, double referenceCaptionMs, long referenceParameters,
                         double trainCharsPerSecond, double trainDl4jCharsPerSecond) {
    }

    /** Loads the model file and builds the fast model; the first call also pays for ND4J start-up. */
    public double modelLoadMs() {
        long t0 = System.nanoTime();
        CaptionModelFile.Fast loaded = CaptionModelFile.loadFast(modelFile);
        model = loaded.model();
        meta = loaded.meta();
        return (System.nanoTime() - t0) / 1e6;
    }

    private void ensureLoaded() {
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

    /** Milliseconds for imgflip's architecture to generate 60 characters (after one warm-up character). */
    public double referenceCaptionMs() {
        ReferenceConvNet ref = new ReferenceConvNet(70, 1);
        referenceParameters = ref.parameters();
        ref.generate(2);
        long t0 = System.nanoTime();
        ref.generate(CAPTION_CHARS);
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Training characters per second of a fresh network shaped like the loaded model, over
     * {@code batches} timed batches after one warm-up: {@code [CaptionBackprop, ComputationGraph.fit]}.
     */
    public double[] trainingCharsPerSecond(int batches) {
        ensureLoaded();
        CaptionModelConfig config = meta.config();
        SplittableRandom random = new SplittableRandom(3);
        List<EncodedCaption> batch = new ArrayList<>();
        for (int i = 0; i < TRAIN_BATCH; i++) {
            int[] tokens = random.ints(TRAIN_CAPTION_TOKENS, CharVocabulary.SEPARATOR, config.vocabSize()).toArray();
            tokens[TRAIN_CAPTION_TOKENS - 1] = CharVocabulary.END;
            batch.add(new EncodedCaption(tokens, random.nextInt(config.templateCount())));
        }
        long chars = CaptionBatches.targetCount(batch, Integer.MAX_VALUE);
        ComputationGraph ours = CaptionNetwork.build(config, 1e-3, 1);
        ComputationGraph dl4j = ours.clone();
        CaptionBackprop backprop = new CaptionBackprop(ours, config);
        CaptionBatches.Tokens tokens = CaptionBatches.tokens(batch, null, config.boxCount(), Integer.MAX_VALUE);
        MultiDataSet data = CaptionBatches.build(batch, null, config.vocabSize(), config.boxCount(), Integer.MAX_VALUE);
        double[] perSecond = new double[2];
        for (int pass = 0; pass <= batches; pass++) {
            long t0 = System.nanoTime();
            backprop.fit(tokens);
            long t1 = System.nanoTime();
            dl4j.fit(data);
            long t2 = System.nanoTime();
            if (pass > 0) { // the first pass is warm-up
                perSecond[0] += (t1 - t0) / 1e9;
                perSecond[1] += (t2 - t1) / 1e9;
            }
        }
        return new double[]{chars * batches / perSecond[0], chars * batches / perSecond[1]};
    }

    public Result run() throws Exception {
        double load = modelLoadMs();
        double[] ms = captionTimesMs(200);
        int threads = Runtime.getRuntime().availableProcessors();
        double perSecond = captionsPerSecond(threads, 5);
        double reference = referenceCaptionMs();
        double[] training = trainingCharsPerSecond(3);
        return new Result(load, percentile(ms, 0.5), percentile(ms, 0.99), perSecond, threads, reference,
                referenceParameters, training[0], training[1]);
    }

    /** The q-quantile (0..1) of ascending values, nearest rank. */
    public static double percentile(double[] sorted, double q) {
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
