package dev.memebattle.caption;

import java.util.Arrays;
import dev.memebattle.template.TemplateDefinitionException;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.MemeTemplate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Measures the caption model: bits/char and next-char accuracy on a caption file next to a char
 * n-gram baseline trained on our training split in the same run, plus statistics of generated
 * captions (real words, verbatim copies, distinct rerolls, blocked outputs).
 */
public final class CaptionEvaluation {
    private static final double LN2 = Math.log(2);
    private static final int GENERIC_SUBSET = 1000;

    /**
     * @param split         which part of {@code captions} to score
     * @param trainCaptions corpus whose training split trains the n-gram baseline and defines "real words"
     * @param generate      captions to generate for the generation statistics (0 skips them)
     * @param score         score the captions (false: only the generation statistics, for tuning sampling)
     * @param templatesDir  template definitions: the AI templates and the box counts their layouts allow
     * @param minVotes      score only captions with at least this many imgflip votes (what people liked)
     */
    public record Options(Path captions, Path model, Path trainCaptions, DataSplit split, boolean imgflipFilter,
                          int ngramOrder, int generate, long seed, SamplingSettings sampling, boolean score,
                          Path templatesDir, long minVotes) {
    }

    private final Options o;
    private final PrintStream log;

    public CaptionEvaluation(Options options, PrintStream log) {
        this.o = options;
        this.log = log;
    }

    /** True when {@code a} and {@code b} are the same file (then our validation split is the fair default). */
    public static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    public Map<String, Object> run() throws IOException {
        CaptionModelFile.Fast loaded = CaptionModelFile.loadFast(o.model(), false);
        Map<String, Object> json = new LinkedHashMap<>();
        PreparedCorpus corpus = PreparedCorpus.read(o.trainCaptions(), Integer.MAX_VALUE, Blocklist.resource("slurs.txt"));
        if (o.score()) {
            json.putAll(score(loaded, corpus));
        }
        if (o.generate() > 0) {
            json.putAll(generationStats(corpus));
        }
        return json;
    }

