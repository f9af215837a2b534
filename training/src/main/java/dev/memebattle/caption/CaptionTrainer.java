package dev.memebattle.caption;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains the caption network with teacher forcing on whole captions: length-bucketed batches, Adam
 * (steps taken by {@link CaptionBackprop}), learning rate held flat then decayed over the end of the time
 * budget, periodic validation, checkpoints, resume, and a save on Ctrl-C.
 */
public final class CaptionTrainer {
    public static final String LATEST = "checkpoint-latest.zip";
    public static final String PRE_DECAY = "checkpoint-predecay.zip";
    public static final String HISTORY_JSON = "caption-history.json";
    public static final String CURVE_PNG = "caption-training-curve.png";
    private static final Logger log = LoggerFactory.getLogger(CaptionTrainer.class);
    private static final double LN2 = Math.log(2);
    private static final int BOX_COUNT = 8;

    /** What a run did. */
    public record Summary(Path model, double firstValidationBitsPerChar, double lastValidationBitsPerChar,
                          long chars, double seconds, double charsPerSecond, long removedForSlurs,
                          boolean interrupted) {
    }

    private final TrainingOptions o;
    private final PrintStream progressOut;
    private final AtomicBoolean stopRequested = new AtomicBoolean();

    public CaptionTrainer(TrainingOptions options, PrintStream progressOut) {
        this.o = options;
        this.progressOut = progressOut;
    }

    /** Asks a running {@link #train()} to save and stop after the current batch. */
    public void requestStop() {
        stopRequested.set(true);
    }

