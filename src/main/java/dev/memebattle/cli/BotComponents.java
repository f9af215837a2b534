package dev.memebattle.cli;

import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.caption.ExampleCaptionWriter;
import dev.memebattle.chat.AdminCommand;
import dev.memebattle.chat.ChatCommands;
import dev.memebattle.chat.ChatPolicy;
import dev.memebattle.chat.ChatSettingsStore;
import dev.memebattle.chat.InMemoryChatSettingsStore;
import dev.memebattle.chat.InMemoryPostedMemes;
import dev.memebattle.chat.Rerolls;
import dev.memebattle.chat.MemeCommand;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.chat.TemplatesCommand;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.ConfigException;
import dev.memebattle.engine.MemeService;
import dev.memebattle.render.FontBook;
import dev.memebattle.render.MemeRenderer;
import dev.memebattle.render.RenderLimits;
import dev.memebattle.template.HttpImageFetcher;
import dev.memebattle.template.LoggingDownloadListener;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateDefinitionException;
import dev.memebattle.template.TemplateImageStore;

import java.net.URI;
import java.time.Clock;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * The composition root: builds every part of the bot from the configuration, once, and closes
 * them in reverse order. Platform adapters and CLI commands take what they need from here.
 */
public record BotComponents(BotConfig config, TemplateCatalog catalog, TemplateImageStore images,
                            MemeRenderer renderer, CaptionWriter captions, MemeService memes,
                            TemplateResolver templates, ChatSettingsStore settings, ChatPolicy policy,
                            MemeCommand memeCommand, Rerolls rerolls, ChatCommands chat)
        implements AutoCloseable {

    public static BotComponents create(BotConfig config) {
        return create(config, new ExampleCaptionWriter());
    }

    /** With a given caption writer (tests use one whose failures and texts they control). */
    public static BotComponents create(BotConfig config, CaptionWriter captions) {
        TemplateCatalog catalog;
        try {
            catalog = TemplateCatalog.load(Path.of(config.templates().definitionsDir()));
        } catch (TemplateDefinitionException e) {
            throw new ConfigException("Template definitions are broken:\n" + e.getMessage(), e);
        }
        TemplateImageStore images = new TemplateImageStore(imageSettings(config), HttpImageFetcher.withDefaultTimeouts(),
                new LoggingDownloadListener());
        var r = config.render();
        MemeRenderer renderer = new MemeRenderer(images, FontBook.system(),
                new RenderLimits(r.maxSide(), r.maxBytes(), r.jpegQuality().floatValue(), 2000, 256L * 1024 * 1024));
        MemeService memes = new MemeService(renderer, captions, config.engine());
        TemplateResolver templates = new TemplateResolver(catalog);
        ChatSettingsStore settings = new InMemoryChatSettingsStore();
        ChatPolicy policy = new ChatPolicy(settings, Clock.systemUTC());
        MemeCommand memeCommand = new MemeCommand(templates, memes, policy, new Random());
        Rerolls rerolls = new Rerolls(new InMemoryPostedMemes(100_000), policy, memeCommand, config.chat().rerollLimit());
        ChatCommands chat = new ChatCommands(List.of(memeCommand, new TemplatesCommand(catalog),
                new AdminCommand(settings, templates)));
        return new BotComponents(config, catalog, images, renderer, captions, memes, templates, settings, policy,
                memeCommand, rerolls, chat);
    }

    private static TemplateImageStore.Settings imageSettings(BotConfig config) {
        var t = config.templates();
        TemplateImageStore.Settings settings = TemplateImageStore.Settings.cache(Path.of(t.cacheDir()));
        if (!t.imagesDir().isBlank()) {
            settings = settings.withLocalImages(Path.of(t.imagesDir()));
        }
        if (!t.downloadBaseUrl().isBlank()) {
            settings = settings.withDownloadBaseUrl(URI.create(t.downloadBaseUrl()));
        }
        return settings;
    }

    @Override
    public void close() {
        memes.close();
    }
}
