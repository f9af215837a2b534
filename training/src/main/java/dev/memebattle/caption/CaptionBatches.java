package dev.memebattle.caption;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Turns encoded captions into padded DL4J batches; groups captions of similar length to avoid padding waste. */
public final class CaptionBatches {

    private CaptionBatches() {
    }

    /** Box index seen by the model at each position: the number of separators among the inputs, clipped. */
    public static int[] boxIndexes(int[] inputs, int boxCount) {
        int[] out = new int[inputs.length];
        int box = 0;
        for (int t = 0; t < inputs.length; t++) {
            if (inputs[t] == CharVocabulary.SEPARATOR) {
                box++;
            }
            out[t] = Math.min(box, boxCount - 1);
        }
        return out;
    }

    /**
     * Batches of indexes into {@code captions} for one pass: shuffled, then sorted by length within
     * large chunks so each batch holds similar lengths, then the batch order shuffled again.
     */
    public static List<int[]> epochOrder(List<EncodedCaption> captions, int batchSize, long seed) {
        Random random = new Random(seed);
        List<Integer> order = new ArrayList<>(captions.size());
        for (int i = 0; i < captions.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int chunk = batchSize * 64;
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < order.size(); from += chunk) {
            List<Integer> part = new ArrayList<>(order.subList(from, Math.min(order.size(), from + chunk)));
            part.sort(Comparator.comparingInt(i -> captions.get(i).length()));
            for (int b = 0; b < part.size(); b += batchSize) {
                batches.add(part.subList(b, Math.min(part.size(), b + batchSize)).stream()
                        .mapToInt(Integer::intValue).toArray());
            }
        }
        Collections.shuffle(batches, random);
        return batches;
    }

    /**
     * One batch as token indexes, row-major {@code [caption][position]}; captions shorter than the batch
     * are padded with START inputs and target -1 (not scored).
     *
     * @param templates per caption: the template id the model sees
     */
    public record Tokens(int size, int length, int[] inputs, int[] boxes, int[] templates, int[] targets) {
    }

    /**
     * Lays out one batch. Positions past {@code maxLength} are cut (training only; scoring never cuts).
     *
     * @param templateOverride per caption: the template id to use instead of its own (template dropout), or -1
     */
    public static Tokens tokens(List<EncodedCaption> batch, int[] templateOverride, int boxCount, int maxLength) {
        int mb = batch.size();
        int len = 0;
        for (EncodedCaption c : batch) {
            len = Math.max(len, Math.min(maxLength, c.length()));
        }
        int[] inputs = new int[mb * len];
        int[] boxes = new int[mb * len];
        int[] templates = new int[mb];
        int[] targets = new int[mb * len];
        for (int i = 0; i < mb; i++) {
            EncodedCaption c = batch.get(i);
            int n = Math.min(len, c.length());
            templates[i] = templateOverride != null && templateOverride[i] >= 0 ? templateOverride[i] : c.templateId();
            int[] in = new int[n];
            for (int t = 0; t < n; t++) {
                in[t] = c.inputAt(t);
            }
            int[] box = boxIndexes(in, boxCount);
            for (int t = 0; t < len; t++) {
                int at = i * len + t;
                inputs[at] = t < n ? in[t] : CharVocabulary.START;
                boxes[at] = box[Math.min(t, n - 1)];
                targets[at] = t < n ? c.tokens()[t] : -1;
            }
        }
        return new Tokens(mb, len, inputs, boxes, templates, targets);
    }

    /** The same batch as DL4J inputs {@code [mb, 1, T]}, one-hot labels {@code [mb, vocab, T]} and a label mask. */
    public static MultiDataSet build(List<EncodedCaption> batch, int[] templateOverride, int vocabSize,
                                     int boxCount, int maxLength) {
        Tokens b = tokens(batch, templateOverride, boxCount, maxLength);
        int mb = b.size();
        int len = b.length();
        float[] chars = new float[mb * len];
        float[] templates = new float[mb * len];
        float[] boxes = new float[mb * len];
        float[] labels = new float[mb * vocabSize * len];
        float[] mask = new float[mb * len];
        for (int i = 0; i < mb; i++) {
            for (int t = 0; t < len; t++) {
                int at = i * len + t;
                chars[at] = b.inputs()[at];
                templates[at] = b.templates()[i];
                boxes[at] = b.boxes()[at];
                if (b.targets()[at] >= 0) {
                    labels[(i * vocabSize + b.targets()[at]) * len + t] = 1f;
                    mask[at] = 1f;
                }
            }
        }
        INDArray[] features = {
                Nd4j.create(chars, new long[]{mb, 1, len}, 'c'),
                Nd4j.create(templates, new long[]{mb, 1, len}, 'c'),
                Nd4j.create(boxes, new long[]{mb, 1, len}, 'c'),
        };
        INDArray labelArr = Nd4j.create(labels, new long[]{mb, vocabSize, len}, 'c');
        INDArray maskArr = Nd4j.create(mask, new long[]{mb, len}, 'c');
        return new MultiDataSet(features, new INDArray[]{labelArr}, null, new INDArray[]{maskArr});
    }

    /** Number of scored positions (targets) in a batch as built by {@link #build}. */
    public static long targetCount(List<EncodedCaption> batch, int maxLength) {
        long n = 0;
        for (EncodedCaption c : batch) {
            n += Math.min(maxLength, c.length());
        }
        return n;
    }
}
