package dev.memebattle.caption;

/**
 * Totals of scoring captions with a language model.
 *
 * @param bits    sum of -log2 p(target) over all scored characters
 * @param correct positions where the most likely token was the target
 * @param chars   scored positions (every character, box separators and end tokens included)
 */
public record ScoreResult(double bits, long correct, long chars, long captions) {
    public double bitsPerChar() {
        return chars == 0 ? Double.NaN : bits / chars;
    }

    public double accuracy() {
        return chars == 0 ? Double.NaN : (double) correct / chars;
    }
}
