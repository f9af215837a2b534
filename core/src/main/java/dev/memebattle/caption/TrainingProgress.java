package dev.memebattle.caption;

import java.util.List;

/**
 * Where training stands; stored in checkpoints and the shipped model so resumed runs add up.
 *
 * @param epoch         pass over the training split in progress
 * @param batchInEpoch  batches of that pass already trained
 * @param trainedChars  target characters trained on, all runs together
 * @param trainedSeconds wall-clock training seconds, all runs together
 */
public record TrainingProgress(long seed, int epoch, long batchInEpoch, long trainedChars, double trainedSeconds,
                               int runs, List<HistoryPoint> history) {
    public TrainingProgress {
        history = List.copyOf(history);
    }

    /**
     * One point of the training curve.
     *
     * @param validationBitsPerChar null when validation did not run at this point
     */
    public record HistoryPoint(double hours, long chars, int run, double trainBitsPerChar,
                               Double validationBitsPerChar, double learningRate) {
    }

    public static TrainingProgress fresh(long seed) {
        return new TrainingProgress(seed, 0, 0, 0, 0, 0, List.of());
    }
}
