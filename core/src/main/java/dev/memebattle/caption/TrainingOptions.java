package dev.memebattle.caption;

import java.nio.file.Path;

/**
 * Settings of one training run.
 *
 * @param modelOut           where the finished model goes; history JSON and curve PNG are written next to it
 * @param minutes            wall-clock budget of this run (the learning rate decays over its last {@code decayShare})
 * @param resume             continue from {@code checkpointDir/checkpoint-latest.zip} (network shape then comes from it)
 * @param limitCaptions      read only this many captions of the file (tests)
 * @param validationCaptions size of the fixed validation subset scored during training
 * @param installShutdownHook save a checkpoint on Ctrl-C (off in tests)
 * @param maxBatches         when positive, the run trains exactly this many batches (the schedule follows
 *                           batches instead of the clock; tests use it so results do not depend on machine load)
 * @param minVotes           train only on captions with at least this many imgflip votes (0 = all): a
 *                           quality-filtered fine-tuning phase on what people liked
 */
public record TrainingOptions(Path captions, Path checkpointDir, Path modelOut, double minutes,
                              int channels, int layers, int maxDilation, int batchSize, double learningRate,
                              long seed, boolean resume, Path resumeFrom, int limitCaptions, int validationCaptions,
                              double validateEveryMinutes, double checkpointEveryMinutes, double progressEverySeconds,
                              double templateDropout, int maxLength, int minCharCount, double decayShare,
                              boolean installShutdownHook, long maxBatches,
                              long minVotes) {
}
