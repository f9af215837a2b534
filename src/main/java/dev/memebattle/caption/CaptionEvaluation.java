package dev.memebattle.caption;

import org.deeplearning4j.nn.graph.ComputationGraph;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
     */
    public record Options(Path captions, Path model, Path trainCaptions, DataSplit split, boolean imgflipFilter,
                          int ngramOrder, int generate, long seed, SamplingSettings sampling, boolean score) {
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
        CaptionModelFile.Loaded loaded = CaptionModelFile.load(o.model(), false);
        CaptionModelMeta meta = loaded.meta();
        Map<String, Object> json = new LinkedHashMap<>();
        PreparedCorpus corpus = PreparedCorpus.read(o.trainCaptions(), Integer.MAX_VALUE, Blocklist.resource("slurs.txt"));
        ComputationGraph graph = loaded.graph();
        if (o.score()) {
            json.putAll(score(loaded, corpus));
        }
        if (o.generate() > 0) {
            json.putAll(generationStats(FastCaptionModel.fromGraph(graph, meta.config()), meta, corpus));
        }
        return json;
    }

    private Map<String, Object> score(CaptionModelFile.Loaded loaded, PreparedCorpus corpus) throws IOException {
        CaptionModelMeta meta = loaded.meta();
        CharVocabulary vocab = meta.charVocabulary();
        TemplateIds templates = meta.templateIds();
        ComputationGraph graph = loaded.graph();
        Map<String, Object> json = new LinkedHashMap<>();
        List<CorpusCaption> evalCaptions = CaptionCorpus.split(CaptionCorpus.read(o.captions()), o.split());
        if (o.imgflipFilter()) {
            evalCaptions = evalCaptions.stream().filter(c -> CaptionText.passesImgflipFilter(c.modelText())).toList();
        }
        if (evalCaptions.isEmpty()) {
            throw new IllegalArgumentException("no captions to evaluate in " + o.captions() + " (split " + o.split()
                    + (o.imgflipFilter() ? ", imgflip filter" : "") + ")");
        }
        List<EncodedCaption> encoded = PreparedCorpus.encode(evalCaptions, vocab, templates);
        say("scoring %,d captions (%s split%s) with the model", encoded.size(), o.split().name().toLowerCase(Locale.ROOT),
                o.imgflipFilter() ? ", imgflip filter" : "");
        GraphScorer scorer = new GraphScorer(graph, meta.config());
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
        json.put("model", o.model().toString());
        json.put("model_training_hours", round(meta.progress().trainedSeconds() / 3600));
        return json;
    }

    private Map<String, Object> generationStats(FastCaptionModel fast, CaptionModelMeta meta, PreparedCorpus corpus) {
        CharVocabulary vocab = meta.charVocabulary();
        CaptionSampler sampler = new CaptionSampler(fast, vocab);
        CaptionFilter filter = CaptionFilter.standard();
        Set<String> trainTexts = new HashSet<>();
        Set<String> trainWords = new HashSet<>();
        Map<String, Map<Integer, Integer>> boxCounts = new HashMap<>();
        for (CorpusCaption c : corpus.train()) {
            String t = c.modelText();
            trainTexts.add(t);
            trainWords.addAll(words(t));
            boxCounts.computeIfAbsent(c.imgflipId(), k -> new HashMap<>()).merge(c.boxes().size(), 1, Integer::sum);
        }
        List<TemplateIds.Entry> entries = meta.templateIds().entries();
        int real = 0;
        int totalWords = 0;
        int verbatim = 0;
        int blocked = 0;
        int sampled = 0;
        List<String> examples = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < o.generate(); i++) {
            TemplateIds.Entry e = entries.get(i % entries.size());
            int boxes = typicalBoxes(boxCounts.get(e.imgflipId()));
            List<CaptionSampler.Caption> cands = sampler.candidates(e.id(), boxes, "", o.seed() + i, o.sampling());
            sampled += cands.size();
            CaptionSampler.Caption chosen = null;
            for (CaptionSampler.Caption c : cands) {
                if (!filter.allows(c.joined(), FilterLevel.STANDARD)) {
                    blocked++;
                } else if (chosen == null) {
                    chosen = c;
                }
            }
            if (chosen == null) {
                continue;
            }
            String text = chosen.joined();
            if (trainTexts.contains(CaptionText.join(chosen.boxes()))) {
                verbatim++;
            }
            for (String w : words(text)) {
                totalWords++;
                if (trainWords.contains(w)) {
                    real++;
                }
            }
            if (examples.size() < 12) {
                examples.add(e.name() + ": " + text);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // distinct captions over 20 rerolls (seeds) of the same request, averaged over a few templates
        int templatesForRerolls = Math.min(10, entries.size());
        double distinctSum = 0;
        for (int i = 0; i < templatesForRerolls; i++) {
            TemplateIds.Entry e = entries.get((i * 7) % entries.size());
            int boxes = typicalBoxes(boxCounts.get(e.imgflipId()));
            Set<String> distinct = new HashSet<>();
            for (int r = 0; r < 20; r++) {
                distinct.add(sampler.sample(e.id(), boxes, "", o.seed() * 31 + r, o.sampling()).joined());
            }
            distinctSum += distinct.size();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generated_captions", o.generate());
        out.put("real_word_share", round(totalWords == 0 ? 0 : (double) real / totalWords));
        out.put("verbatim_copy_share", round((double) verbatim / Math.max(1, o.generate())));
        out.put("distinct_of_20_rerolls", round(distinctSum / templatesForRerolls));
        out.put("blocked_outputs", blocked);
        out.put("sampled_candidates", sampled);
        out.put("sampling", Map.of("temperature", o.sampling().temperature(), "top_p", o.sampling().topP(),
                "best_of", o.sampling().candidates()));
        out.put("generation_ms_per_caption", round(1000 * seconds / Math.max(1, o.generate())));
        examples.forEach(x -> say("  sample  %s", x));
        return out;
    }

    private static int typicalBoxes(Map<Integer, Integer> counts) {
        if (counts == null || counts.isEmpty()) {
            return 2;
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
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
