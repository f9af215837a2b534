package dev.memebattle.discord;

import dev.memebattle.cli.BotComponents;
import dev.memebattle.cli.RunCommand;
import dev.memebattle.config.MetricsConfig;
import dev.memebattle.config.Secrets;
import dev.memebattle.monitoring.Scrape;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.memebattle.discord.DiscordBotTest.ALICE;
import static dev.memebattle.discord.DiscordBotTest.WAIT;
import static dev.memebattle.discord.DiscordBotTest.answerTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's view of a Discord meme: the bot started as {@code run} starts it (monitoring first),
 * the real JDA against the fake Discord, then a Prometheus scrape of the listener.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordMetricsTest {

    static final String TOKEN = "fake-token-that-must-not-leak";

    FakeDiscord discord;
    BotComponents core;
    final List<AutoCloseable> started = new ArrayList<>();
    int port;

    @BeforeAll
    void start() throws Exception {
        discord = new FakeDiscord();
        port = Scrape.freePort();
        core = SeededCoreFixture.create(DiscordBotTest.config(discord, "")
                .withMetrics(new MetricsConfig(port, "127.0.0.1")));
        RunCommand.startPlatforms(core, new Secrets(TOKEN, null, null), started);
    }

    @AfterAll
    void stop() throws Exception {
        Collections.reverse(started);
        for (AutoCloseable c : started) {
            c.close();
        }
        core.close();
        discord.close();
    }

    @Test
    void aMemeIsCountedWithItsOutcomeAndItsTimesAreObserved() throws Exception {
        var sent = discord.slash(ALICE, "meme", discord.option("template", "doge"), discord.option("text", "wow such secret"));
        assertThat(discord.await(answerTo(sent), WAIT).multipart()).isTrue();
        String body = Scrape.metricsWhen(port, 1, "memebattle_end_to_end_latency_seconds_count", "platform=\"discord\"");

        assertThat(Scrape.value(body, "memebattle_commands_total", "platform=\"discord\"", "command=\"meme\"",
                "outcome=\"meme\"")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        for (String observed : List.of("memebattle_command_latency_seconds_count", "memebattle_upload_latency_seconds_count",
                "memebattle_end_to_end_latency_seconds_count", "memebattle_arrival_lag_seconds_count")) {
            assertThat(Scrape.value(body, observed, "platform=\"discord\"")).as(observed)
                    .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        }
        assertThat(Scrape.value(body, "memebattle_render_latency_seconds_count")).hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(Scrape.value(body, "memebattle_caption_latency_seconds_count")).as("an AI caption: 'wow…' was a prefix")
                .hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(body).as("a histogram, for quantiles in Prometheus").contains("memebattle_render_latency_seconds_bucket{");
        assertThat(Scrape.value(body, "memebattle_memes_total", "result=\"done\"")).hasValueSatisfying(v -> assertThat(v).isPositive());
        assertThat(Scrape.value(body, "memebattle_discord_shards", "state=\"connected\"")).hasValue(1.0);
        assertThat(Scrape.value(body, "memebattle_workers_queued")).isPresent();
        assertThat(Scrape.value(body, "cache_gets_total", "cache=\"memebattle.render.cache\"")).isPresent();
        assertThat(Scrape.value(body, "hikaricp_connections")).as("the database pool's own meters").isPresent();
        assertThat(Scrape.value(body, "jvm_memory_used_bytes")).isPresent();
        assertThat(Scrape.value(body, "process_cpu_usage")).isPresent();
        assertThat(Scrape.value(body, "memebattle_battles_open")).hasValue(0.0);

        assertThat(body).doesNotContain(TOKEN).doesNotContain("such secret").doesNotContain(ALICE.id())
                .doesNotContain(FakeDiscord.GUILD_ID);
    }

    @Test
    void refusalsAreCountedAsSuch() throws Exception {
        var sent = discord.slash(ALICE, "meme", discord.option("template", "no-such-template-anywhere"));
        discord.await(answerTo(sent), WAIT);
        String body = Scrape.metricsWhen(port, 1, "memebattle_commands_total", "command=\"meme\"", "outcome=\"refused\"");
        assertThat(Scrape.value(body, "memebattle_commands_total", "platform=\"discord\"", "command=\"meme\"",
                "outcome=\"refused\"")).hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
    }

    @Test
    void aRateLimitIsCountedWithTheWaitDiscordAskedFor() throws Exception {
        discord.fail(r -> r.is("POST", "/webhooks/" + FakeDiscord.BOT_ID + "/[^/]+") && r.multipart(), 1, 429,
                FakeDiscord.rateLimitHeaders(0.5),
                "{\"message\":\"You are being rate limited.\",\"retry_after\":0.5,\"global\":false}");
        var sent = discord.slash(ALICE, "meme", discord.option("template", "drake"), discord.option("text", "wait | go"));
        assertThat(discord.await(answerTo(sent), WAIT).multipart()).isTrue();
        String body = Scrape.metricsWhen(port, 1, "memebattle_rate_limit_wait_seconds_count", "platform=\"discord\"");
        assertThat(Scrape.value(body, "memebattle_rate_limit_wait_seconds_count", "platform=\"discord\""))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(Scrape.value(body, "memebattle_rate_limit_wait_seconds_sum", "platform=\"discord\""))
                .as("the Retry-After of 1 s (rounded up)").hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
    }

    @Test
    void theListenerAnswersItsThreePathsAndNothingElse() {
        assertThat(Scrape.get(port, "/healthz")).isEqualTo(new Scrape.Answer(200, "ok\n"));
        Scrape.Answer ready = Scrape.get(port, "/readyz");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("discord ok").contains("database ok").contains("templates ok")
                .contains("platforms ok");
        String metrics = Scrape.get(port, "/metrics").body();
        assertThat(Scrape.value(metrics, "memebattle_battle_events_total", "platform=\"discord\"", "event=\"vote\""))
                .as("there from the start, at 0, so that rate() sees the first vote").isPresent();
        assertThat(Scrape.value(metrics, "memebattle_commands_total", "platform=\"discord\"", "command=\"battle\"",
                "outcome=\"busy\"")).isPresent();
        assertThat(Scrape.get(port, "/").status()).isEqualTo(404);
        assertThat(Scrape.get(port, "/metrics/../admin").status()).isEqualTo(404);
        assertThat(Scrape.get(port, "/env").status()).isEqualTo(404);
        assertThat(Scrape.send(port, "/metrics", "POST").status()).isEqualTo(405);
        assertThat(Scrape.send(port, "/healthz", "DELETE").status()).isEqualTo(405);
    }

}
