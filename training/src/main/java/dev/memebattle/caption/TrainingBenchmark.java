package dev.memebattle.caption;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.MultiDataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The DL4J side of the caption numbers: imgflip's architecture generating 60 characters in the same
 * process (next to the bot's {@link CaptionBenchmark}), and training throughput of
 * {@link CaptionBackprop} next to DL4J's own {@code fit} on the same batches.
 */
public final class TrainingBenchmark {
    /** Training batches: 64 captions of the corpus' mean length (62 tokens with the end token). */
    private static final int TRAIN_BATCH = 64;
    private static final int TRAIN_CAPTION_TOKENS = 62;

    private final Path modelFile;
    private long referenceParameters;

    public TrainingBenchmark(Path modelFile) {
        this.modelFile = modelFile;
    }

    public long referenceParameters() {
        return referenceParameters;
    }

    /** Milliseconds for imgflip's architecture to generate 60 characters (after one warm-up character). */
    public double referenceCaptionMs() {
        ReferenceConvNet ref = new ReferenceConvNet(70, 1);
        referenceParameters = ref.parameters();
        ref.generate(2);
        long t0 = System.nanoTime();
        ref.generate(CaptionBenchmark.CAPTION_CHARS);
        return (System.nanoTime() - t0) / 1e6;
    }

    /**
     * Training characters per second of a fresh network shaped like the loaded model, over
     * {@code batches} timed batches after one warm-up: {@code [CaptionBackprop, ComputationGraph.fit]}.
     */
    public double[] trainingCharsPerSecond(int batches) {
        CaptionModelConfig config = CaptionModelFile.readMeta(modelFile).config();
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

}
