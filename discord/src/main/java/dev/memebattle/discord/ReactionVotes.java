package dev.memebattle.discord;

import dev.memebattle.battle.BattleService;
import dev.memebattle.battle.PostedEntry;
import dev.memebattle.battle.VoteLanes;
import dev.memebattle.chat.ChatOrigin;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

/**
 * 👍 reactions on battle entries as votes. Live reactions are stored on {@link VoteLanes} in event
 * order. Discord replays missed events only into a resumed session, so reactions added or taken
 * back while the bot was offline or between two sessions would be lost: on every new session
 * {@link #catchUp} reads each open entry's 👍 users and replays the difference as votes.
 */
final class ReactionVotes {

    private static final Logger log = LoggerFactory.getLogger(ReactionVotes.class);
    /** Users read per entry when catching up; a round with more voters than this is beyond a chat battle. */
    static final int MAX_VOTERS = 5_000;

    private final BattleService battles;
    private final DisplayNames names;
    private final VoteLanes lanes;
    private final InFlightWork work;

    ReactionVotes(BattleService battles, DisplayNames names, VoteLanes lanes, InFlightWork work) {
        this.battles = battles;
        this.names = names;
        this.lanes = lanes;
        this.work = work;
    }

    /**
     * Stores a 👍 added ({@code add}) or taken back on {@code messageId}. The core refuses self-votes
     * and votes after the deadline, and ignores messages that are not entries.
     *
     * @param name the voter's display name, or null when unknown
     */
    void record(ChatOrigin voter, String name, String messageId, boolean add) {
        // Counted even while closing: a vote is a quick write that the core can still take.
        work.beginAnyway();
        try {
            lanes.execute(voter.userId(), () -> {
                try {
                    if (name != null) {
                        names.remember(voter, name);
                    }
                    if (add) {
                        battles.voteOnMessage(voter, messageId).ifPresent(result -> log.debug(
                                "vote by {} on message {}: {}", voter.userId(), messageId, result));
                    } else if (battles.unvoteOnMessage(voter, messageId).isPresent()) {
                        log.debug("vote by {} on message {} taken back", voter.userId(), messageId);
                    }
                } catch (RuntimeException error) {
                    log.warn("Vote by {} on message {} failed: {}", voter.userId(), messageId, error.toString());
                } finally {
                    work.end();
                }
            });
        } catch (RejectedExecutionException stopped) {
            work.end();
        }
    }

    /** Called on a new gateway session (start or re-identify): nothing here blocks the event thread. */
    void catchUp(JDA jda) {
        work.beginAnyway();
        try {
            lanes.execute("catch-up", () -> {
                try {
                    List<PostedEntry> entries = battles.postedEntries(DiscordChats.PLATFORM);
                    entries.forEach(entry -> catchUp(jda, entry));
                } catch (RuntimeException error) {
                    log.warn("Could not read the open battle entries to catch up on votes: {}", error.toString());
                } finally {
                    work.end();
                }
            });
        } catch (RejectedExecutionException stopped) {
            work.end();
        }
    }

    private void catchUp(JDA jda, PostedEntry entry) {
        GuildMessageChannel channel = jda.getChannelById(GuildMessageChannel.class, entry.chat().channel());
        if (channel == null) {
            return; // gone or hidden from the bot: the round closes with the votes it has
        }
        String self = jda.getSelfUser().getId();
        work.beginAnyway();
        channel.retrieveReactionUsersById(entry.messageId(), Emoji.fromUnicode(DiscordBattlePosts.VOTE))
                .takeAsync(MAX_VOTERS)
                .whenComplete((users, error) -> {
                    try {
                        if (error != null) {
                            log.info("Could not read the votes on entry message {}: {}", entry.messageId(), error.toString());
                            return;
                        }
                        Map<String, User> reacting = new HashMap<>();
                        users.stream().filter(u -> !u.getId().equals(self)).forEach(u -> reacting.put(u.getId(), u));
                        reacting.forEach((id, user) -> {
                            if (!entry.voterIds().contains(id)) {
                                record(voter(entry, id), DisplayNames.of(null, user), entry.messageId(), true);
                            }
                        });
                        entry.voterIds().stream().filter(id -> !reacting.containsKey(id))
                                .forEach(id -> record(voter(entry, id), null, entry.messageId(), false));
                    } finally {
                        work.end();
                    }
                });
    }

    private static ChatOrigin voter(PostedEntry entry, String userId) {
        return DiscordChats.origin(entry.chat().chatId(), userId, null);
    }
}
