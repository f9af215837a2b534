package dev.memebattle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.memebattle.caption.CaptionBenchmark;
import dev.memebattle.caption.FilterLevel;
import dev.memebattle.config.BotConfig;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeService;
import dev.memebattle.engine.MemeText;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.render.RenderBenchmark;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** Prints latency numbers of the hot paths; with --json the last line is one JSON object. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure render and cache latency (and caption generation when a model is present).",
                "With --json the last line is one JSON object with all numbers."})
public final class BenchCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = "--json", description = "Print the numbers as one JSON object on the last line.")
    boolean json;

    @Option(names = "--runs", defaultValue = "200", description = "Timed repetitions per measurement (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        OwnLogLevel.atLeast(ch.qos.logback.classic.Level.WARN); // one line per meme would bury the numbers
        Map<String, Object> numbers = new LinkedHashMap<>();
        try (MemeCore bot = MemeCore.create(options.load())) {
            RenderBenchmark render = new RenderBenchmark(bot.renderer());
            MemeTemplate doge = template(bot, "doge");
            RenderBenchmark.Result jpeg = render.run(doge, List.of("such bench", "very fast"), ImageFormat.JPEG, 30, runs);
            report(jpeg.toString());
            numbers.put("render_ms_p50", round(jpeg.p50Millis()));
            numbers.put("render_ms_p99", round(jpeg.p99Millis()));
            MemeTemplate gif = template(bot, "fry");
            RenderBenchmark.Result animated = render.run(gif, List.of("not sure if bench", "or just slow"), ImageFormat.GIF, 3,
                    Math.max(5, runs / 20));
            report(animated.toString());
            numbers.put("render_gif_ms_p50", round(animated.p50Millis()));
            numbers.put("render_gif_ms_p99", round(animated.p99Millis()));
            numbers.put("render_gif_frames", animated.frames());
            double[] hit = cacheHit(bot.memes(), MemeRequest.of(doge, MemeText.parse("cached | meme"), 1));
            report(String.format(java.util.Locale.ROOT, "cache hit: p50 %.1f µs, p99 %.1f µs", hit[0], hit[1]));
            numbers.put("cache_hit_us_p50", round(hit[0]));
            numbers.put("cache_hit_us_p99", round(hit[1]));
            double[] write = writePath(bot);
            report(String.format(java.util.Locale.ROOT,
                    "caption write path (sample, filter, rerank; AI templates in turn, one thread): p50 %.1f ms, p99 %.1f ms",
                    write[0], write[1]));
            numbers.put("write_path_ms_p50", round(write[0]));
            numbers.put("write_path_ms_p99", round(write[1]));
        }
        captionNumbers(options.load(), numbers);
        if (json) {
            System.out.println(new ObjectMapper().writeValueAsString(numbers));
        }
        return 0;
    }

    /** Caption speed of the shipped model, sampled in plain Java as the bot does. */
    private void captionNumbers(BotConfig config, Map<String, Object> numbers) throws Exception {
        Path model = Path.of(config.caption().model());
        if (!Files.isRegularFile(model)) {
            report("caption: no model at " + model + " — caption numbers skipped");
            return;
        }
        CaptionBenchmark.Result c = new CaptionBenchmark(model).run();
        report(String.format(java.util.Locale.ROOT,
                "caption (60 chars): load %.0f ms, p50 %.2f ms, p99 %.2f ms, %.0f captions/s on %d threads",
                c.modelLoadMs(), c.captionMsP50(), c.captionMsP99(), c.captionsPerSecond(), c.threads()));
        numbers.put("model_load_ms", round(c.modelLoadMs()));
        numbers.put("caption_ms_p50", round(c.captionMsP50()));
        numbers.put("caption_ms_p99", round(c.captionMsP99()));
        numbers.put("captions_per_s", round(c.captionsPerSecond()));
    }

    /**
     * What the bot really does per AI caption: {@code CaptionWriter.write} with the configured candidates,
     * box plans, content filter and reranker, over the AI templates in turn, no prefix, on this thread.
     */
    private double[] writePath(MemeCore bot) {
        List<MemeTemplate> ai = bot.catalog().aiCapable();
        for (int i = 0; i < 50; i++) {
            bot.captions().write(ai.get(i % ai.size()), "", i, FilterLevel.STANDARD); // JIT warm-up
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            bot.captions().write(ai.get(i % ai.size()), "", 1000 + i, FilterLevel.STANDARD);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new double[]{ms[runs / 2], ms[(int) Math.min(runs - 1, Math.ceil(runs * 0.99) - 1)]};
    }

    private double[] cacheHit(MemeService memes, MemeRequest request) {
        memes.generate(request);
        int n = Math.max(1000, runs * 10);
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            memes.submit(request).join();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return new double[]{nanos[n / 2] / 1e3, nanos[(int) Math.min(n - 1, Math.ceil(n * 0.99) - 1)] / 1e3};
    }

    private static MemeTemplate template(MemeCore bot, String key) throws TemplateImageException {
        return bot.catalog().byKey(key).orElseThrow(() -> new TemplateImageException("template " + key + " is missing"));
    }

    private void report(String line) {
        if (json) {
            System.err.println(line);
        } else {
            System.out.println(line);
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
