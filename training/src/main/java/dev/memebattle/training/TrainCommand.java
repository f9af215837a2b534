package dev.memebattle.training;

import dev.memebattle.caption.CaptionModelException;
import dev.memebattle.caption.CaptionTrainer;
import dev.memebattle.caption.RerankerTraining;
import dev.memebattle.caption.TrainingOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the caption model (resumable; Ctrl-C saves a checkpoint).")
public final class TrainCommand implements Callable<Integer> {

    @Option(names = "--captions", description = "Caption corpus (jsonl or jsonl.gz). Default: ${DEFAULT-VALUE}")
    Path captions = Path.of("../shared/data/captions/imgflip-captions.jsonl.gz");

    @Option(names = "--checkpoint-dir", description = "Checkpoints and history (not in git). Default: ${DEFAULT-VALUE}")
    Path checkpointDir = Path.of("checkpoints");

    @Option(names = "--out", description = "Finished model. Default: ${DEFAULT-VALUE}")
    Path out = Path.of("models/caption-model.zip");

    @Option(names = "--minutes", description = "Wall-clock budget of this run. Default: ${DEFAULT-VALUE}")
    double minutes = 60;

    @Option(names = "--resume", description = "Continue from the latest checkpoint in --checkpoint-dir.")
    boolean resume;

    @Option(names = "--resume-from", description = "Continue from this checkpoint file instead.")
    Path resumeFrom;

    @Option(names = "--channels", description = "Width of every layer (new models only). Default: ${DEFAULT-VALUE}")
    int channels = 256;

    @Option(names = "--layers", description = "Residual conv layers (new models only). Default: ${DEFAULT-VALUE}")
    int layers = 8;

    @Option(names = "--max-dilation", description = "Dilations double up to this, then restart at 1. Default: ${DEFAULT-VALUE}")
    int maxDilation = 32;

    @Option(names = "--batch", description = "Captions per batch. Default: ${DEFAULT-VALUE}")
    int batch = 64;

    @Option(names = "--lr", description = "Adam learning rate (held flat, then decayed). Default: ${DEFAULT-VALUE}")
    double lr = 2e-3;

    @Option(names = "--decay-share", description = "Share of the budget over which the learning rate decays. Default: ${DEFAULT-VALUE}")
    double decayShare = 0.15;

    @Option(names = "--seed", description = "Default: ${DEFAULT-VALUE}")
    long seed = 42;

    @Option(names = "--limit", description = "Read only this many captions (quick experiments).")
    int limit = Integer.MAX_VALUE;

    @Option(names = "--validation-captions", description = "Validation subset scored during training. Default: ${DEFAULT-VALUE}")
    int validationCaptions = 2000;

    @Option(names = "--validate-every", description = "Minutes between validations. Default: ${DEFAULT-VALUE}")
    double validateEvery = 10;

    @Option(names = "--checkpoint-every", description = "Minutes between checkpoints. Default: ${DEFAULT-VALUE}")
    double checkpointEvery = 5;

    @Option(names = "--progress-every", description = "Seconds between progress lines. Default: ${DEFAULT-VALUE}")
    double progressEvery = 30;

    @Option(names = "--template-dropout", description = "Share of examples trained as the generic template. Default: ${DEFAULT-VALUE}")
    double templateDropout = 0.1;

    @Option(names = "--max-length", description = "Training positions per caption (longer ones are cut in training only). Default: ${DEFAULT-VALUE}")
    int maxLength = 256;

    @Option(names = "--min-char-count", description = "Rarer characters become the unknown token. Default: ${DEFAULT-VALUE}")
    int minCharCount = 30;

    @Option(names = "--min-votes", description = "Train only on captions with at least this many imgflip votes "
            + "(a fine-tuning phase on what people liked; 0 = all). Default: ${DEFAULT-VALUE}")
    long minVotes = 0;

    @Option(names = "--reranker", description = "Instead of training the network: build the word statistics and "
            + "train the caption reranker for the model in --out, and write both into that file.")
    boolean reranker;

    @Override
    public Integer call() {
        if (reranker) {
            try {
                var s = new RerankerTraining(System.out).train(captions, out, seed);
                System.out.printf(Locale.ROOT, "done: reranker held-out AUC %.3f, accuracy %.3f%n",
                        s.heldOutAuc(), s.heldOutAccuracy());
                return 0;
            } catch (IOException | CaptionModelException e) {
                System.err.println("train: " + e.getMessage());
                return 1;
            }
        }
        TrainingOptions options = new TrainingOptions(captions, checkpointDir, out, minutes, channels, layers,
                maxDilation, batch, lr, seed, resume || resumeFrom != null, resumeFrom, limit, validationCaptions,
                validateEvery, checkpointEvery, progressEvery, templateDropout, maxLength, minCharCount, decayShare,
                true, 0, minVotes);
        try {
            CaptionTrainer.Summary s = new CaptionTrainer(options, System.out).train();
            System.out.printf(Locale.ROOT, "done: validation %.4f -> %.4f bits/char, %,d chars in %.1f min (%,.0f chars/s)%s%n",
                    s.firstValidationBitsPerChar(), s.lastValidationBitsPerChar(), s.chars(), s.seconds() / 60,
                    s.charsPerSecond(), s.interrupted() ? " (interrupted; resume with --resume)" : "");
            return 0;
        } catch (IOException | CaptionModelException e) {
            System.err.println("train: " + e.getMessage());
            return 1;
        }
    }
}