    private Map<String, Object> score(CaptionModelFile.Fast loaded, PreparedCorpus corpus) throws IOException {
        CaptionModelMeta meta = loaded.meta();
        CharVocabulary vocab = meta.charVocabulary();
        TemplateIds templates = meta.templateIds();
        Map<String, Object> json = new LinkedHashMap<>();
        List<CorpusCaption> evalCaptions = CaptionCorpus.split(CaptionCorpus.read(o.captions()), o.split());
        if (o.imgflipFilter()) {
            evalCaptions = evalCaptions.stream().filter(c -> CaptionText.passesImgflipFilter(c.modelText())).toList();
        }
        if (o.minVotes() > 0) {
            evalCaptions = evalCaptions.stream().filter(c -> c.votes() >= o.minVotes()).toList();
        }
        if (evalCaptions.isEmpty()) {
            throw new IllegalArgumentException("no captions to evaluate in " + o.captions() + " (split " + o.split()
                    + (o.imgflipFilter() ? ", imgflip filter" : "") + ")");
        }
        List<EncodedCaption> encoded = PreparedCorpus.encode(evalCaptions, vocab, templates);
        say("scoring %,d captions (%s split%s) with the model", encoded.size(), o.split().name().toLowerCase(Locale.ROOT),
                o.imgflipFilter() ? ", imgflip filter" : "");
        CaptionScorer scorer = new CaptionScorer(loaded.model());
        double[][] conv = new double[encoded.size()][];
        ScoreResult model = scorer.score(encoded, -1, conv);
        say("model: %.4f bits/char, accuracy %.4f", model.bitsPerChar(), model.accuracy());
        // template dropout: the same captions scored as the generic template (a subset keeps eval quick)
        List<EncodedCaption> subset = encoded.subList(0, Math.min(GENERIC_SUBSET, encoded.size()));
        ScoreResult own = scorer.score(subset, -1);
        ScoreResult generic = scorer.score(subset, TemplateIds.GENERIC);
        say("first %d captions: %.4f bits/char with their template, %.4f as the generic template",
                subset.size(), own.bitsPerChar(), generic.bitsPerChar());

        List<EncodedCaption> train = PreparedCorpus.encode(corpus.train(), vocab, templates);
        say("training the order-%d n-gram baseline on %,d training captions", o.ngramOrder(), train.size());
        CharNgramModel ngram = CharNgramModel.train(train, o.ngramOrder(), vocab.size());
        ScoreResult baseline = ngram.score(encoded);
        say("baseline: %.4f bits/char", baseline.bitsPerChar());
        // known cheap gain: p = λ·p_conv + (1-λ)·p_ngram; one λ tuned on the scored captions themselves
        double[][] gram = new double[encoded.size()][];
        for (int i = 0; i < encoded.size(); i++) {
            int[] t = encoded.get(i).tokens();
            gram[i] = new double[t.length];
            for (int pos = 0; pos < t.length; pos++) {
                gram[i][pos] = ngram.probability(t, pos);
            }
        }
        double bestLambda = 1;
        double bestBits = Double.MAX_VALUE;
        for (int step = 1; step <= 19; step++) {
            double lambda = step / 20.0;
            double bits = 0;
            for (int i = 0; i < conv.length; i++) {
                for (int pos = 0; pos < conv[i].length; pos++) {
                    bits -= Math.log(lambda * conv[i][pos] + (1 - lambda) * gram[i][pos]);
                }
            }
            if (bits < bestBits) {
                bestBits = bits;
                bestLambda = lambda;
            }
        }
        double mixed = bestBits / LN2 / model.chars();
        say("mixed (λ=%.2f): %.4f bits/char", bestLambda, mixed);

        json.put("bits_per_char", round(model.bitsPerChar()));
        json.put("accuracy", round(model.accuracy()));
        json.put("baseline_bits_per_char", round(baseline.bitsPerChar()));
        json.put("baseline", "interpolated Witten-Bell char " + o.ngramOrder() + "-gram, our training split");
        json.put("relative_to_baseline", round(model.bitsPerChar() / baseline.bitsPerChar() - 1));
        json.put("mixed_bits_per_char", round(mixed));
        json.put("mixed_lambda", bestLambda);
        json.put("captions", model.captions());
        json.put("chars", model.chars());
        json.put("nats_per_char", round(model.bitsPerChar() * LN2));
        json.put("generic_template_bits_per_char", round(generic.bitsPerChar()));
        json.put("own_template_bits_per_char_same_captions", round(own.bitsPerChar()));
        json.put("generic_template_captions", subset.size());
        json.put("split", o.split().name().toLowerCase(Locale.ROOT));
        json.put("filter", o.imgflipFilter() ? "imgflip" : "none");
        json.put("min_votes", o.minVotes());
        json.put("model", o.model().toString());
        json.put("model_training_hours", round(meta.progress().trainedSeconds() / 3600));
        return json;
    }

