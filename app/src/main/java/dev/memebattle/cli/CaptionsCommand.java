package dev.memebattle.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.caption.FilterLevel;
import dev.memebattle.chat.ChatText;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.CaptionConfig;
import dev.memebattle.template.MemeTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** AI captions without rendering: what the bot would write, one per line (like imgflip's automeme). */
@Command(name = "captions", mixinStandardHelpOptions = true,
        description = {"Write AI captions for a template without rendering them, one per line (or one JSON object per line).",
                "Example: captions --template doge --prefix wow --count 5",
                "--template random draws an AI template per caption."})
public final class CaptionsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options;

    @Option(names = {"-t", "--template"}, required = true,
            description = "Template key, name or alias (typos are forgiven), or random.")
    String template;

    @Option(names = "--prefix", defaultValue = "", description = "The captions start with these words ('|' moves to the next box).")
    String prefix;

    @Option(names = {"-n", "--count"}, defaultValue = "20", description = "How many captions (seeds S, S+1, …). Default: ${DEFAULT-VALUE}")
    int count;

    @Option(names = "--seed", description = "First seed (the same seed gives the same caption). Default: random.")
    Long seed;

    @Option(names = "--json", description = "One JSON object per line: template, prefix, seed, boxes, text, ms.")
    boolean json;

    @Option(names = "--model", paramLabel = "FILE", description = "Caption model file instead of caption.model (compare models).")
    Path model;

    @Option(names = "--filter", defaultValue = "standard", description = "Content filter: off, standard, strict. Default: ${DEFAULT-VALUE}")
    FilterLevel filter;

    @Override
    public Integer call() throws Exception {
        if (count < 1 || count > 100_000) {
            System.err.println("captions: --count must be between 1 and 100000.");
            return 2;
        }
        BotConfig config = options.load();
        CaptionConfig captionConfig = model == null ? config.caption() : config.caption().withModel(model.toString());
        try (MemeCore bot = MemeCore.create(config, MemeCore.captionWriter(captionConfig))) {
            return write(bot);
        }
    }

    private int write(MemeCore bot) throws Exception {
        String query = ChatText.clean(template);
        boolean random = query.equalsIgnoreCase("random");
        Optional<MemeTemplate> fixed = random ? Optional.empty() : bot.templates().find(TemplateResolver.NO_CHAT, query);
        if (!random && fixed.isEmpty()) {
            System.err.println("captions: " + bot.templates().unknownMessage(TemplateResolver.NO_CHAT, query) + " (or use --template random)");
            return 2;
        }
        List<MemeTemplate> aiTemplates = bot.catalog().aiCapable();
        CaptionWriter writer = bot.captions();
        String cleanPrefix = ChatText.clean(prefix);
        long first = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        SplittableRandom picks = new SplittableRandom(first);
        ObjectMapper mapper = new ObjectMapper();
        for (int i = 0; i < count; i++) {
            long s = first + i;
            MemeTemplate t = fixed.orElseGet(() -> aiTemplates.get(picks.nextInt(aiTemplates.size())));
            long t0 = System.nanoTime();
            List<String> boxes = writer.write(t, cleanPrefix, s, filter);
            double ms = (System.nanoTime() - t0) / 1e6;
            String text = String.join(" | ", boxes.stream().filter(b -> !b.isBlank()).toList());
            if (json) {
                ObjectNode o = mapper.createObjectNode();
                o.put("template", t.key());
                o.put("prefix", cleanPrefix);
                o.put("seed", s);
                o.putPOJO("boxes", boxes);
                o.put("text", text);
                o.put("ms", Math.round(ms * 100) / 100.0);
                System.out.println(mapper.writeValueAsString(o));
            } else if (random) {
                System.out.println(String.format(Locale.ROOT, "[%s] %s", t.name(), text));
            } else {
                System.out.println(text);
            }
        }
        return 0;
    }
}
