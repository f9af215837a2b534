package dev.memebattle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memebattle.caption.CaptionEvaluation;
import dev.memebattle.caption.CaptionModelException;
import dev.memebattle.caption.DataSplit;
import dev.memebattle.caption.SamplingSettings;
import dev.memebattle.config.AppHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the caption model: bits/char and accuracy next to a char n-gram baseline, "
                + "plus statistics of generated captions. The last line of --json output is one JSON object.")
public final class EvalCommand implements Callable<Integer> {
    private static final Path CORPUS = Path.of("../shared/data/captions/imgflip-captions.jsonl.gz");

    @Option(names = "--captions", description = "Captions to score (corpus format, jsonl or jsonl.gz). Default: ${DEFAULT-VALUE}")
    Path captions = CORPUS;

    @Option(names = "--model", description = "Default: ${DEFAULT-VALUE}")
    Path model = Path.of("models/caption-model.zip");

    @Option(names = "--filter", description = "'imgflip': keep captions of 10-82 chars, ASCII only.")
    String filter;

    @Option(names = "--split", description = "train, validation or all. Default: validation when --captions is the "
            + "training corpus, else all.")
    DataSplit split;

    @Option(names = "--train-captions", description = "Corpus whose training split trains the baseline. Default: ${DEFAULT-VALUE}")
    Path trainCaptions = CORPUS;

    @Option(names = "--order", description = "n-gram order of the baseline. Default: ${DEFAULT-VALUE}")
    int order = 7;

    @Option(names = "--generate", description = "Captions to generate for the generation statistics. Default: ${DEFAULT-VALUE}")
    int generate = 200;

    @Option(names = "--seed", description = "Default: ${DEFAULT-VALUE}")
    long seed = 1;

    @Option(names = "--temperature", description = "Default: ${DEFAULT-VALUE}")
    double temperature = SamplingSettings.defaults().temperature();

    @Option(names = "--top-p", description = "Default: ${DEFAULT-VALUE}")
    double topP = SamplingSettings.defaults().topP();

    @Option(names = "--best-of", description = "Default: ${DEFAULT-VALUE}")
    int bestOf = SamplingSettings.defaults().candidates();

    @Option(names = "--target-length", description = "Length prior of the ranking: typical caption length. Default: ${DEFAULT-VALUE}")
    int targetLength = SamplingSettings.defaults().targetLength();

    @Option(names = "--length-weight", description = "Weight of the length prior. Default: ${DEFAULT-VALUE}")
    double lengthWeight = SamplingSettings.defaults().lengthWeight();

    @Option(names = "--min-votes", description = "Score only captions with at least this many imgflip votes. Default: ${DEFAULT-VALUE}")
    long minVotes = 0;

    @Option(names = "--no-score", description = "Skip scoring; only generate (for tuning the sampling settings).")
    boolean noScore;

    @Option(names = "--json", description = "Print the result as one JSON object on the last line.")
    boolean json;

    @Override
    public Integer call() {
        if (filter != null && !filter.equals("imgflip")) {
            System.err.println("eval: unknown --filter '" + filter + "' (only 'imgflip' is known)");
            return 2;
        }
        DataSplit chosen = split != null ? split
                : CaptionEvaluation.sameFile(captions, trainCaptions) ? DataSplit.VALIDATION : DataSplit.ALL;
        SamplingSettings d = SamplingSettings.defaults();
        try {
            SamplingSettings sampling = new SamplingSettings(temperature, topP, d.maxLength(), bestOf,
                    targetLength, lengthWeight);
            // the shipped model and templates, from any working directory (as generate and run find them)
            AppHome home = AppHome.ofRunningJar();
            Path templates = home.resolve("templates");
            Map<String, Object> result = new CaptionEvaluation(new CaptionEvaluation.Options(captions,
                    home.resolve(model.toString()),
                    trainCaptions, chosen, filter != null, order, generate, seed, sampling, !noScore, templates, minVotes),
                    System.err).run();
            if (json) {
                System.out.println(new ObjectMapper().writeValueAsString(result));
            } else {
                result.forEach((k, v) -> System.out.println(k + ": " + v));
            }
            return 0;
        } catch (IOException | CaptionModelException | IllegalArgumentException e) {
            System.err.println("eval: " + e.getMessage());
            return 1;
        }
    }
}
