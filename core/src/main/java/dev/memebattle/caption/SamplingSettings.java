package dev.memebattle.caption;

/**
 * How captions are sampled.
 *
 * @param temperature  divides the logits; below 1 is safer, above 1 wilder
 * @param topP         nucleus sampling: keep the most likely tokens up to this total probability
 * @param maxLength    characters per caption at most (boxes and separators included)
 * @param candidates   captions sampled per request; the one the model scores best is returned (best-of-N)
 * @param targetLength typical caption length for the length prior of best-of-N
 * @param lengthWeight weight of the length prior (bits/char per unit of |ln(length / target)|)
 */
public record SamplingSettings(double temperature, double topP, int maxLength, int candidates,
                               int targetLength, double lengthWeight) {
    public SamplingSettings {
        if (!(temperature > 0) || !(topP > 0) || topP > 1 || maxLength < 1 || candidates < 1 || targetLength < 1) {
            throw new IllegalArgumentException("invalid sampling settings");
        }
    }

    public static SamplingSettings defaults() {
        // chosen by blind readings (models/README.md): short captions drift less, the reranker needs a choice
        return new SamplingSettings(0.75, 0.9, 80, 8, 20, 2.0);
    }

    public SamplingSettings withCandidates(int n) {
        return new SamplingSettings(temperature, topP, maxLength, n, targetLength, lengthWeight);
    }
}
