package dev.memebattle.telegram;

import dev.memebattle.TestData;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.MetricsConfig;
import dev.memebattle.monitoring.MonitoringServer;
import dev.memebattle.monitoring.Scrape;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.memebattle.telegram.TelegramTestKit.FAST;
import static org.assertj.core.api.Assertions.assertThat;

/** The operator's view of a Telegram meme: the real telegrambots client against the fake Bot API, then a scrape. */
class TelegramMetricsTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final long ALICE = 7770001234L;
    static final long CHAT = 8880005678L;

    @Test
    void aMemeIsCountedWithItsOutcomeAndItsTimesAreObserved() throws Exception {
        int port = Scrape.freePort();
        try (BotComponents core = BotComponents.create(TestData.config().withMetrics(new MetricsConfig(port, "127.0.0.1")),
                new TelegramTestKit.SeededCaptions());
             MonitoringServer monitoring = core.startMonitoring().orElseThrow();
             TelegramTestKit.Running running = TelegramTestKit.start(core, FAST, "")) {
            FakeBotApi api = running.api();
            int sent = api.sendText(CHAT, ALICE, "/meme doge wow such private words");
            api.awaitOne("sendPhoto", c -> c.params().path("reply_parameters").path("message_id").asInt() == sent, WAIT);
            int random = api.sendText(CHAT, ALICE, "/meme drake first | second"); // a second meme, a still one
            api.awaitOne("sendPhoto", c -> c.params().path("reply_parameters").path("message_id").asInt() == random, WAIT);

            String body = Scrape.metricsWhen(port, 2, "memebattle_end_to_end_latency_seconds_count", "platform=\"telegram\"");
            assertThat(Scrape.value(body, "memebattle_commands_total", "platform=\"telegram\"", "command=\"meme\"",
                    "outcome=\"meme\"")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(2));
            for (String observed : List.of("memebattle_command_latency_seconds_count", "memebattle_upload_latency_seconds_count",
                    "memebattle_end_to_end_latency_seconds_count", "memebattle_arrival_lag_seconds_count")) {
                assertThat(Scrape.value(body, observed, "platform=\"telegram\"")).as(observed)
                        .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
            }
            assertThat(Scrape.value(body, "memebattle_telegram_send_queued")).isPresent();
            assertThat(body).doesNotContain(TelegramTestKit.TOKEN).doesNotContain("private words")
                    .doesNotContain(Long.toString(CHAT)).doesNotContain(Long.toString(ALICE));
        }
    }
}
