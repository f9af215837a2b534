package dev.memebattle.caption;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact bits/char and next-char accuracy of the caption model over whole captions, in plain Java with
 * the same forward pass the bot samples from ({@link FastCaptionModel}). Captions are stepped in
 * groups of similar length ({@link FastCaptionModel#stepAll}), groups in parallel; the training
 * module checks the figures against DL4J's own forward pass.
 */
public final class CaptionScorer {
    private static final int GROUP = 32;

    private final FastCaptionModel model;

    public CaptionScorer(FastCaptionModel model) {
        this.model = model;
    }

    /** @param templateOverride template id to use for every caption instead of its own, or -1 */
    public ScoreResult score(List<EncodedCaption> captions, int templateOverride) {
        return score(captions, templateOverride, null);
    }

    /** @param targetProbabilities when not null, receives p(target) of every position: entry i for caption i */
    public ScoreResult score(List<EncodedCaption> captions, int templateOverride, double[][] targetProbabilities) {
        // longest first, so the captions still running at any position are a prefix of the group
        List<Integer> order = new ArrayList<>(captions.size());
        for (int i = 0; i < captions.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> captions.get(i).length()).reversed());
        int groups = (order.size() + GROUP - 1) / GROUP;
        ScoreResult[] parts = new ScoreResult[groups];
        IntStream.range(0, groups).parallel().forEach(g -> parts[g] = scoreGroup(captions,
                order.subList(g * GROUP, Math.min(order.size(), (g + 1) * GROUP)), templateOverride, targetProbabilities));
        double bits = 0;
        long correct = 0;
        long chars = 0;
        for (ScoreResult part : parts) { // summed in a fixed order: the same figure on every run
            bits += part.bits();
            correct += part.correct();
            chars += part.chars();
        }
        return new ScoreResult(bits, correct, chars, captions.size());
    }

    private ScoreResult scoreGroup(List<EncodedCaption> captions, List<Integer> group, int templateOverride,
                                   double[][] targetProbabilities) {
        int n = group.size();
        int vocab = model.config().vocabSize();
        FastCaptionModel.State[] states = new FastCaptionModel.State[n];
        int[][] tokens = new int[n][];
        float[][] probs = new float[n][vocab];
        int[] inputs = new int[n];
        for (int s = 0; s < n; s++) {
            EncodedCaption c = captions.get(group.get(s));
            tokens[s] = c.tokens();
            states[s] = model.newState(templateOverride >= 0 ? templateOverride : c.templateId());
            if (targetProbabilities != null) {
                targetProbabilities[group.get(s)] = new double[c.length()];
            }
        }
        double bits = 0;
        long correct = 0;
        long chars = 0;
        int active = n;
        for (int pos = 0; active > 0; pos++) {
            while (active > 0 && tokens[active - 1].length <= pos) {
                active--;
            }
            if (active == 0) {
                break;
            }
            for (int s = 0; s < active; s++) {
                inputs[s] = pos == 0 ? CharVocabulary.START : tokens[s][pos - 1];
            }
            model.stepAll(states, active, inputs, probs);
            for (int s = 0; s < active; s++) {
                float[] p = probs[s];
                int target = tokens[s][pos];
                float pt = p[target];
                if (targetProbabilities != null) {
                    targetProbabilities[group.get(s)][pos] = pt;
                }
                bits -= Math.log(Math.max(pt, 1e-30f)) / Math.log(2);
                int best = 0;
                float bestP = -1;
                for (int k = 0; k < vocab; k++) {
                    if (p[k] > bestP) {
                        bestP = p[k];
                        best = k;
                    }
                }
                if (best == target) {
                    correct++;
                }
                chars++;
            }
        }
        return new ScoreResult(bits, correct, chars, n);
    }
}
