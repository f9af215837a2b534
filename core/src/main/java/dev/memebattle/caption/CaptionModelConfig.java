package dev.memebattle.caption;

import java.util.List;

/**
 * Shape of the caption network: a causal dilated residual 1-D conv stack.
 *
 * @param channels       width of every layer (embeddings, convs, head)
 * @param kernel         conv kernel size
 * @param dilations      dilation of each residual conv layer, in order
 * @param vocabSize      number of token ids
 * @param templateCount  number of template ids, including the generic id 0
 * @param boxCount       number of box-index ids (box indexes above are clipped)
 */
public record CaptionModelConfig(int channels, int kernel, List<Integer> dilations,
                                 int vocabSize, int templateCount, int boxCount) {
    public CaptionModelConfig {
        dilations = List.copyOf(dilations);
        if (channels <= 0 || kernel <= 0 || dilations.isEmpty() || vocabSize <= CharVocabulary.FIRST_CHAR
                || templateCount <= 0 || boxCount <= 0) {
            throw new IllegalArgumentException("invalid caption model config: " + this);
        }
    }

    /** Characters the last position can see. */
    public int receptiveField() {
        int rf = 1;
        for (int d : dilations) {
            rf += (kernel - 1) * d;
        }
        return rf;
    }

    /** Dilations 1, 2, 4, ... repeated until {@code layers} layers, capped at {@code maxDilation}. */
    public static List<Integer> doublingDilations(int layers, int maxDilation) {
        List<Integer> out = new java.util.ArrayList<>();
        int d = 1;
        for (int i = 0; i < layers; i++) {
            out.add(d);
            d = d >= maxDilation ? 1 : d * 2;
        }
        return out;
    }
}
