package dev.memebattle.discord;

import dev.memebattle.cli.BotComponents;
import net.dv8tion.jda.api.JDA;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static dev.memebattle.discord.FakeDiscord.BOT_ID;
import static dev.memebattle.discord.FakeDiscord.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** A session of its own: commands on the development server only, and a shutdown that drains. */
class DiscordShutdownTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void devGuildCommandsAndShutdownFinishesAcceptedCommandsFirst() throws Exception {
        try (FakeDiscord discord = new FakeDiscord();
             BotComponents core = SeededCoreFixture.create(DiscordBotTest.config(discord, GUILD_ID))) {
            DiscordBot bot = DiscordBot.start(core.bot(), core.config().discord(), "fake-token", WAIT);
            List<FakeDiscord.Sent> sent = new ArrayList<>();
            try {
                // (the fake records a request just after answering it, so wait for the record)
                discord.await(r -> r.ok() && r.is("PUT", "/applications/" + BOT_ID + "/guilds/" + GUILD_ID
                        + "/commands"), WAIT);
                assertThat(discord.requests(r -> r.is("PUT", "/applications/" + BOT_ID + "/commands"))).isEmpty();

                // Uploads wait for the test, so the commands are still being answered when shutdown starts.
                CountDownLatch uploads = discord.hold(r -> r.is("POST", "/webhooks/.*"));
                for (int i = 0; i < 3; i++) {
                    sent.add(discord.slash(DiscordBotTest.ALICE, "meme", discord.option("template", "drake"),
                            discord.option("text", "shutdown " + i + " | drains")));
                }
                for (FakeDiscord.Sent s : sent) {
                    discord.await(DiscordBotTest.callback(s), WAIT);
                }
                assertThat(bot.pending()).as("accepted, not answered yet").isEqualTo(3);

                Thread closer = new Thread(bot::close, "closer");
                closer.start();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (!bot.closing() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                // still connected while draining: a new command is turned away at once, privately
                FakeDiscord.Sent late = discord.slash(DiscordBotTest.BOB, "meme", discord.option("template", "doge"));
                var refusal = discord.await(DiscordBotTest.callback(late), WAIT).json();
                assertThat(refusal.path("type").asInt()).as("immediate reply").isEqualTo(4);
                assertThat(refusal.path("data").path("content").asText()).contains("restarting");
                assertThat(DiscordBotTest.ephemeral(refusal.path("data"))).isTrue();
                assertThat(closer.isAlive()).as("close() waits for the accepted commands").isTrue();
                uploads.countDown();
                closer.join(WAIT.toMillis());
                assertThat(closer.isAlive()).isFalse();
            } finally {
                bot.close();
            }
            assertThat(bot.pending()).isZero();
            assertThat(bot.shards().getShards()).extracting(JDA::getStatus).containsOnly(JDA.Status.SHUTDOWN);
            assertThat(sent).hasSize(3);
            for (FakeDiscord.Sent s : sent) {
                assertThat(discord.requests(DiscordBotTest.followUp(s))).as("answered before disconnecting").hasSize(1);
            }
        }
    }

}
