package dev.memebattle.caption;

import java.util.List;
import java.util.Locale;

/**
 * Time to check one ~60-character caption at STANDARD and STRICT (the bot checks 16–32 candidates
 * per request). A measurement, not a test: run from the repository root after {@code mvn -o -q
 * test-compile} with
 * {@code java -cp target/test-classes:target/classes:$(cat target/cp.txt) dev.memebattle.caption.CaptionFilterBenchmark}.
 */
public final class CaptionFilterBenchmark {
    private CaptionFilterBenchmark() {
    }

    public static void main(String[] args) {
        CaptionFilter filter = CaptionFilter.standard();
        // typical lengths; a mix of passing captions (the common case: every list is searched) and blocked ones
        List<String> captions = List.of(
                "when you finally finish the project|and the client wants changes",
                "one does not simply|walk into mordor without a photo shoot",
                "brace yourselves|the memes about killing it are coming",
                "i'm gonna shoot up the school|said no one ever, right guys?",
                "this is fine|everything is fine and this meme kills me now",
                "y u no|answer my texts when i blow up your phone all day",
                "that moment when you realize|it's monday again tomorrow ugh",
                "shut up and take my money|this sexy new phone is shit hot");
        int rounds = 200_000;
        for (FilterLevel level : List.of(FilterLevel.STANDARD, FilterLevel.STRICT)) {
            long sink = 0;
            for (int i = 0; i < rounds; i++) { // warm-up
                sink += filter.allows(captions.get(i % captions.size()), level) ? 1 : 0;
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                sink += filter.allows(captions.get(i % captions.size()), level) ? 1 : 0;
            }
            double us = (System.nanoTime() - t0) / 1e3 / rounds;
            double chars = captions.stream().mapToInt(String::length).average().orElse(0);
            System.out.printf(Locale.ROOT, "%-8s %.2f µs per caption (mean %.0f chars, %d checks, %d allowed)%n",
                    level, us, chars, rounds, sink / 2);
        }
    }
}
