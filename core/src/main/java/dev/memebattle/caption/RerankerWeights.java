package dev.memebattle.caption;

import java.util.List;

/**
 * The weights of {@link CaptionReranker}'s classifier: one hidden layer, trained in DL4J by
 * {@link RerankerTraining} to tell held-out human captions from our own samples, over word-level
 * measures from {@link CorpusWords}. Stored as JSON inside the model zip.
 *
 * @param mean         per feature, subtracted before the network
 * @param scale        per feature, divides after subtracting the mean
 * @param hiddenW      [features][hidden], row-major
 * @param hiddenB      [hidden]
 * @param outW         [hidden]
 * @param outB         output bias
 * @param heldOutAuc   area under the ROC curve on captions the classifier did not train on (for the record)
 * @param trainedOn    what it was trained on, in words
 */
public record RerankerWeights(List<Double> mean, List<Double> scale, List<Double> hiddenW, List<Double> hiddenB,
                              List<Double> outW, double outB, double heldOutAuc, String trainedOn) {
    /** Names of the inputs, in order (see {@link #features}). */
    public static final List<String> FEATURES = List.of("word_gain", "weakest_joint", "unseen_pairs", "repeated_pairs",
            "topic", "weakest_topic");
    public RerankerWeights {
        mean = List.copyOf(mean);
        scale = List.copyOf(scale);
        hiddenW = List.copyOf(hiddenW);
        hiddenB = List.copyOf(hiddenB);
        outW = List.copyOf(outW);
        if (mean.size() != FEATURES.size() || scale.size() != FEATURES.size()
                || hiddenW.size() != FEATURES.size() * hiddenB.size() || outW.size() != hiddenB.size()) {
            throw new IllegalArgumentException("reranker weights do not match its features");
        }
    }

    /**
     * The classifier's inputs for one caption, unscaled: only how words hang together, next to each other
     * and across the caption. Rarity (word
     * surprisal, unknown words, length) is left out on purpose: people use rarer words than any sampler
     * at a temperature below 1, so a classifier that saw rarity learned to prefer odd words.
     */
    public static double[] features(CorpusWords.Measures m) {
        return new double[]{m.meanGain(), m.minGain(), m.unseenPairs(), m.repeatedPairs(), m.topic(), m.weakestTopic()};
    }

    /** Log-odds that a person wrote it (the classifier's output before the sigmoid). */
    public double humanLogit(double[] x) {
        int hidden = hiddenB.size();
        double out = outB;
        for (int h = 0; h < hidden; h++) {
            double a = hiddenB.get(h);
            for (int f = 0; f < x.length; f++) {
                a += (x[f] - mean.get(f)) / scale.get(f) * hiddenW.get(f * hidden + h);
            }
            out += Math.tanh(a) * outW.get(h);
        }
        return out;
    }
}
