package dev.memebattle.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything the bot reads from {@code config.yml}. Secrets never live here: tokens come from the
 * environment ({@link Secrets}). Missing sections and keys keep their defaults, so an empty file
 * (or no file) is a valid configuration.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record BotConfig(
        TemplatesConfig templates,
        EngineConfig engine,
        RenderConfig render,
        CaptionConfig caption,
        ConsoleConfig console,
        ChatConfig chat,
        DiscordConfig discord,
        TelegramConfig telegram,
        StoreConfig store,
        PicturesConfig pictures,
        MetricsConfig metrics) {

    public BotConfig {
        templates = templates != null ? templates : TemplatesConfig.DEFAULTS;
        engine = engine != null ? engine : EngineConfig.DEFAULTS;
        render = render != null ? render : RenderConfig.DEFAULTS;
        caption = caption != null ? caption : CaptionConfig.DEFAULTS;
        console = console != null ? console : ConsoleConfig.DEFAULTS;
        chat = chat != null ? chat : ChatConfig.DEFAULTS;
        discord = discord != null ? discord : DiscordConfig.DEFAULTS;
        telegram = telegram != null ? telegram : TelegramConfig.DEFAULTS;
        store = store != null ? store : StoreConfig.DEFAULTS;
        pictures = pictures != null ? pictures : PicturesConfig.DEFAULTS;
        metrics = metrics != null ? metrics : MetricsConfig.DEFAULTS;
    }

    public static BotConfig defaults() {
        return new BotConfig(null, null, null, null, null, null, null, null, null, null, null);
    }

    private static ObjectMapper mapper() {
        return new ObjectMapper(new YAMLFactory())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Reads the file (a missing file means all defaults), then applies environment overrides.
     *
     * @throws ConfigException naming the file and the offending key
     */
    public static BotConfig load(Path file, Map<String, String> env) {
        BotConfig config = defaults();
        if (Files.exists(file)) {
            try {
                BotConfig read = Files.readString(file).isBlank() ? null // an empty file: all defaults
                        : mapper().readValue(file.toFile(), BotConfig.class);
                config = read != null ? read : config;
            } catch (JsonMappingException e) {
                throw new ConfigException(file + ": " + describe(e), e);
            } catch (IOException e) {
                throw new ConfigException(file + ": cannot read: " + e.getMessage(), e);
            }
        }
        return config.withEnvironment(env);
    }

    /** One line naming the key and what is wrong, in the file's own words (no class names). */
    private static String describe(JsonMappingException e) {
        String where = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            return "'" + where + "' is not a setting" + (unknown.getKnownPropertyIds() == null ? ""
                    : " (known here: " + unknown.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ")) + ")") + "; config.yml in the project lists every setting.";
        }
        Throwable cause = e.getCause();
        if (cause instanceof ConfigException config) {
            return config.getMessage();
        }
        String what = e.getOriginalMessage().lines().findFirst().orElse("invalid value")
                .replaceAll("\\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.([A-Za-z]+)`", "$1").strip();
        return (where.isEmpty() ? "" : "'" + where + "': ") + what;
    }

    /** Environment variables win over the file, so containers can be configured without editing it. */
    BotConfig withEnvironment(Map<String, String> env) {
        String imagesDir = env.get("MEMEBATTLE_IMAGES_DIR");
        BotConfig config = imagesDir == null || imagesDir.isBlank() ? this : withImagesDir(imagesDir);
        String port = env.get("MEMEBATTLE_METRICS_PORT");
        String bind = env.get("MEMEBATTLE_METRICS_BIND");
        if ((port == null || port.isBlank()) && (bind == null || bind.isBlank())) {
            return config;
        }
        Integer portNumber = config.metrics.port();
        if (port != null && !port.isBlank()) {
            try {
                portNumber = Integer.parseInt(port.strip());
            } catch (NumberFormatException e) {
                throw new ConfigException("MEMEBATTLE_METRICS_PORT must be a port number, not \"" + port + "\"");
            }
        }
        return config.withMetrics(new MetricsConfig(portNumber, bind == null || bind.isBlank() ? config.metrics.bind() : bind));
    }

    public BotConfig withMetrics(MetricsConfig newMetrics) {
        return new BotConfig(templates, engine, render, caption, console, chat, discord, telegram, store, pictures, newMetrics);
    }

    /** The same configuration on another database (tests use a fresh SQLite file each). */
    public BotConfig withStore(StoreConfig newStore) {
        return new BotConfig(templates, engine, render, caption, console, chat, discord, telegram, newStore, pictures, metrics);
    }

    public BotConfig withEngine(EngineConfig newEngine) {
        return new BotConfig(templates, newEngine, render, caption, console, chat, discord, telegram, store, pictures, metrics);
    }

    public BotConfig withChat(ChatConfig newChat) {
        return new BotConfig(templates, engine, render, caption, console, newChat, discord, telegram, store, pictures, metrics);
    }

    public BotConfig withDiscord(DiscordConfig newDiscord) {
        return new BotConfig(templates, engine, render, caption, console, chat, newDiscord, telegram, store, pictures, metrics);
    }

    public BotConfig withTelegram(TelegramConfig newTelegram) {
        return new BotConfig(templates, engine, render, caption, console, chat, discord, newTelegram, store, pictures, metrics);
    }

    public BotConfig withPictures(PicturesConfig newPictures) {
        return new BotConfig(templates, engine, render, caption, console, chat, discord, telegram, store, newPictures, metrics);
    }

    /** Template definitions and the caption model found through {@code home} (see {@link AppHome}). */
    public BotConfig withShippedFilesFrom(AppHome home) {
        TemplatesConfig t = new TemplatesConfig(home.resolve(templates.definitionsDir()).toString(),
                templates.imagesDir(), templates.cacheDir(), templates.downloadBaseUrl(), templates.prefetch());
        CaptionConfig c = new CaptionConfig(home.resolve(caption.model()).toString(), caption.temperature(),
                caption.topP(), caption.bestOf());
        return new BotConfig(t, engine, render, c, console, chat, discord, telegram, store, pictures, metrics);
    }

    public BotConfig withImagesDir(String imagesDir) {
        TemplatesConfig t = new TemplatesConfig(templates.definitionsDir(), imagesDir, templates.cacheDir(),
                templates.downloadBaseUrl(), templates.prefetch());
        return new BotConfig(t, engine, render, caption, console, chat, discord, telegram, store, pictures, metrics);
    }

    /** Another folder for downloaded images and people's pictures (a second process on the same machine). */
    public BotConfig withCacheDir(String cacheDir) {
        TemplatesConfig t = new TemplatesConfig(templates.definitionsDir(), templates.imagesDir(), cacheDir,
                templates.downloadBaseUrl(), templates.prefetch());
        return new BotConfig(t, engine, render, caption, console, chat, discord, telegram, store, pictures, metrics);
    }
}
