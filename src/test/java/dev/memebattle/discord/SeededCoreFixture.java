package dev.memebattle.discord;

import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.caption.ExampleCaptionWriter;
import dev.memebattle.caption.FilterLevel;
import dev.memebattle.chat.AdminCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.ChatSettingsStore;
import dev.memebattle.chat.InMemoryChatSettingsStore;
import dev.memebattle.chat.InMemoryPostedMemes;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.chat.Rerolls;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.chat.TemplatesCommand;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.engine.MemeService;
import dev.memebattle.render.FontBook;
import dev.memebattle.render.MemeRenderer;
import dev.memebattle.render.RenderLimits;
import dev.memebattle.template.HttpImageFetcher;
import dev.memebattle.template.LoggingDownloadListener;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateImageStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The core as {@link BotComponents#create} builds it, except for the caption writer: until the
 * caption model lands, AI text ignores the seed, so a reroll would draw the very same image. This
 * writer keeps the example writer's text (the prefix still comes first) and ends it with a tag from
 * the seed, so a reroll visibly changes the meme.
 */
final class SeededCoreFixture {

    private SeededCoreFixture() {
    }

    /** An AI prefix that makes the writer fail, for a problem that shows up only after the defer. */
    static final String FAILING_PREFIX = "fail on purpose";

    static final class SeededCaptionWriter implements CaptionWriter {
        private final ExampleCaptionWriter example = new ExampleCaptionWriter();
        /** The failure waits for this, so the test controls that it comes after the defer. */
        final CountDownLatch failWhenReleased = new CountDownLatch(1);

        @Override
        public List<String> write(MemeTemplate template, String prefix, long seed, FilterLevel filter) {
            if (FAILING_PREFIX.equals(prefix)) {
                try {
                    failWhenReleased.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IllegalStateException("caption writer failed on purpose (test)");
            }
            List<String> texts = new ArrayList<>(example.write(template, prefix, seed, filter));
            int last = texts.size() - 1;
            texts.set(last, (texts.get(last) + " #" + Long.toHexString(seed & 0xffff)).strip());
            return texts;
        }
    }

    static BotComponents create(BotConfig config) throws Exception {
        TemplateCatalog catalog = TemplateCatalog.load(Path.of(config.templates().definitionsDir()));
        TemplateImageStore images = new TemplateImageStore(
                TemplateImageStore.Settings.cache(Path.of(config.templates().cacheDir()))
                        .withLocalImages(Path.of(config.templates().imagesDir())),
                HttpImageFetcher.withDefaultTimeouts(), new LoggingDownloadListener());
        var r = config.render();
        MemeRenderer renderer = new MemeRenderer(images, FontBook.system(),
                new RenderLimits(r.maxSide(), r.maxBytes(), r.jpegQuality().floatValue(), 2000, 256L * 1024 * 1024));
        CaptionWriter captions = new SeededCaptionWriter();
        MemeService memes = new MemeService(renderer, captions, config.engine());
        TemplateResolver templates = new TemplateResolver(catalog);
        ChatSettingsStore settings = new InMemoryChatSettingsStore();
        ChatPolicy policy = new ChatPolicy(settings, Clock.systemUTC());
        MemeCommand memeCommand = new MemeCommand(templates, memes, policy, new Random());
        Rerolls rerolls = new Rerolls(new InMemoryPostedMemes(10_000), policy, memeCommand, config.chat().rerollLimit());
        ChatCommands chat = new ChatCommands(List.of(memeCommand, new TemplatesCommand(catalog),
                new AdminCommand(settings, templates)));
        return new BotComponents(config, catalog, images, renderer, captions, memes, templates, settings, policy,
                memeCommand, rerolls, chat);
    }
}
