package dev.memebattle.discord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.battle.BattleCancelled;
import dev.memebattle.battle.BattleChat;
import dev.memebattle.battle.BattleEvents;
import dev.memebattle.battle.BattleService;
import dev.memebattle.battle.EntryPosted;
import dev.memebattle.battle.EntryRef;
import dev.memebattle.battle.RoundClosed;
import dev.memebattle.battle.RoundStarted;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.MiscUtil;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Posts what the battles tell Discord into the battle's channel (the one {@code /battle start}
 * was used in; the core stores it, so this works after a restart too): later rounds'
 * announcements, each entry as a meme with the bot's own 👍 to vote with, the results and
 * cancellations. Calls come from the core's threads; everything here is queued, nothing blocks.
 */
final class DiscordBattlePosts implements BattleEvents {

    private static final Logger log = LoggerFactory.getLogger(DiscordBattlePosts.class);

    /** The vote reaction. */
    static final String VOTE = "\uD83D\uDC4D";

    /** Looks channels up across all shards: a battle's server may be on any of them. */
    private final ShardManager shards;
    private final BattleService battles;
    private final InFlightWork work;
    /** The message showing each entry, so a replaced entry's old message can go (kept in memory only). */
    private final Cache<EntryRef, String> entryMessages = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofDays(1)).maximumSize(20_000).build();

    DiscordBattlePosts(ShardManager shards, BattleService battles, InFlightWork work) {
        this.shards = shards;
        this.battles = battles;
        this.work = work;
    }

    /** Servers on shards this process runs; with all shards here, every server. */
    @Override
    public boolean handles(BattleChat chat) {
        long guildId;
        try {
            guildId = Long.parseLong(chat.chatId());
        } catch (NumberFormatException e) {
            return shards.getShardById(0) != null; // not a server (battles need one): direct messages are shard 0's
        }
        return shards.getShardById(MiscUtil.getShardForGuild(guildId, shards.getShardsTotal())) != null;
    }

    @Override
    public void roundStarted(RoundStarted round) {
        post(round.chat(), "round " + round.round() + " of battle " + round.battleId(),
                channel -> send(channel, () -> MemeMessages.text(round.announcement())));
    }

    @Override
    public void entryPosted(EntryPosted entry) {
        EntryRef ref = entry.entry();
        post(entry.chat(), "entry " + ref.token(), channel -> send(channel, () -> MemeMessages.entry(entry))
                .thenCompose(message -> {
                    // Votes count from here on; the 👍 comes after, so the first click on it already counts.
                    battles.entryMessage(ref, message.getId());
                    String old = entryMessages.asMap().put(ref, message.getId());
                    if (entry.replaced() && old != null) {
                        channel.deleteMessageById(old).queue(null,
                                error -> log.info("Could not delete replaced entry {}: {}", old, error.toString()));
                    }
                    return ServerErrorRetry.submit(() -> channel.addReactionById(message.getId(), Emoji.fromUnicode(VOTE)));
                }));
    }

    @Override
    public void roundClosed(RoundClosed results) {
        post(results.chat(), "results of round " + results.round() + " of battle " + results.battleId(),
                channel -> send(channel, () -> MemeMessages.results(results)));
    }

    @Override
    public void battleCancelled(BattleCancelled cancelled) {
        post(cancelled.chat(), "cancellation of battle " + cancelled.battleId(),
                channel -> send(channel, () -> MemeMessages.text(cancelled.message())));
    }

    private static CompletableFuture<Message> send(GuildMessageChannel channel, Supplier<MessageCreateData> message) {
        return ServerErrorRetry.submitMessage(() -> channel.sendMessage(message.get()));
    }

    /** Counted as in-flight work, so a shutdown waits for posts the core has already committed to. */
    private void post(BattleChat chat, String what, Function<GuildMessageChannel, CompletableFuture<?>> action) {
        GuildMessageChannel channel = shards.getChannelById(GuildMessageChannel.class, chat.channel());
        if (channel == null) {
            log.warn("Discord: cannot post the {}: channel {} of server {} is gone or not visible to the bot",
                    what, chat.channel(), chat.chatId());
            return;
        }
        work.beginAnyway();
        CompletableFuture<?> done;
        try {
            done = action.apply(channel);
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ok, error) -> {
            if (error != null) {
                log.warn("Discord: could not post the {} in channel {}: {}", what, chat.channel(), error.toString());
            }
            work.end();
        });
    }
}