    /**
     * What users see: captions from the bot's real write path ({@link ModelCaptionWriter} with the model
     * file's reranker, the box counts each layout allows and the standard filter), for the AI templates
     * in turn, timed one at a time on this thread.
     */
    private Map<String, Object> generationStats(PreparedCorpus corpus) throws IOException {
        ModelCaptionWriter writer = ModelCaptionWriter.load(o.model(), CaptionFilter.standard(), o.sampling());
        List<MemeTemplate> templates = aiTemplates();
        Set<String> trainTexts = new HashSet<>();
        Set<String> trainWords = new HashSet<>();
        Set<String> trainFirstBoxes = new HashSet<>();
        for (CorpusCaption c : corpus.train()) {
            String t = c.modelText();
            trainTexts.add(t);
            trainWords.addAll(words(t));
            if (c.boxes().size() > 1) {
                trainFirstBoxes.add(CaptionText.normalizeBox(c.boxes().get(0)));
            }
        }
        long humanMulti = corpus.validation().stream().filter(c -> c.boxes().size() > 1).count();
        long humanFirstCopies = corpus.validation().stream().filter(c -> c.boxes().size() > 1)
                .filter(c -> trainFirstBoxes.contains(CaptionText.normalizeBox(c.boxes().get(0)))).count();
        int real = 0;
        int totalWords = 0;
        int verbatim = 0;
        int multi = 0;
        int firstCopies = 0;
        int fit = 0;
        int chosenCount = 0;
        double[] ms = new double[o.generate()];
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < o.generate(); i++) {
            MemeTemplate t = templates.get(i % templates.size());
            long start = System.nanoTime();
            List<CaptionSampler.Caption> chosen = writer.candidates(t, "", o.seed() + i, FilterLevel.STANDARD, 1);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (chosen.isEmpty()) {
                continue;
            }
            CaptionSampler.Caption c = chosen.get(0);
            chosenCount++;
            String text = c.modelText();
            if (trainTexts.contains(text)) {
                verbatim++;
            }
            if (c.filled() > 1) {
                multi++;
                if (trainFirstBoxes.contains(CaptionText.split(text).get(0))) {
                    firstCopies++;
                }
            }
            if (c.fitsLayout() && t.aiBoxCounts().contains(c.filled())) {
                fit++;
            }
            for (String w : words(text)) {
                totalWords++;
                if (trainWords.contains(w)) {
                    real++;
                }
            }
            if (examples.size() < 12) {
                examples.add(t.name() + ": " + text);
            }
        }
        Arrays.sort(ms);
        // distinct captions over 20 rerolls (seeds) of the same request, averaged over a few templates
        int templatesForRerolls = Math.min(10, templates.size());
        double distinctSum = 0;
        for (int i = 0; i < templatesForRerolls; i++) {
            MemeTemplate t = templates.get((i * 7) % templates.size());
            Set<String> distinct = new HashSet<>();
            for (int r = 0; r < 20; r++) {
                distinct.add(String.join("|", writer.write(t, "", o.seed() * 31 + r, FilterLevel.STANDARD)));
            }
            distinctSum += distinct.size();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_captions", o.generate());
        out.put("real_word_share", round(totalWords == 0 ? 0 : (double) real / totalWords));
        out.put("verbatim_copy_share", round((double) verbatim / Math.max(1, chosenCount)));
        out.put("first_box_copy_share", round((double) firstCopies / Math.max(1, multi)));
        out.put("first_box_copy_share_human", round((double) humanFirstCopies / Math.max(1, humanMulti)));
        out.put("distinct_of_20", round(distinctSum / templatesForRerolls));
        out.put("layout_fit_share", round((double) fit / Math.max(1, chosenCount)));
        out.put("write_path_ms_p50", round(ms[ms.length / 2]));
        out.put("write_path_ms_p99", round(ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)]));
        out.put("reranker", writer.reranker().map(r -> String.format(Locale.ROOT, "classifier held-out AUC %.3f",
                r.weights().heldOutAuc())).orElse("none (the sampler's own likelihood)"));
        out.put("sampling", Map.of("temperature", o.sampling().temperature(), "top_p", o.sampling().topP(),
                "best_of", o.sampling().candidates(), "target_length", o.sampling().targetLength()));
        examples.forEach(x -> say("  sample  %s", x));
        return out;
    }

    private List<MemeTemplate> aiTemplates() throws IOException {
        try {
            return TemplateCatalog.load(o.templatesDir()).aiCapable();
        } catch (TemplateDefinitionException e) {
            throw new IOException("template definitions in " + o.templatesDir() + " are broken: " + e.getMessage(), e);
        }
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}']+")) {
            String t = w.replaceAll("^'+|'+$", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private void say(String fmt, Object... args) {
        log.println(String.format(Locale.ROOT, fmt, args));
        log.flush();
    }
}
