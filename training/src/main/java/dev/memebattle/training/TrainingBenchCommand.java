package dev.memebattle.training;

import dev.memebattle.caption.CaptionBenchmark;
import dev.memebattle.caption.TrainingBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Training speed (our backprop vs DL4J's fit) and imgflip's architecture next to the bot's sampler.")
public final class TrainingBenchCommand implements Callable<Integer> {

    @Option(names = "--model", description = "Model whose shape to time. Default: ${DEFAULT-VALUE}")
    Path model = Path.of("models/caption-model.zip");

    @Option(names = "--batches", description = "Timed training batches. Default: ${DEFAULT-VALUE}")
    int batches = 3;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(model)) {
            System.err.println("bench: no model at " + model + " (pass --model PATH).");
            return 1;
        }
        TrainingBenchmark bench = new TrainingBenchmark(model);
        double ours = new CaptionBenchmark(model).captionTimesMs(50)[25];
        double reference = bench.referenceCaptionMs();
        double[] training = bench.trainingCharsPerSecond(batches);
        System.out.printf(Locale.ROOT, "caption (60 chars): ours p50 %.2f ms, imgflip reference net %.0f ms (%,d "
                        + "parameters, %.0fx)%ntraining: %,.0f chars/s with our backprop, %,.0f chars/s with DL4J fit%n",
                ours, reference, bench.referenceParameters(), reference / Math.max(1e-6, ours), training[0], training[1]);
        return 0;
    }
}