    public Summary train() throws IOException {
        Blocklist slurs = Blocklist.resource("slurs.txt");
        say("reading %s", o.captions());
        PreparedCorpus corpus = PreparedCorpus.read(o.captions(), o.limitCaptions(), slurs);
        say("%d captions: %d train, %d validation; %d training captions removed by the slur filter",
                corpus.all().size(), corpus.train().size(), corpus.validation().size(), corpus.removedForSlurs());

        Path resumeFile = o.resumeFrom() != null ? o.resumeFrom() : o.checkpointDir().resolve(LATEST);
        ComputationGraph graph;
        CaptionModelMeta meta;
        if (o.resume() && Files.isRegularFile(resumeFile)) {
            CaptionGraphFile.Loaded loaded = CaptionGraphFile.load(resumeFile, true);
            graph = loaded.graph();
            meta = loaded.meta();
            say("resumed from %s: %.2f h, %,d chars trained so far", resumeFile,
                    meta.progress().trainedSeconds() / 3600, meta.progress().trainedChars());
        } else {
            if (o.resume()) {
                say("no checkpoint at %s: starting fresh", resumeFile);
            }
            CharVocabulary vocab = CharVocabulary.build(corpus.trainTexts(), o.minCharCount());
            TemplateIds templates = TemplateIds.fromCorpus(corpus.all());
            CaptionModelConfig config = new CaptionModelConfig(o.channels(), 3,
                    CaptionModelConfig.doublingDilations(o.layers(), o.maxDilation()), vocab.size(),
                    templates.count(), BOX_COUNT);
            graph = CaptionNetwork.build(config, o.learningRate(), o.seed());
            meta = new CaptionModelMeta(CaptionModelMeta.FORMAT, config, vocab.characters(), templates.entries(),
                    TrainingProgress.fresh(o.seed()), corpus.removedForSlurs());
        }
        CaptionModelConfig config = meta.config();
        CharVocabulary vocab = meta.charVocabulary();
        TemplateIds templates = meta.templateIds();
        say("network: %d channels, dilations %s (receptive field %d), vocab %d, %d templates, %,d parameters",
                config.channels(), config.dilations(), config.receptiveField(), config.vocabSize(),
                config.templateCount(), graph.numParams());

        List<CorpusCaption> trainCaptions = corpus.train().stream().filter(c -> c.votes() >= o.minVotes()).toList();
        if (o.minVotes() > 0) {
            say("quality-filtered phase: %,d training captions with at least %d votes", trainCaptions.size(), o.minVotes());
        }
        List<EncodedCaption> train = PreparedCorpus.encode(trainCaptions, vocab, templates);
        List<EncodedCaption> validation = PreparedCorpus.encode(
                corpus.validation().subList(0, Math.min(o.validationCaptions(), corpus.validation().size())),
                vocab, templates);
        GraphScorer scorer = new GraphScorer(graph, config);

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = null;
        if (o.installShutdownHook()) {
            hook = new Thread(() -> {
                stopRequested.set(true);
                try {
                    finished.await(180, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "caption-train-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            return loop(graph, meta, train, validation, scorer, corpus.removedForSlurs());
        } finally {
            finished.countDown();
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // JVM is already shutting down: the hook is running and waits for us
                }
            }
        }
    }

    private Summary loop(ComputationGraph graph, CaptionModelMeta meta, List<EncodedCaption> train,
                         List<EncodedCaption> validation, GraphScorer scorer, long removed) throws IOException {
        CaptionModelConfig config = meta.config();
        TrainingProgress start = meta.progress();
        int run = start.runs() + 1;
        List<TrainingProgress.HistoryPoint> history = new ArrayList<>(start.history());
        int epoch = start.epoch();
        long batchInEpoch = start.batchInEpoch();
        long chars = start.trainedChars();
        double priorSeconds = start.trainedSeconds();

        long t0 = System.nanoTime();
        double budget = o.minutes() * 60;
        double firstVal = validate(scorer, validation);
        say("validation before this run: %.4f bits/char", firstVal);
        history.add(new TrainingProgress.HistoryPoint(priorSeconds / 3600, chars, run, 0, firstVal, lr(0)));
        double lastVal = firstVal;
        double running = Double.NaN;
        double currentLr = o.learningRate();
        graph.setLearningRate(currentLr);
        long runChars = 0;
        double lastProgress = 0;
        double lastValidation = 0;
        double lastCheckpoint = 0;
        boolean savedPreDecay = false;
        boolean interrupted = false;
        long runBatches = 0;
        CaptionBackprop backprop = new CaptionBackprop(graph, config);

        outer:
        while (true) {
            List<int[]> batches = CaptionBatches.epochOrder(train, o.batchSize(), o.seed() * 1_000_003L + epoch);
            for (long b = batchInEpoch; b < batches.size(); b++) {
                double elapsed = seconds(t0);
                if (o.maxBatches() > 0 ? runBatches >= o.maxBatches() : elapsed >= budget) {
                    break outer;
                }
                if (stopRequested.get()) {
                    interrupted = true;
                    break outer;
                }
                double fraction = o.maxBatches() > 0 ? (double) runBatches / o.maxBatches() : elapsed / budget;
                double lr = lr(fraction);
                if (Math.abs(lr - currentLr) > 0.01 * currentLr) {
                    if (!savedPreDecay && fraction >= 1 - o.decayShare()) {
                        saveCheckpoint(graph, meta, progress(epoch, b, chars, priorSeconds + elapsed, run, history),
                                PRE_DECAY);
                        savedPreDecay = true;
                    }
                    graph.setLearningRate(lr);
                    currentLr = lr;
                }
                int[] idx = batches.get((int) b);
                List<EncodedCaption> batch = new ArrayList<>(idx.length);
                int[] override = new int[idx.length];
                Random dropout = new Random(o.seed() ^ (epoch * 0x9E3779B97F4A7C15L) ^ (b * 0xC2B2AE3D27D4EB4FL));
                for (int i = 0; i < idx.length; i++) {
                    batch.add(train.get(idx[i]));
                    override[i] = dropout.nextDouble() < o.templateDropout() ? TemplateIds.GENERIC : -1;
                }
                long targets = CaptionBatches.targetCount(batch, o.maxLength());
                double bpc = backprop.fit(CaptionBatches.tokens(batch, override, config.boxCount(), o.maxLength()))
                        / targets / LN2;
                running = Double.isNaN(running) ? bpc : 0.98 * running + 0.02 * bpc;
                chars += targets;
                runChars += targets;
                batchInEpoch = b + 1;
                runBatches++;

                elapsed = seconds(t0);
                if (elapsed - lastProgress >= o.progressEverySeconds()) {
                    lastProgress = elapsed;
                    double rate = runChars / Math.max(elapsed, 1e-9);
                    say("[train] run %d %s / %s  ETA %s | epoch %d %5.1f%% | %,.0f chars/s | loss %.3f bits/char | lr %.2e",
                            run, clock(elapsed), clock(budget), clock(Math.max(0, budget - elapsed)), epoch,
                            100.0 * batchInEpoch / batches.size(), rate, running, currentLr);
                    history.add(new TrainingProgress.HistoryPoint((priorSeconds + elapsed) / 3600, chars, run,
                            running, null, currentLr));
                }
                if (elapsed - lastValidation >= o.validateEveryMinutes() * 60) {
                    lastValidation = elapsed;
                    lastVal = validate(scorer, validation);
                    say("[valid] %s  %.4f bits/char on %d validation captions", clock(elapsed), lastVal,
                            validation.size());
                    history.add(new TrainingProgress.HistoryPoint((priorSeconds + elapsed) / 3600, chars, run,
                            running, lastVal, currentLr));
                }
                if (elapsed - lastCheckpoint >= o.checkpointEveryMinutes() * 60) {
                    lastCheckpoint = elapsed;
                    saveCheckpoint(graph, meta, progress(epoch, batchInEpoch, chars, priorSeconds + seconds(t0), run,
                            history), LATEST);
                }
            }
            epoch++;
            batchInEpoch = 0;
            say("[train] pass over the training split done; starting pass %d", epoch);
        }

        double elapsed = seconds(t0);
        if (!interrupted) {
            lastVal = validate(scorer, validation);
            say("[valid] final %.4f bits/char on %d validation captions", lastVal, validation.size());
        } else {
            say("[train] stopping early: saving a checkpoint");
        }
        history.add(new TrainingProgress.HistoryPoint((priorSeconds + elapsed) / 3600, chars, run,
                Double.isNaN(running) ? 0 : running, interrupted ? null : lastVal, currentLr));
        TrainingProgress end = progress(epoch, batchInEpoch, chars, priorSeconds + elapsed, run, history);
        saveCheckpoint(graph, meta, end, LATEST);
        Path model = null;
        if (!interrupted && o.modelOut() != null) {
            model = o.modelOut();
            CaptionGraphFile.save(graph, meta.withProgress(end), model, false);
            writeHistory(end, model.toAbsolutePath().getParent());
            say("model written to %s (%,d bytes)", model, Files.size(model));
        }
        writeHistory(end, o.checkpointDir());
        return new Summary(model, firstVal, lastVal, chars - start.trainedChars(), elapsed,
                runChars / Math.max(elapsed, 1e-9), removed, interrupted);
    }

    private TrainingProgress progress(int epoch, long batchInEpoch, long chars, double seconds, int run,
                                      List<TrainingProgress.HistoryPoint> history) {
        return new TrainingProgress(o.seed(), epoch, batchInEpoch, chars, seconds, run, history);
    }

    private void saveCheckpoint(ComputationGraph graph, CaptionModelMeta meta, TrainingProgress p, String name)
            throws IOException {
        Path file = o.checkpointDir().resolve(name);
        CaptionGraphFile.save(graph, meta.withProgress(p), file, true);
        writeHistory(p, o.checkpointDir());
        say("[ckpt] %s saved (%.2f h trained in total)", file, p.trainedSeconds() / 3600);
    }

    private void writeHistory(TrainingProgress p, Path dir) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve(HISTORY_JSON).toFile(), p);
        TrainingCurveChart.write(p.history(), String.format(Locale.ROOT,
                "caption model: %.2f h, %,d chars", p.trainedSeconds() / 3600, p.trainedChars()),
                dir.resolve(CURVE_PNG));
    }

    private double validate(GraphScorer scorer, List<EncodedCaption> validation) {
        return validation.isEmpty() ? Double.NaN : scorer.score(validation, -1).bitsPerChar();
    }

    /** Flat, then a cosine decay to 5% over the last {@code decayShare} of the budget. */
    double lr(double fraction) {
        double startDecay = 1 - o.decayShare();
        if (fraction < startDecay || o.decayShare() <= 0) {
            return o.learningRate();
        }
        double q = Math.min(1, (fraction - startDecay) / o.decayShare());
        return o.learningRate() * (0.05 + 0.95 * 0.5 * (1 + Math.cos(Math.PI * q)));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }

    private void say(String fmt, Object... args) {
        String line = String.format(Locale.ROOT, fmt, args);
        progressOut.println(line);
        progressOut.flush();
    }
}
