package dev.memebattle.monitoring;

import dev.memebattle.metrics.BotMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.Locale;

/**
 * What the meters cost one meme: the calls a meme makes on its way (command counted and timed,
 * caption, render, upload, end-to-end, arrival), into Prometheus vs into no-op meters, per meme;
 * and how long a scrape takes. A benchmark, not a test:
 * <pre>java -cp … dev.memebattle.monitoring.MetricsCostBenchmark [memes]</pre>
 */
public final class MetricsCostBenchmark {

    public static void main(String[] args) {
        int memes = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
            double off = nanosPerMeme(BotMetrics.unscraped(), memes);
            double on = nanosPerMeme(new BotMetrics(prometheus), memes);
            long start = System.nanoTime();
            int bytes = prometheus.scrape().length();
            double scrapeMs = (System.nanoTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "round %d: meters per meme %.0f ns into Prometheus, %.0f ns no-op; "
                    + "scrape %.1f ms (%d KB)%n", round + 1, on, off, scrapeMs, bytes / 1024);
        }
    }

    private static double nanosPerMeme(BotMetrics metrics, int memes) {
        long start = System.nanoTime();
        for (int i = 0; i < memes; i++) {
            long took = 1_000_000L + (i & 0xffff) * 1000L;
            metrics.arrivalLag("discord", took);
            metrics.caption(took);
            metrics.render(took);
            metrics.command("discord", "meme", BotMetrics.Outcome.MEME, took);
            metrics.upload("discord", took);
            metrics.delivered("discord", took);
        }
        return (System.nanoTime() - start) / (double) memes;
    }

    private MetricsCostBenchmark() {
    }
}
