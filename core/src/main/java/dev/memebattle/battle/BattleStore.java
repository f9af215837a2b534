package dev.memebattle.battle;

import dev.memebattle.engine.MemeRequest;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where battles are kept (a port: the store module implements it on SQL). Every method is one
 * atomic step that makes its own checks, so the rules hold with many threads and several bot
 * processes: a vote is either counted before the round closes or refused, a round closes exactly
 * once, a chat runs at most one battle, a player has one entry per round and a voter one vote per entry.
 */
public interface BattleStore {

    sealed interface StartOutcome {
        record Started(OpenRound round) implements StartOutcome {
        }

        record AlreadyRunning(OpenRound round) implements StartOutcome {
        }
    }

    enum EntryOutcome { ADDED, REPLACED, CLOSED }

    /** @param counted false when this voter had already voted for this entry; {@code votes} = the entry's votes now */
    record Vote(boolean counted, int votes) {
    }

    sealed interface VoteOutcome {
        record Done(Vote vote) implements VoteOutcome {
        }

        record Refused(String reason) implements VoteOutcome {
        }
    }

    /** An entry's outcome as stored, with the request to render it again (empty once its template is gone). */
    record ScoredEntry(String playerId, Optional<MemeRequest> request, String caption, int place, int votes, int points,
                       boolean winner) {
    }

    /** @param next the round that opened after this one, if the battle goes on */
    record Closed(OpenRound round, List<ScoredEntry> ranking, Optional<OpenRound> next) {
    }

    sealed interface CancelOutcome {
        record Cancelled(OpenRound round) implements CancelOutcome {
        }

        record NotAllowed(String starterId) implements CancelOutcome {
        }

        record NoBattle() implements CancelOutcome {
        }
    }

    /** Entries and votes (so far, own votes excluded) of the chat's open round. */
    record Counts(OpenRound round, int entries, int votes) {
    }

    BattleSettings settings(String chatKey);

    BattleSettings updateSettings(String chatKey, UnaryOperator<BattleSettings> change, Instant now);

    void rememberName(String platform, String userId, String name, Instant now);

    /** Display names by user id; ids without a known name map to themselves. */
    Map<String, String> names(String platform, Collection<String> userIds);

    /** Starts a battle with its first round, unless the chat already runs one. */
    StartOutcome start(String battleId, BattleChat chat, String starterId, String fixedTemplateKey, String firstTemplateKey, int rounds, int minutes, Instant now);

    /** The chat's running battle's open round. */
    Optional<OpenRound> current(String chatKey);

    /** Every open round, for the scheduler. */
    List<OpenRound> openRounds();

    /** Stores (or replaces) the player's entry, unless the round closed meanwhile. Replacing drops its votes. */
    EntryOutcome saveEntry(EntryRef entry, MemeRequest request, String caption, Instant now);

    void setEntryMessage(EntryRef entry, String messageId);

    Optional<EntryRef> entryByMessage(String chatKey, String messageId);

    /** Entries of rounds still open for votes on {@code platform} that have a message, with their voters. */
    List<PostedEntry> postedEntries(String platform, Instant now);

    /**
     * A vote, if the round is open and {@code now} is before its deadline.
     *
     * @param lateVotesFor rounds whose deadline is before this take votes until they are closed, stored
     *                     as cast just before their deadline: votes that waited at the platform while no
     *                     bot process ran ({@link Instant#MIN} outside a catch-up)
     */
    VoteOutcome vote(EntryRef entry, String chatKey, String voterId, Instant now, Instant lateVotesFor);

    /** Takes a vote back (a removed reaction) while the round is open; false when there was none. */
    boolean unvote(EntryRef entry, String chatKey, String voterId, Instant now);

    int votes(EntryRef entry);

    /**
     * Closes the round if it is open and its deadline has passed: counts the votes cast before the
     * deadline, writes the results and opens the next round (or ends the battle). Empty when there
     * was nothing to do — not due yet, or already closed (by another thread or process).
     *
     * @param nextTemplate the template of the next round, if the battle has no fixed one
     */
    Optional<Closed> close(String battleId, int roundNo, Instant now, String nextTemplate);

    CancelOutcome cancel(String chatKey, String userId, boolean admin, Instant now);

    Optional<Counts> counts(String chatKey);

    /** Points, wins and rounds summed over closed rounds; {@code chatKey} null = every chat. */
    LeaderboardPage leaderboard(String chatKey, int page);
}
