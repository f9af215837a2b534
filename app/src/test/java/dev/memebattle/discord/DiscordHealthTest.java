package dev.memebattle.discord;

import dev.memebattle.cli.BotComponents;
import dev.memebattle.cli.RunCommand;
import dev.memebattle.config.MetricsConfig;
import dev.memebattle.config.Secrets;
import dev.memebattle.monitoring.Scrape;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** /readyz while Discord has not yet said READY: alive, not ready; ready once every shard is connected. */
class DiscordHealthTest {

    @Test
    void readyzWaitsForTheGatewaysReady() throws Exception {
        FakeDiscord discord = new FakeDiscord();
        int port = Scrape.freePort();
        List<AutoCloseable> started = new ArrayList<>();
        BotComponents core = SeededCoreFixture.create(DiscordBotTest.config(discord, "")
                .withMetrics(new MetricsConfig(port, "127.0.0.1")));
        try {
            discord.holdReady();
            CompletableFuture<Void> starting = CompletableFuture.runAsync(
                    () -> RunCommand.startPlatforms(core, new Secrets("fake-token", null, null), started));
            Scrape.Answer waiting = Scrape.await(port, "/readyz", a -> a.status() == 503);
            assertThat(waiting.status()).isEqualTo(503);
            assertThat(waiting.body()).contains("platforms not ready");
            assertThat(Scrape.get(port, "/healthz").status()).as("alive while it connects").isEqualTo(200);
            assertThat(starting).as("still waiting for READY").isNotDone();

            discord.releaseReady();
            starting.get();
            Scrape.Answer ready = Scrape.await(port, "/readyz", a -> a.status() == 200);
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).contains("discord ok").contains("platforms ok");
        } finally {
            discord.releaseReady();
            Collections.reverse(started);
            for (AutoCloseable c : started) {
                c.close();
            }
            core.close();
            discord.close();
        }
    }
}
