package dev.memebattle.render;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures render latency with a warm template cache: a few warm-up renders (JIT, cache), then timed ones.
 * Single-threaded, so the numbers are per-render latency on one core.
 */
public final class RenderBenchmark {

    /** Latency percentiles in milliseconds, and the size of the last output. */
    public record Result(String template, ImageFormat format, int runs, double p50Millis, double p99Millis,
                         double meanMillis, int bytes, int frames) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %s: p50 %.2f ms, p99 %.2f ms, mean %.2f ms over %d runs (%d bytes, %d frame(s))",
                    template, format, p50Millis, p99Millis, meanMillis, runs, bytes, frames);
        }
    }

    private final MemeRenderer renderer;

    public RenderBenchmark(MemeRenderer renderer) {
        this.renderer = renderer;
    }

    /**
     * @param warmups renders before timing starts (at least 1, which also fills the template cache)
     * @param runs    timed renders
     */
    public Result run(MemeTemplate template, List<String> texts, ImageFormat format, int warmups, int runs)
            throws TemplateImageException {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be positive");
        }
        RenderedMeme last = null;
        for (int i = 0; i < Math.max(1, warmups); i++) {
            last = renderer.render(template, texts, format);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            last = renderer.render(template, texts, format);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
        return new Result(template.key(), last.format(), runs, percentile(nanos, 0.50), percentile(nanos, 0.99), mean,
                last.bytes().length, last.frames());
    }

    /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
    static double percentile(long[] sortedNanos, double p) {
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }
}
