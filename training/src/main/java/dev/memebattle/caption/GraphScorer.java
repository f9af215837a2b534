package dev.memebattle.caption;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Exact bits/char and next-char accuracy of a DL4J caption graph, over whole captions (no truncation). */
public final class GraphScorer {
    private static final int TOKENS_PER_BATCH = 16_384;

    private final ComputationGraph graph;
    private final CaptionModelConfig config;

    public GraphScorer(ComputationGraph graph, CaptionModelConfig config) {
        this.graph = graph;
        this.config = config;
    }

    /**
     * @param templateOverride template id to use for every caption instead of its own, or -1
     */
    public ScoreResult score(List<EncodedCaption> captions, int templateOverride) {
        return score(captions, templateOverride, null);
    }

    /**
     * @param targetProbabilities when not null, receives p(target) of every position: entry i for caption i
     */
    public ScoreResult score(List<EncodedCaption> captions, int templateOverride, double[][] targetProbabilities) {
        List<Integer> order = new ArrayList<>(captions.size());
        for (int i = 0; i < captions.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt(i -> captions.get(i).length()));
        List<EncodedCaption> sorted = new ArrayList<>(captions.size());
        for (int i : order) {
            sorted.add(captions.get(i));
        }
        double bits = 0;
        long correct = 0;
        long chars = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && (j - i + 1) * (long) sorted.get(j).length() <= TOKENS_PER_BATCH) {
                j++;
            }
            j = Math.max(j, i + 1);
            List<EncodedCaption> batch = sorted.subList(i, j);
            int[] override = null;
            if (templateOverride >= 0) {
                override = new int[batch.size()];
                java.util.Arrays.fill(override, templateOverride);
            }
            MultiDataSet mds = CaptionBatches.build(batch, override, config.vocabSize(), config.boxCount(),
                    Integer.MAX_VALUE);
            INDArray out = graph.output(false, mds.getFeatures())[0];
            int mb = batch.size();
            int v = config.vocabSize();
            int t = (int) out.size(2);
            float[] p = out.dup('c').data().asFloat();
            for (int b = 0; b < mb; b++) {
                int[] tokens = batch.get(b).tokens();
                double[] keep = null;
                if (targetProbabilities != null) {
                    keep = new double[tokens.length];
                    targetProbabilities[order.get(i + b)] = keep;
                }
                for (int pos = 0; pos < tokens.length; pos++) {
                    int base = b * v * t + pos;
                    float pt = p[base + tokens[pos] * t];
                    if (keep != null) {
                        keep[pos] = pt;
                    }
                    bits -= Math.log(Math.max(pt, 1e-30f)) / Math.log(2);
                    int best = 0;
                    float bestP = -1;
                    for (int k = 0; k < v; k++) {
                        float pk = p[base + k * t];
                        if (pk > bestP) {
                            bestP = pk;
                            best = k;
                        }
                    }
                    if (best == tokens[pos]) {
                        correct++;
                    }
                    chars++;
                }
            }
            i = j;
        }
        return new ScoreResult(bits, correct, chars, captions.size());
    }
}
