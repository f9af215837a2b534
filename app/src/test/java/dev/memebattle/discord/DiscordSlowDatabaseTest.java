package dev.memebattle.discord;

import dev.memebattle.TestData;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.DiscordConfig;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Another process holds SQLite's write lock for 5 s while a burst of commands arrives from users
 * the bot has never seen (each one's first command stores their name). Discord takes an
 * interaction's first answer within 3 s only: none may miss it, and every one is answered once
 * the lock is gone.
 */
class DiscordSlowDatabaseTest {

    static final int USERS = 40;
    static final Duration HOLD = Duration.ofSeconds(5);

    @Test
    void aLockedDatabaseLosesNoInteraction() throws Exception {
        BotConfig base = TestData.config();
        String url = base.store().url();
        try (FakeDiscord discord = new FakeDiscord();
             BotComponents core = BotComponents.create(base.withDiscord(
                     new DiscordConfig(discord.restUrl(), discord.gatewayUrl(), "")));
             DiscordBot bot = DiscordBot.start(core.bot(), core.config().discord(), "fake-token", Duration.ofSeconds(20));
             Connection other = DriverManager.getConnection(url)) {
            List<FakeDiscord.Sent> sent = new ArrayList<>();
            try (Statement s = other.createStatement()) {
                s.execute("BEGIN IMMEDIATE"); // the write lock, as a second process mid-transaction holds it
                long start = System.nanoTime();
                for (int i = 0; i < USERS; i++) {
                    FakeDiscord.User user = new FakeDiscord.User(Long.toString(810_000_000_000_000_000L + i), "user" + i, false);
                    sent.add(discord.slash(user, i % 2 == 0 ? "meme" : "templates",
                            i % 2 == 0 ? new com.fasterxml.jackson.databind.JsonNode[]{discord.option("template", "drake"),
                                    discord.option("text", "locked | database")}
                                    : new com.fasterxml.jackson.databind.JsonNode[0]));
                }
                Thread.sleep(Math.max(0, HOLD.toMillis() - (System.nanoTime() - start) / 1_000_000));
                s.execute("ROLLBACK");
            }
            for (FakeDiscord.Sent one : sent) {
                discord.await(r -> r.ok() && (r.is("POST", "/webhooks/" + FakeDiscord.BOT_ID + "/" + one.token())
                        || r.is("PATCH", "/webhooks/" + FakeDiscord.BOT_ID + "/" + one.token() + "/messages/@original")),
                        Duration.ofSeconds(30));
            }
            assertThat(discord.expiredInteractions()).as("interactions answered after Discord's 3 s").isZero();
            assertThat(sent).allSatisfy(one -> assertThat(discord.createdBy(one.token())).isNotEmpty());
        }
    }
}
