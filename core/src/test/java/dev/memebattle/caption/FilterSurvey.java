package dev.memebattle.caption;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How often each filter category fires on real captions: the validation split of the human corpus
 * and captions sampled from the shipped model (unfiltered, level OFF). Prints counts and the most
 * frequent matched words only; with {@code --examples N} also N blocked captions per category (to
 * the terminal, never into the repository). Run from the repository root:
 * <pre>
 * mvn -o -q test-compile &amp;&amp; mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.memebattle.caption.FilterSurvey \
 *     [--human] [--ai N] [--examples N]
 * </pre>
 * {@code -Dmemebattle.shared.data=DIR} points at the shared data (default ../shared/data).
 */
public final class FilterSurvey {
    private FilterSurvey() {
    }

    public static void main(String[] args) throws Exception {
        boolean human = false;
        int ai = 0;
        int examples = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--human" -> human = true;
                case "--ai" -> ai = Integer.parseInt(args[++i]);
                case "--examples" -> examples = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (!human && ai == 0) {
            human = true;
            ai = 10_000;
        }
        CaptionFilter filter = CaptionFilter.standard();
        if (human) {
            List<String> texts = CaptionCorpus.split(CaptionCorpus.read(TestCorpus.captions()), DataSplit.VALIDATION)
                    .stream().map(CorpusCaption::modelText).toList();
            report("human captions, validation split", texts, filter, examples);
        }
        if (ai > 0) {
            report(ai + " AI captions (models/caption-model.zip, defaults, level OFF)", sample(ai), filter, examples);
        }
    }

    /** {@code n} captions from the shipped model, one per seed, round-robin over the AI-capable templates. */
    static List<String> sample(int n) throws Exception {
        ModelCaptionWriter writer = ModelCaptionWriter.load(Path.of("models/caption-model.zip"),
                CaptionFilter.standard(), SamplingSettings.defaults());
        List<MemeTemplate> templates = TemplateCatalog.load(Path.of("templates")).all().stream()
                .filter(MemeTemplate::aiCapable).toList();
        List<String> out = new ArrayList<>(n);
        for (int seed = 0; seed < n; seed++) {
            MemeTemplate t = templates.get(seed % templates.size());
            List<CaptionSampler.Caption> c = writer.candidates(t, "", seed, FilterLevel.OFF, 1);
            out.add(c.isEmpty() ? "" : c.get(0).joined());
        }
        return out;
    }

    static void report(String title, List<String> texts, CaptionFilter filter, int examples) {
        Map<FilterCategory, Integer> any = new EnumMap<>(FilterCategory.class);
        Map<FilterCategory, Map<String, Integer>> terms = new EnumMap<>(FilterCategory.class);
        Map<FilterCategory, List<String>> shown = new EnumMap<>(FilterCategory.class);
        int standard = 0;
        int strict = 0;
        for (String text : texts) {
            for (FilterCategory c : FilterCategory.values()) {
                String hit = filter.match(c, text);
                if (hit != null) {
                    any.merge(c, 1, Integer::sum);
                    terms.computeIfAbsent(c, k -> new HashMap<>()).merge(hit, 1, Integer::sum);
                    List<String> s = shown.computeIfAbsent(c, k -> new ArrayList<>());
                    if (s.size() < examples) {
                        s.add("[" + hit + "] " + text);
                    }
                    if (examples == 0) {
                        shown.remove(c);
                    }
                }
            }
            standard += filter.allows(text, FilterLevel.STANDARD) ? 0 : 1;
            strict += filter.allows(text, FilterLevel.STRICT) ? 0 : 1;
        }
        int n = texts.size();
        System.out.printf(Locale.ROOT, "%n== %s: %d ==%n", title, n);
        System.out.printf(Locale.ROOT, "blocked at STANDARD: %d (%.2f%%), at STRICT: %d (%.2f%%)%n",
                standard, 100.0 * standard / n, strict, 100.0 * strict / n);
        for (FilterCategory c : FilterCategory.values()) {
            int k = any.getOrDefault(c, 0);
            System.out.printf(Locale.ROOT, "  %-18s %5d (%.2f%%)  top: %s%n", c, k, 100.0 * k / n,
                    top(terms.getOrDefault(c, Map.of()), 12));
        }
        shown.forEach((c, s) -> {
            System.out.println("  examples " + c + ":");
            s.forEach(x -> System.out.println("    " + x));
        });
    }

    private static String top(Map<String, Integer> counts, int k) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(k)
                .map(e -> e.getKey() + "=" + e.getValue())
                .toList()
                .toString();
    }
}
