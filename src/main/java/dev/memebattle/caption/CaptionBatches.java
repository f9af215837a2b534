package dev.memebattle.caption;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
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
     * Builds one batch. Positions past {@code maxLength} are cut (training only; scoring never cuts).
     *
     * @param templateOverride per caption: the template id to use instead of its own (template dropout), or -1
     */
    public static MultiDataSet build(List<EncodedCaption> batch, int[] templateOverride, int vocabSize,
                                     int boxCount, int maxLength) {
        int mb = batch.size();
        int len = 0;
        for (EncodedCaption c : batch) {
            len = Math.max(len, Math.min(maxLength, c.length()));
        }
        float[] chars = new float[mb * len];
        float[] templates = new float[mb * len];
        float[] boxes = new float[mb * len];
        float[] labels = new float[mb * vocabSize * len];
        float[] mask = new float[mb * len];
        for (int i = 0; i < mb; i++) {
            EncodedCaption c = batch.get(i);
            int n = Math.min(len, c.length());
            int template = templateOverride != null && templateOverride[i] >= 0 ? templateOverride[i] : c.templateId();
            int[] inputs = new int[n];
            for (int t = 0; t < n; t++) {
                inputs[t] = c.inputAt(t);
            }
            int[] box = boxIndexes(inputs, boxCount);
            Arrays.fill(templates, i * len, (i + 1) * len, template);
            for (int t = 0; t < len; t++) {
                if (t < n) {
                    chars[i * len + t] = inputs[t];
                    boxes[i * len + t] = box[t];
                    labels[(i * vocabSize + c.tokens()[t]) * len + t] = 1f;
                    mask[i * len + t] = 1f;
                } else {
                    chars[i * len + t] = CharVocabulary.START;
                    boxes[i * len + t] = box[n - 1];
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
