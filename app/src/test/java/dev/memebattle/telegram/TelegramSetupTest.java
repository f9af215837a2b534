package dev.memebattle.telegram;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.ConfigException;
import dev.memebattle.config.TelegramConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.TelegramUrl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration, the API URL, login failures, and that the token never shows up. */
class TelegramSetupTest {

    @Test
    void theShippedConfigHasTheDefaultsAndEveryKeyCanBeSet(@TempDir Path dir) throws Exception {
        assertThat(BotConfig.load(Path.of("config.yml"), Map.of()).telegram()).isEqualTo(TelegramConfig.defaults());
        TelegramConfig defaults = TelegramConfig.defaults();
        assertThat(defaults.apiUrl()).isEmpty();
        assertThat(defaults.storageChats()).isEmpty();
        assertThat(defaults.flood()).isEqualTo(new TelegramConfig.Flood(1000, 20, 60_000, 30));
        assertThat(defaults.inlineWarmTemplates()).isEqualTo(8);

        Path file = dir.resolve("config.yml");
        Files.writeString(file, """
                telegram:
                  api_url: http://127.0.0.1:8081
                  storage_chat_id: -1001234567890
                  inline_results: 8
                  inline_cache_seconds: 5
                  inline_warm_templates: 3
                  admin_cache_seconds: 30
                  flood:
                    chat_interval_ms: 1100
                    group_limit: 19
                    group_window_ms: 61000
                    per_second: 25
                """);
        TelegramConfig t = BotConfig.load(file, Map.of()).telegram();
        assertThat(t.apiUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(t.storageChats()).containsExactly("-1001234567890");
        assertThat(t.inlineResults()).isEqualTo(8);
        assertThat(t.inlineCacheSeconds()).isEqualTo(5);
        assertThat(t.inlineWarmTemplates()).isEqualTo(3);
        assertThat(t.adminCacheSeconds()).isEqualTo(30);
        assertThat(t.flood()).isEqualTo(new TelegramConfig.Flood(1100, 19, 61_000, 25));

        Files.writeString(file, "telegram:\n  storage_chat_id: [-1001, \"@memestore\", -1001, \"\"]\n");
        assertThat(BotConfig.load(file, Map.of()).telegram().storageChats()).containsExactly("-1001", "@memestore");
        Files.writeString(file, "telegram:\n  storage_chat_id: \"\"\n");
        assertThat(BotConfig.load(file, Map.of()).telegram().storageChats()).isEmpty();

        Files.writeString(file, "telegram:\n  flood:\n    per_minute: 3\n");
        assertThatThrownBy(() -> BotConfig.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("per_minute");
    }

    @Test
    void theApiUrlIsSchemeHostAndPort() {
        assertThat(TelegramBot.apiUrl("")).isEqualTo(TelegramUrl.DEFAULT_URL);
        assertThat(TelegramBot.apiUrl("http://127.0.0.1:8081")).isEqualTo(new TelegramUrl("http", "127.0.0.1", 8081, false));
        assertThat(TelegramBot.apiUrl("https://bots.example.org/")).isEqualTo(new TelegramUrl("https", "bots.example.org", 443, false));
        assertThatThrownBy(() -> TelegramBot.apiUrl("ftp://x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("telegram.api_url");
        assertThatThrownBy(() -> TelegramBot.apiUrl("http://x/some/path")).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> TelegramBot.apiUrl("not a url")).isInstanceOf(ConfigException.class);
    }

    @Test
    void theTokenNeverAppearsInLogsOrErrorsAndAWrongOneFailsClearly() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        BotComponents core = TelegramTestKit.core();
        try (FakeBotApi api = new FakeBotApi(TelegramTestKit.TOKEN, TelegramTestKit.BOT)) {
            String wrong = "999999:WRONG-secret-token";
            TelegramConfig config = TelegramConfig.defaults().withApiUrl(api.url());
            assertThatThrownBy(() -> TelegramBot.start(core.bot(), wrong, config))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("login failed")
                    .hasMessageContaining("401")
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("WRONG-secret"));

            try (TelegramTestKit.Running running = TelegramTestKit.start(core, TelegramTestKit.FAST, "-100999")) {
                FakeBotApi fake = running.api();
                fake.failNext("sendPhoto", 1, new FakeBotApi.Failure(429, "Too Many Requests: retry after 1", 1));
                int cmd = fake.sendText(-100555, 1, "/meme doge wow");
                fake.awaitOne("sendPhoto", c -> c.params().path("reply_parameters").path("message_id").asInt() == cmd,
                        TelegramTestKit.WAIT);
                String id = fake.inline(1, "doge wow", "");
                fake.awaitOne("answerInlineQuery", c -> id.equals(c.text("inline_query_id")), TelegramTestKit.WAIT);
            }
        } finally {
            root.detachAppender(logs);
            core.close();
        }
        List<String> lines = logs.list.stream()
                .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy())))
                .toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).noneMatch(l -> l.contains("TEST-token") || l.contains("WRONG-secret"));
    }
}
