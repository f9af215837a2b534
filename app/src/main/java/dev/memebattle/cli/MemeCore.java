package dev.memebattle.cli;

import dev.memebattle.caption.CaptionFilter;
import dev.memebattle.caption.CaptionModelException;
import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.caption.ExampleCaptionWriter;
import dev.memebattle.caption.ModelCaptionWriter;
import dev.memebattle.caption.SamplingSettings;
import dev.memebattle.chat.TemplateResolver;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.CaptionConfig;
import dev.memebattle.config.ConfigException;
import dev.memebattle.engine.MemeService;
import dev.memebattle.metrics.BotMetrics;
import dev.memebattle.render.FontBook;
import dev.memebattle.picture.OwnPictures;
import dev.memebattle.picture.PictureReader;
import dev.memebattle.picture.SavedTemplateStore;
import dev.memebattle.picture.SavedTemplates;
import dev.memebattle.render.MemeRenderer;
import dev.memebattle.render.RenderLimits;
import dev.memebattle.template.HttpImageFetcher;
import dev.memebattle.template.LoggingDownloadListener;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateDefinitionException;
import dev.memebattle.template.TemplateImageSource;
import dev.memebattle.template.TemplateImageStore;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Template + text → meme, with no chat state: what {@code generate} and {@code bench} need, and
 * the first half of {@link BotComponents}. Opens no database.
 */
public record MemeCore(BotConfig config, TemplateCatalog catalog, TemplateImageStore images, MemeRenderer renderer,
                       CaptionWriter captions, MemeService memes, TemplateResolver templates, PictureReader pictureReader,
                       OwnPictures pictures, SavedTemplates saved) implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MemeCore.class);

    /** With the trained caption model from {@code caption.model}, or the example-text fallback. */
    public static MemeCore create(BotConfig config) {
        return create(config, captionWriter(config.caption()));
    }

    /**
     * The caption model, or — when its file is missing or broken — the example-text writer, so the
     * bot still serves user-written text and prefixes. Says why in one line.
     */
    public static CaptionWriter captionWriter(CaptionConfig config) {
        SamplingSettings settings = config.sampling();
        try {
            long start = System.nanoTime();
            CaptionWriter writer = ModelCaptionWriter.load(Path.of(config.model()), CaptionFilter.standard(), settings);
            log.info("Caption model {} loaded in {} ms", config.model(), (System.nanoTime() - start) / 1_000_000);
            return writer;
        } catch (CaptionModelException e) {
            log.warn("No AI captions: {} — prefixes are completed with each template's example text; "
                    + "user-written text works as usual.", e.getMessage());
            return new ExampleCaptionWriter();
        }
    }

    /** Without chats' own templates (nothing to keep them in) or metrics: {@code generate}, {@code bench}. */
    public static MemeCore create(BotConfig config, CaptionWriter captions) {
        return create(config, captions, SavedTemplateStore.NONE, BotMetrics.unscraped());
    }

    /**
     * @param savedStore where chats' own templates are kept (the bot's database)
     * @param metrics    where the engine's meters go
     */
    public static MemeCore create(BotConfig config, CaptionWriter captions, SavedTemplateStore savedStore,
                                  BotMetrics metrics) {
        TemplateCatalog catalog;
        try {
            catalog = TemplateCatalog.load(Path.of(config.templates().definitionsDir()));
        } catch (TemplateDefinitionException e) {
            throw new ConfigException("Template definitions are broken:\n" + e.getMessage(), e);
        }
        TemplateImageStore images = new TemplateImageStore(imageSettings(config), HttpImageFetcher.withDefaultTimeouts(),
                new LoggingDownloadListener());
        var r = config.render();
        // people's own pictures live beside the downloaded templates (a cache: each can be sent again)
        Path picturesDir = Path.of(config.templates().cacheDir()).resolveSibling("pictures");
        OwnPictures pictures = new OwnPictures(picturesDir, r.maxSide());
        PictureReader reader = new PictureReader(config.pictures().limits());
        // a chat's own templates are written beside one-off pictures (different key prefixes) when first drawn
        SavedTemplates saved = new SavedTemplates(savedStore, reader, pictures, picturesDir, config.pictures().savedQuota(),
                Clock.systemUTC());
        TemplateImageSource source = template -> OwnPictures.isOwn(template) ? pictures.locate(template)
                : SavedTemplates.isSaved(template) ? saved.locate(template) : images.locate(template);
        MemeRenderer renderer = new MemeRenderer(source, FontBook.system(),
                new RenderLimits(r.maxSide(), r.maxBytes(), r.jpegQuality().floatValue(), 2000, 256L * 1024 * 1024));
        MemeService memes = new MemeService(renderer, captions, config.engine(), metrics);
        return new MemeCore(config, catalog, images, renderer, captions, memes,
                new TemplateResolver(catalog, saved, pictures::byKey), reader, pictures, saved);
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
