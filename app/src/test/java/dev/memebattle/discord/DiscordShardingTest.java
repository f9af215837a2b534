package dev.memebattle.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.memebattle.battle.BattleChat;
import dev.memebattle.cli.BotComponents;
import dev.memebattle.config.BotConfig;
import dev.memebattle.config.DiscordConfig;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.memebattle.discord.DiscordBotTest.ALICE;
import static dev.memebattle.discord.DiscordBotTest.BOB;
import static dev.memebattle.discord.DiscordBotTest.REROLL;
import static dev.memebattle.discord.DiscordBotTest.edit;
import static dev.memebattle.discord.DiscordBotTest.followUp;
import static dev.memebattle.discord.DiscordBotTest.image;
import static dev.memebattle.discord.DiscordBotTest.reaction;
import static dev.memebattle.discord.FakeDiscord.CHANNEL_ID;
import static dev.memebattle.discord.FakeDiscord.GUILD_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discord recommends two shards: the bot opens both, the server's events arrive on shard 1 and
 * direct messages on shard 0, and commands, rerolls and channel lookups work on either.
 */
class DiscordShardingTest {

    static final Duration WAIT = Duration.ofSeconds(30); // shards start 5 s apart

    @Test
    void theBotRunsEveryRecommendedShardAndServesEachOfThem() throws Exception {
        try (FakeDiscord discord = new FakeDiscord()) {
            discord.recommendShards(2);
            try (BotComponents core = SeededCoreFixture.create(DiscordBotTest.config(discord, ""))) {
                DiscordBot bot = DiscordBot.start(core.bot(), core.config().discord(), "fake-token", WAIT);
                try {
                    List<JsonNode> identifies = discord.gatewayFrames(2);
                    assertThat(identifies).extracting(f -> f.path("d").path("shard").toString())
                            .containsExactlyInAnyOrder("[0,2]", "[1,2]");
                    assertThat(bot.shards().getShardsTotal()).isEqualTo(2);
                    assertThat(bot.shards().getGuildById(GUILD_ID).getJDA().getShardInfo().getShardId()).isEqualTo(1);
                    assertThat(bot.shards().getChannelById(GuildMessageChannel.class, CHANNEL_ID)).isNotNull();
                    discord.await(r -> r.ok() && r.is("PUT", "/applications/.*/commands"), WAIT);

                    FakeDiscord.Sent inServer = discord.slash(ALICE, "meme", discord.option("template", "doge"),
                            discord.option("text", "wow"));
                    String messageId = discord.await(followUp(inServer), WAIT).responseId();
                    discord.await(reaction(messageId), WAIT);
                    discord.react(ALICE, messageId, REROLL);
                    image(discord.await(edit(messageId), WAIT));

                    FakeDiscord.Sent inDm = discord.slashInDm(BOB, "meme", discord.option("template", "drake"),
                            discord.option("text", "one shard | two shards"));
                    image(discord.await(followUp(inDm), WAIT));
                } finally {
                    bot.close();
                }
                assertThat(bot.shards().getShards()).hasSize(2)
                        .extracting(JDA::getStatus).containsOnly(JDA.Status.SHUTDOWN);
            }
        }
    }

    /**
     * Two processes split two shards (as they would over one PostgreSQL database): each connects
     * only its own, answers what arrives on it, registers commands once, and closes battles only
     * in the servers on its shards.
     */
    @Test
    void processesThatSplitTheShardsEachServeTheirOwn() throws Exception {
        try (FakeDiscord discord = new FakeDiscord();
             BotComponents first = SeededCoreFixture.create(split(discord, 0));
             BotComponents second = SeededCoreFixture.create(split(discord, 1))) {
            DiscordBot zero = DiscordBot.start(first.bot(), first.config().discord(), "fake-token", WAIT);
            DiscordBot one = DiscordBot.start(second.bot(), second.config().discord(), "fake-token", WAIT);
            try {
                assertThat(discord.gatewayFrames(2)).extracting(f -> f.path("d").path("shard").toString())
                        .containsExactlyInAnyOrder("[0,2]", "[1,2]");
                assertThat(zero.shards().getShards()).extracting(j -> j.getShardInfo().getShardId()).containsExactly(0);
                assertThat(one.shards().getShards()).extracting(j -> j.getShardInfo().getShardId()).containsExactly(1);
                discord.await(r -> r.ok() && r.is("PUT", "/applications/.*/commands"), WAIT);
                assertThat(one.shards().getGuildById(GUILD_ID)).isNotNull();
                assertThat(zero.shards().getGuildById(GUILD_ID)).isNull();

                BattleChat server = new BattleChat("discord", GUILD_ID, CHANNEL_ID);
                assertThat(second.battleEvents().handles(server)).isTrue();
                assertThat(first.battleEvents().handles(server)).isFalse();

                FakeDiscord.Sent inServer = discord.slash(ALICE, "meme", discord.option("template", "doge"));
                image(discord.await(followUp(inServer), WAIT));
                FakeDiscord.Sent inDm = discord.slashInDm(BOB, "meme", discord.option("template", "doge"));
                image(discord.await(followUp(inDm), WAIT));
                assertThat(discord.createdBy(inServer.token())).hasSize(1);
                assertThat(discord.createdBy(inDm.token())).hasSize(1);
                // (the fake records a request just after answering it: by now the registration is on record)
                assertThat(discord.requests(r -> r.is("PUT", "/applications/.*/commands"))).as("registered once").hasSize(1);
            } finally {
                zero.close();
                one.close();
            }
        }
    }

    static BotConfig split(FakeDiscord discord, int shard) {
        return DiscordBotTest.config(discord, "").withDiscord(new DiscordConfig(discord.restUrl(), discord.gatewayUrl(),
                "", 2, List.of(shard), discord.cdnUrl()));
    }
}
