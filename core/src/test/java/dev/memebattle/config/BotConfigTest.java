package dev.memebattle.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BotConfigTest {

    @Test
    void theShippedConfigLoadsWithItsDocumentedDefaults() {
        BotConfig config = BotConfig.load(Path.of("config.yml"), Map.of());
        assertThat(config.templates().definitionsDir()).isEqualTo("templates");
        assertThat(config.templates().imagesDir()).isEmpty();
        assertThat(config.engine().workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(config.engine().queueCapacity()).isEqualTo(64);
        assertThat(config.render().maxSide()).isEqualTo(1024);
        assertThat(config.caption().model()).isEqualTo("models/caption-model.zip");
    }

    /** Defaults live in the records; config.yml documents them. Either changing alone fails here. */
    @Test
    void theShippedConfigIsExactlyTheDefaultsAndNamesEverySetting() throws IOException {
        assertThat(BotConfig.load(Path.of("config.yml"), Map.of())).isEqualTo(BotConfig.load(Path.of("absent.yml"), Map.of()));
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        Set<String> documented = keys(yaml.readTree(Path.of("config.yml").toFile()), "");
        Set<String> settings = keys(yaml.valueToTree(BotConfig.defaults()), "");
        assertThat(documented).containsExactlyInAnyOrderElementsOf(settings);
    }

    private static Set<String> keys(JsonNode node, String prefix) {
        Set<String> keys = new TreeSet<>();
        node.fields().forEachRemaining(field -> {
            String key = prefix + field.getKey();
            keys.add(key);
            if (field.getValue().isObject()) {
                keys.addAll(keys(field.getValue(), key + "."));
            }
        });
        return keys;
    }

    @Test
    void aSamplingSettingOutOfRangeIsAnErrorThatSaysTheRange(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("config.yml");
        Files.writeString(file, "caption:\n  temperature: 0\n");
        assertThatThrownBy(() -> BotConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("caption.temperature must be above 0");
    }

    @Test
    void missingFileMeansDefaults(@TempDir Path dir) {
        BotConfig config = BotConfig.load(dir.resolve("nope.yml"), Map.of());
        assertThat(config).isEqualTo(BotConfig.defaults());
    }

    @Test
    void partialFileKeepsOtherDefaults(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yml"), "engine:\n  workers: 3\n");
        BotConfig config = BotConfig.load(file, Map.of());
        assertThat(config.engine().workers()).isEqualTo(3);
        assertThat(config.engine().queueCapacity()).isEqualTo(64);
        assertThat(config.render().maxSide()).isEqualTo(1024);
    }

    @Test
    void aTypoInAKeyIsAnErrorNamingFileAndKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yml"), "engine:\n  wokers: 3\n");
        assertThatThrownBy(() -> BotConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yml")
                .hasMessageContaining("'engine.wokers' is not a setting")
                .hasMessageContaining("workers")
                .hasMessageNotContaining("dev.memebattle")
                .hasMessageNotContaining("class ");
    }

    @Test
    void anEmptyFileMeansDefaults(@TempDir Path dir) throws IOException {
        assertThat(BotConfig.load(Files.writeString(dir.resolve("c.yml"), "\n  \n"), Map.of()))
                .isEqualTo(BotConfig.defaults());
    }

    @Test
    void aRenderSizeOutOfRangeIsRefusedWithTheRange(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yml"), "render:\n  max_side: -5\n");
        assertThatThrownBy(() -> BotConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("render.max_side must be 64 to 4096 pixels (default 1024), not -5");
    }

    @Test
    void pictureLimitsComeFromTheConfigAndAreRangeChecked(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yml"), "pictures:\n  max_mb: 4\n  max_gif_frames: 50\n");
        var limits = BotConfig.load(file, Map.of()).pictures().limits();
        assertThat(limits.maxBytes()).isEqualTo(4L * 1024 * 1024);
        assertThat(limits.maxFrames()).isEqualTo(50);
        assertThat(limits.maxPixels()).as("the default").isEqualTo(40_000_000L);
        Path wrong = Files.writeString(dir.resolve("w.yml"), "pictures:\n  max_megapixels: 0\n");
        assertThatThrownBy(() -> BotConfig.load(wrong, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("pictures.max_megapixels must be 1 to 100, not 0");
    }

    @Test
    void aWrongTypeIsAnErrorNamingTheKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("c.yml"), "engine:\n  workers: many\n");
        assertThatThrownBy(() -> BotConfig.load(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("engine.workers")
                .hasMessageNotContaining("java.lang");
    }

    @Test
    void discordShardsDefaultToDiscordsRecommendationAndMustNotBeNegative(@TempDir Path dir) throws IOException {
        assertThat(BotConfig.load(Path.of("config.yml"), Map.of()).discord().shards()).isZero();
        Path three = Files.writeString(dir.resolve("three.yml"), "discord:\n  shards: 3\n");
        assertThat(BotConfig.load(three, Map.of()).discord().shards()).isEqualTo(3);
        Path negative = Files.writeString(dir.resolve("c.yml"), "discord:\n  shards: -1\n");
        assertThatThrownBy(() -> BotConfig.load(negative, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("c.yml")
                .hasMessageContaining("discord.shards must be 0");

        Path split = Files.writeString(dir.resolve("split.yml"), "discord:\n  shards: 4\n  shard_ids: [3, 1, 1]\n");
        assertThat(BotConfig.load(split, Map.of()).discord().shardIds()).containsExactly(1, 3);
        Path noTotal = Files.writeString(dir.resolve("no-total.yml"), "discord:\n  shard_ids: [0]\n");
        assertThatThrownBy(() -> BotConfig.load(noTotal, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("shard_ids needs discord.shards");
        Path outOfRange = Files.writeString(dir.resolve("range.yml"), "discord:\n  shards: 2\n  shard_ids: [2]\n");
        assertThatThrownBy(() -> BotConfig.load(outOfRange, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("between 0 and discord.shards - 1 (1)");
    }

    @Test
    void environmentOverridesTheImagesDirectory(@TempDir Path dir) {
        BotConfig config = BotConfig.load(dir.resolve("none.yml"), Map.of("MEMEBATTLE_IMAGES_DIR", "/srv/images"));
        assertThat(config.templates().imagesDir()).isEqualTo("/srv/images");
    }

    @Test
    void tokensComeFromTheEnvironmentAndNeverPrint() {
        Secrets secrets = Secrets.fromEnvironment(Map.of("DISCORD_TOKEN", "abc.def.ghi", "TELEGRAM_TOKEN", " "));
        assertThat(secrets.discord()).contains("abc.def.ghi");
        assertThat(secrets.telegram()).isEmpty();
        assertThat(secrets.toString()).doesNotContain("abc").contains("discord=set").contains("telegram=unset");
    }
}
