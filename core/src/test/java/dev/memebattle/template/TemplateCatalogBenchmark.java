package dev.memebattle.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints catalog load time and lookup latency; not a test (numbers vary by machine). Run from the
 * project root: {@code java -cp target/classes:target/test-classes:$(deps) dev.memebattle.template.TemplateCatalogBenchmark}
 */
public final class TemplateCatalogBenchmark {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "templates");
        long t0 = System.nanoTime();
        TemplateCatalog catalog = TemplateCatalog.load(dir);
        long cold = System.nanoTime() - t0;
        long warm = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long s = System.nanoTime();
            TemplateCatalog.load(dir);
            warm = Math.min(warm, System.nanoTime() - s);
        }
        System.out.printf(Locale.ROOT, "load %d templates: first %.0f ms (includes JIT/class loading), best of 5 after %.0f ms%n",
                catalog.size(), cold / 1e6, warm / 1e6);

        // What a user types, keystroke by keystroke, plus typos and misses.
        List<String> queries = List.of("d", "dr", "dra", "drak", "drake", "drake h", "drake hotline",
                "o", "on", "one", "one does", "one does not simply", "dgoe", "drkae", "woman yelling at cat",
                "woman yeling at cta", "spongebob", "sponge", "mocking", "xyzzy", "the office", "is this a pigeon",
                "success kid", "sucess", "change my mind", "chnage my mind");
        int rounds = 2000;
        for (int warmup = 0; warmup < 2; warmup++) {
            run(catalog, queries, rounds, warmup == 1);
        }
    }

    private static void run(TemplateCatalog catalog, List<String> queries, int rounds, boolean print) {
        long searchNanos = 0;
        long findNanos = 0;
        long worstSearch = 0;
        String worstQuery = "";
        int sink = 0;
        for (int r = 0; r < rounds; r++) {
            for (String q : queries) {
                long s = System.nanoTime();
                sink += catalog.search(q, 10).size();
                long took = System.nanoTime() - s;
                searchNanos += took;
                if (r == rounds - 1 && took > worstSearch) {
                    worstSearch = took;
                    worstQuery = q;
                }
                s = System.nanoTime();
                sink += catalog.find(q).isPresent() ? 1 : 0;
                findNanos += System.nanoTime() - s;
            }
        }
        if (print) {
            int n = rounds * queries.size();
            System.out.printf(Locale.ROOT, "search(q, 10): mean %.1f µs; find(q): mean %.1f µs over %d queries "
                            + "(slowest in last round: %.1f µs for '%s'; sink %d)%n",
                    searchNanos / 1e3 / n, findNanos / 1e3 / n, n, worstSearch / 1e3, worstQuery, sink);
            for (String q : List.of("dgoe", "one does not simply", "chnage my mind", "woman yeling at cta", "sucess", "dra")) {
                System.out.println("  find('" + q + "') = " + catalog.find(q).map(MemeTemplate::key).orElse("-")
                        + "; search top 3 = " + catalog.search(q, 3).stream()
                        .map(m -> m.template().key() + "(" + m.score() + ", " + m.matchedName() + ")").toList());
            }
        }
    }
}
