package dev.memebattle.store;

import dev.memebattle.battle.BattleChat;
import dev.memebattle.battle.BattleStore;
import dev.memebattle.battle.BattleService;
import dev.memebattle.battle.BattleSettings;
import dev.memebattle.battle.EntryRef;
import dev.memebattle.battle.LeaderboardPage;
import dev.memebattle.battle.LeaderboardScope;
import dev.memebattle.battle.OpenRound;
import dev.memebattle.battle.PostedEntry;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.template.TemplateKeys;


import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Battles in the database ({@link BattleStore} on SQL). Every method is one transaction that makes its
 * own checks under the round's lock, so rules hold with many threads and several bot processes: a vote is either
 * counted before the round closes or refused, a round closes exactly once, a chat runs at most one
 * battle (a unique index), a player has one entry per round and a voter one vote per entry
 * (primary keys).
 */
public final class SqlBattleStore implements BattleStore {

    private static final String ROUND_COLUMNS = "b.battle_id, b.platform, b.chat_id, b.starter_id, b.template_key, "
            + "b.rounds, b.round_minutes, r.round_no, r.template_key, r.started_at, r.deadline, b.channel";

    private final Database db;
    private final TemplateKeys templates;

    /** @param templates turns stored template keys back into templates (a winner's meme is rendered again) */
    public SqlBattleStore(Database db, TemplateKeys templates) {
        this.db = db;
        this.templates = templates;
    }

    // --- settings and names ---------------------------------------------------------------------

    @Override
    public BattleSettings settings(String chatKey) {
        return db.read(c -> selectSettings(c, chatKey, "")).orElse(BattleSettings.DEFAULTS);
    }

    @Override
    public BattleSettings updateSettings(String chatKey, UnaryOperator<BattleSettings> change, Instant now) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO battle_settings (chat_key, enabled, admins_only, "
                    + "round_minutes, max_rounds, updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_key) DO NOTHING")) {
                BattleSettings d = BattleSettings.DEFAULTS;
                s.setString(1, chatKey);
                s.setInt(2, d.enabled() ? 1 : 0);
                s.setInt(3, d.adminsOnly() ? 1 : 0);
                s.setInt(4, d.roundMinutes());
                s.setInt(5, d.maxRounds());
                s.setLong(6, now.toEpochMilli());
                s.executeUpdate();
            }
            BattleSettings next = change.apply(selectSettings(c, chatKey, db.dialect().forUpdate()).orElseThrow());
            try (PreparedStatement s = c.prepareStatement("UPDATE battle_settings SET enabled = ?, admins_only = ?, "
                    + "round_minutes = ?, max_rounds = ?, updated_at = ? WHERE chat_key = ?")) {
                s.setInt(1, next.enabled() ? 1 : 0);
                s.setInt(2, next.adminsOnly() ? 1 : 0);
                s.setInt(3, next.roundMinutes());
                s.setInt(4, next.maxRounds());
                s.setLong(5, now.toEpochMilli());
                s.setString(6, chatKey);
                s.executeUpdate();
            }
            return next;
        });
    }

    private static Optional<BattleSettings> selectSettings(Connection c, String chatKey, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT enabled, admins_only, round_minutes, max_rounds "
                + "FROM battle_settings WHERE chat_key = ?" + lock)) {
            s.setString(1, chatKey);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new BattleSettings(r.getInt(1) != 0, r.getInt(2) != 0, r.getInt(3), r.getInt(4)))
                        : Optional.empty();
            }
        }
    }

    @Override
    public void rememberName(String platform, String userId, String name, Instant now) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO players (platform, user_id, display_name, updated_at) "
                    + "VALUES (?, ?, ?, ?) ON CONFLICT (platform, user_id) DO UPDATE SET display_name = excluded.display_name, "
                    + "updated_at = excluded.updated_at")) {
                s.setString(1, platform);
                s.setString(2, userId);
                s.setString(3, name);
                s.setLong(4, now.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    /** Display names by user id; ids without a known name map to themselves. */
    @Override
    public Map<String, String> names(String platform, Collection<String> userIds) {
        Map<String, String> names = new HashMap<>();
        for (String id : userIds) {
            names.put(id, id);
        }
        if (userIds.isEmpty()) {
            return names;
        }
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT user_id, display_name FROM players "
                    + "WHERE platform = ? AND user_id = ?")) {
                for (String id : userIds) {
                    s.setString(1, platform);
                    s.setString(2, id);
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            names.put(id, r.getString(2));
                        }
                    }
                }
            }
            return names;
        });
    }

    // --- rounds ---------------------------------------------------------------------------------


    /** Starts a battle with its first round, unless the chat already runs one. */
    @Override
    public StartOutcome start(String battleId, BattleChat chat, String starterId, String fixedTemplateKey,
                       String firstTemplateKey, int rounds, int minutes, Instant now) {
        return db.write(c -> {
            Optional<OpenRound> running = current(c, chat.chatKey(), "");
            if (running.isPresent()) {
                return new StartOutcome.AlreadyRunning(running.get());
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO battles (battle_id, chat_key, platform, chat_id, "
                    + "starter_id, template_key, rounds, round_minutes, current_round, state, started_at, channel) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'RUNNING', ?, ?)")) {
                s.setString(1, battleId);
                s.setString(2, chat.chatKey());
                s.setString(3, chat.platform());
                s.setString(4, chat.chatId());
                s.setString(5, starterId);
                s.setString(6, fixedTemplateKey);
                s.setInt(7, rounds);
                s.setInt(8, minutes);
                s.setLong(9, now.toEpochMilli());
                s.setString(10, chat.channel());
                s.executeUpdate();
            }
            OpenRound first = new OpenRound(battleId, chat, starterId, fixedTemplateKey, 1, rounds, minutes,
                    firstTemplateKey, now, now.plusSeconds(60L * minutes));
            insertRound(c, first);
            return new StartOutcome.Started(first);
        });
    }

    private static void insertRound(Connection c, OpenRound round) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO battle_rounds (battle_id, round_no, template_key, "
                + "started_at, deadline, state) VALUES (?, ?, ?, ?, ?, 'OPEN')")) {
            s.setString(1, round.battleId());
            s.setInt(2, round.round());
            s.setString(3, round.templateKey());
            s.setLong(4, round.startedAt().toEpochMilli());
            s.setLong(5, round.deadline().toEpochMilli());
            s.executeUpdate();
        }
    }

    /** The chat's running battle's open round. */
    @Override
    public Optional<OpenRound> current(String chatKey) {
        return db.read(c -> current(c, chatKey, ""));
    }

    private static Optional<OpenRound> current(Connection c, String chatKey, String lock) throws SQLException {
        List<OpenRound> rounds = selectRounds(c, "b.chat_key = ? AND b.state = 'RUNNING' AND r.round_no = b.current_round "
                + "AND r.state = 'OPEN'", lock, chatKey);
        return rounds.stream().findFirst();
    }

    /** Every open round, for the scheduler. */
    @Override
    public List<OpenRound> openRounds() {
        return db.read(c -> selectRounds(c, "r.state = 'OPEN'", ""));
    }

    private static Optional<OpenRound> round(Connection c, String battleId, int roundNo, String lock) throws SQLException {
        return selectRounds(c, "r.battle_id = ? AND r.round_no = ? AND r.state = 'OPEN'", lock, battleId, roundNo)
                .stream().findFirst();
    }

    private static List<OpenRound> selectRounds(Connection c, String where, String lock, Object... args) throws SQLException {
        // PostgreSQL: FOR UPDATE/SHARE OF r locks the round row only, not the battle row
        String lockClause = lock.isEmpty() ? "" : lock + " OF r";
        try (PreparedStatement s = c.prepareStatement("SELECT " + ROUND_COLUMNS + " FROM battle_rounds r "
                + "JOIN battles b ON b.battle_id = r.battle_id WHERE " + where + " ORDER BY r.deadline" + lockClause)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<OpenRound> rounds = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rounds.add(new OpenRound(r.getString(1), new BattleChat(r.getString(2), r.getString(3), r.getString(12)), r.getString(4),
                            r.getString(5), r.getInt(8), r.getInt(6), r.getInt(7), r.getString(9),
                            Instant.ofEpochMilli(r.getLong(10)), Instant.ofEpochMilli(r.getLong(11))));
                }
            }
            return rounds;
        }
    }

    // --- entries and votes ----------------------------------------------------------------------


    /** Stores (or replaces) the player's entry, unless the round closed meanwhile. Replacing drops its votes. */
    @Override
    public EntryOutcome saveEntry(EntryRef entry, MemeRequest meme, String caption, Instant now) {
        StoredRequest request = StoredRequest.of(meme);
        return db.write(c -> {
            Optional<OpenRound> round = round(c, entry.battleId(), entry.round(), db.dialect().forShare());
            if (round.isEmpty() || !now.isBefore(round.get().deadline())) {
                return EntryOutcome.CLOSED;
            }
            boolean exists;
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM battle_entries WHERE battle_id = ? AND round_no = ? "
                    + "AND player_id = ?" + db.dialect().forUpdate())) {
                bind(s, entry);
                try (ResultSet r = s.executeQuery()) {
                    exists = r.next();
                }
            }
            if (exists) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM battle_votes WHERE battle_id = ? AND round_no = ? "
                        + "AND player_id = ?")) {
                    bind(s, entry);
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE battle_entries SET template_key = ?, text_kind = ?, "
                        + "text = ?, seed = ?, format = ?, filter = ?, caption = ?, message_id = NULL, entered_at = ? "
                        + "WHERE battle_id = ? AND round_no = ? AND player_id = ?")) {
                    request.bind(s, 1);
                    s.setString(7, caption);
                    s.setLong(8, now.toEpochMilli());
                    s.setString(9, entry.battleId());
                    s.setInt(10, entry.round());
                    s.setString(11, entry.playerId());
                    s.executeUpdate();
                }
                return EntryOutcome.REPLACED;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO battle_entries (battle_id, round_no, player_id, "
                    + StoredRequest.COLUMNS + ", caption, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(s, entry);
                request.bind(s, 4);
                s.setString(10, caption);
                s.setLong(11, now.toEpochMilli());
                s.executeUpdate();
            }
            return EntryOutcome.ADDED;
        });
    }

    @Override
    public void setEntryMessage(EntryRef entry, String messageId) {
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE battle_entries SET message_id = ? "
                    + "WHERE battle_id = ? AND round_no = ? AND player_id = ?")) {
                s.setString(1, messageId);
                s.setString(2, entry.battleId());
                s.setInt(3, entry.round());
                s.setString(4, entry.playerId());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<EntryRef> entryByMessage(String chatKey, String messageId) {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT e.battle_id, e.round_no, e.player_id FROM battle_entries e "
                    + "JOIN battles b ON b.battle_id = e.battle_id WHERE e.message_id = ? AND b.chat_key = ?")) {
                s.setString(1, messageId);
                s.setString(2, chatKey);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new EntryRef(r.getString(1), r.getInt(2), r.getString(3))) : Optional.empty();
                }
            }
        });
    }

    /** Entries of rounds still open for votes on {@code platform} that have a message, with their voters. */
    @Override
    public List<PostedEntry> postedEntries(String platform, Instant now) {
        return db.read(c -> {
            record Row(EntryRef entry, BattleChat chat, String messageId) {
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT e.battle_id, e.round_no, e.player_id, e.message_id, "
                    + "b.platform, b.chat_id, b.channel FROM battle_entries e "
                    + "JOIN battle_rounds r ON r.battle_id = e.battle_id AND r.round_no = e.round_no "
                    + "JOIN battles b ON b.battle_id = e.battle_id "
                    + "WHERE r.state = 'OPEN' AND r.deadline > ? AND b.platform = ? AND e.message_id IS NOT NULL "
                    + "ORDER BY r.deadline, e.entered_at")) {
                s.setLong(1, now.toEpochMilli());
                s.setString(2, platform);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Row(new EntryRef(r.getString(1), r.getInt(2), r.getString(3)),
                                new BattleChat(r.getString(5), r.getString(6), r.getString(7)), r.getString(4)));
                    }
                }
            }
            List<PostedEntry> entries = new ArrayList<>(rows.size());
            try (PreparedStatement s = c.prepareStatement("SELECT voter_id FROM battle_votes WHERE battle_id = ? "
                    + "AND round_no = ? AND player_id = ?")) {
                for (Row row : rows) {
                    bind(s, row.entry());
                    Set<String> voters = new HashSet<>();
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            voters.add(r.getString(1));
                        }
                    }
                    entries.add(new PostedEntry(row.entry(), row.chat(), row.messageId(), voters));
                }
            }
            return entries;
        });
    }



    @Override
    public VoteOutcome vote(EntryRef entry, String chatKey, String voterId, Instant now, Instant lateVotesFor) {
        return db.write(c -> {
            // A shared lock: votes go on in parallel, but not while the round is being closed.
            Optional<OpenRound> round = round(c, entry.battleId(), entry.round(), db.dialect().forShare());
            if (round.isEmpty() || !round.get().chat().chatKey().equals(chatKey)) {
                return new VoteOutcome.Refused("Voting for that round has closed.");
            }
            Instant deadline = round.get().deadline();
            Instant castAt = now;
            if (!now.isBefore(deadline)) {
                if (!deadline.isBefore(lateVotesFor)) {
                    return new VoteOutcome.Refused("Voting for that round has closed.");
                }
                castAt = deadline.minusMillis(1); // it waited at the platform while no bot ran: it was cast in time
            }
            if (entry.playerId().equals(voterId)) {
                return new VoteOutcome.Refused("You can't vote for your own entry.");
            }
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM battle_entries WHERE battle_id = ? AND round_no = ? "
                    + "AND player_id = ?")) {
                bind(s, entry);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return new VoteOutcome.Refused("That entry is no longer in the battle.");
                    }
                }
            }
            int inserted;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO battle_votes (battle_id, round_no, player_id, voter_id, "
                    + "voted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (battle_id, round_no, player_id, voter_id) DO NOTHING")) {
                bind(s, entry);
                s.setString(4, voterId);
                s.setLong(5, castAt.toEpochMilli());
                inserted = s.executeUpdate();
            }
            return new VoteOutcome.Done(new Vote(inserted == 1, votes(c, entry)));
        });
    }

    /** Takes a vote back (a removed reaction) while the round is open; false when there was none. */
    @Override
    public boolean unvote(EntryRef entry, String chatKey, String voterId, Instant now) {
        return db.write(c -> {
            Optional<OpenRound> round = round(c, entry.battleId(), entry.round(), db.dialect().forShare());
            if (round.isEmpty() || !round.get().chat().chatKey().equals(chatKey) || !now.isBefore(round.get().deadline())) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM battle_votes WHERE battle_id = ? AND round_no = ? "
                    + "AND player_id = ? AND voter_id = ?")) {
                bind(s, entry);
                s.setString(4, voterId);
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public int votes(EntryRef entry) {
        return db.read(c -> votes(c, entry));
    }

    private static int votes(Connection c, EntryRef entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM battle_votes WHERE battle_id = ? AND round_no = ? "
                + "AND player_id = ?")) {
            bind(s, entry);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static void bind(PreparedStatement s, EntryRef entry) throws SQLException {
        s.setString(1, entry.battleId());
        s.setInt(2, entry.round());
        s.setString(3, entry.playerId());
    }

    // --- closing --------------------------------------------------------------------------------



    /**
     * Closes the round if it is open and its deadline has passed: counts the votes cast before the
     * deadline, writes the results and opens the next round (or ends the battle). Empty when there
     * was nothing to do — not due yet, or already closed (by another thread or process).
     *
     * @param nextTemplate the template of the next round, if the battle has no fixed one
     */
    @Override
    public Optional<Closed> close(String battleId, int roundNo, Instant now, String nextTemplate) {
        return db.write(c -> {
            Optional<OpenRound> found = round(c, battleId, roundNo, db.dialect().forUpdate());
            if (found.isEmpty() || now.isBefore(found.get().deadline())) {
                return Optional.<Closed>empty();
            }
            OpenRound round = found.get();
            List<ScoredEntry> ranking = score(c, round);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO battle_results (battle_id, round_no, player_id, "
                    + "chat_key, platform, place, votes, points, won, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ScoredEntry e : ranking) {
                    s.setString(1, battleId);
                    s.setInt(2, roundNo);
                    s.setString(3, e.playerId());
                    s.setString(4, round.chat().chatKey());
                    s.setString(5, round.chat().platform());
                    s.setInt(6, e.place());
                    s.setInt(7, e.votes());
                    s.setInt(8, e.points());
                    s.setInt(9, e.winner() ? 1 : 0);
                    s.setLong(10, now.toEpochMilli());
                    s.addBatch();
                }
                s.executeBatch();
            }
            setRoundState(c, round, "CLOSED", now);
            Optional<OpenRound> next = Optional.empty();
            if (round.round() < round.rounds() && !ranking.isEmpty()) {
                String template = round.fixedTemplateKey() != null ? round.fixedTemplateKey() : nextTemplate;
                OpenRound opened = new OpenRound(battleId, round.chat(), round.starterId(), round.fixedTemplateKey(),
                        round.round() + 1, round.rounds(), round.minutes(), template, now,
                        now.plusSeconds(60L * round.minutes()));
                insertRound(c, opened);
                try (PreparedStatement s = c.prepareStatement("UPDATE battles SET current_round = ? WHERE battle_id = ?")) {
                    s.setInt(1, opened.round());
                    s.setString(2, battleId);
                    s.executeUpdate();
                }
                next = Optional.of(opened);
            } else {
                endBattle(c, battleId, "FINISHED", now);
            }
            return Optional.of(new Closed(round, ranking, next));
        });
    }

    private List<ScoredEntry> score(Connection c, OpenRound round) throws SQLException {
        record Row(String player, StoredRequest request, String caption, long enteredAt, int votes) {
        }
        List<Row> rows = new ArrayList<>();
        // Only votes cast before the deadline count, whatever the clock of the process that stored them.
        try (PreparedStatement s = c.prepareStatement("SELECT e.player_id, e." + StoredRequest.COLUMNS.replace(", ", ", e.")
                + ", e.caption, e.entered_at, (SELECT COUNT(*) FROM battle_votes v WHERE v.battle_id = e.battle_id "
                + "AND v.round_no = e.round_no AND v.player_id = e.player_id AND v.voter_id <> e.player_id "
                + "AND v.voted_at < ?) FROM battle_entries e WHERE e.battle_id = ? AND e.round_no = ?")) {
            s.setLong(1, round.deadline().toEpochMilli());
            s.setString(2, round.battleId());
            s.setInt(3, round.round());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getString(1), StoredRequest.read(r, 2), r.getString(8), r.getLong(9), r.getInt(10)));
                }
            }
        }
        rows.sort((a, b) -> a.votes() != b.votes() ? Integer.compare(b.votes(), a.votes())
                : a.enteredAt() != b.enteredAt() ? Long.compare(a.enteredAt(), b.enteredAt()) : a.player().compareTo(b.player()));
        List<ScoredEntry> ranking = new ArrayList<>();
        for (Row row : rows) {
            int place = 1 + (int) rows.stream().filter(other -> other.votes() > row.votes()).count();
            boolean winner = place == 1 && row.votes() > 0;
            int points = row.votes() + (winner ? BattleService.WIN_BONUS : 0);
            ranking.add(new ScoredEntry(row.player(), row.request().toRequest(templates), row.caption(), place, row.votes(), points, winner));
        }
        return ranking;
    }

    private static void setRoundState(Connection c, OpenRound round, String state, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE battle_rounds SET state = ?, closed_at = ? "
                + "WHERE battle_id = ? AND round_no = ?")) {
            s.setString(1, state);
            s.setLong(2, now.toEpochMilli());
            s.setString(3, round.battleId());
            s.setInt(4, round.round());
            s.executeUpdate();
        }
    }

    private static void endBattle(Connection c, String battleId, String state, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE battles SET state = ?, ended_at = ? WHERE battle_id = ?")) {
            s.setString(1, state);
            s.setLong(2, now.toEpochMilli());
            s.setString(3, battleId);
            s.executeUpdate();
        }
    }


    @Override
    public CancelOutcome cancel(String chatKey, String userId, boolean admin, Instant now) {
        return db.write(c -> {
            Optional<OpenRound> found = current(c, chatKey, db.dialect().forUpdate());
            if (found.isEmpty()) {
                return new CancelOutcome.NoBattle();
            }
            OpenRound round = found.get();
            if (!admin && !round.starterId().equals(userId)) {
                return new CancelOutcome.NotAllowed(round.starterId());
            }
            setRoundState(c, round, "CANCELLED", now);
            endBattle(c, round.battleId(), "CANCELLED", now);
            return new CancelOutcome.Cancelled(round);
        });
    }

    // --- status and leaderboards ----------------------------------------------------------------


    @Override
    public Optional<Counts> counts(String chatKey) {
        return db.read(c -> {
            Optional<OpenRound> round = current(c, chatKey, "");
            if (round.isEmpty()) {
                return Optional.<Counts>empty();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT (SELECT COUNT(*) FROM battle_entries WHERE battle_id = ? "
                    + "AND round_no = ?), (SELECT COUNT(*) FROM battle_votes WHERE battle_id = ? AND round_no = ? "
                    + "AND voter_id <> player_id)")) {
                s.setString(1, round.get().battleId());
                s.setInt(2, round.get().round());
                s.setString(3, round.get().battleId());
                s.setInt(4, round.get().round());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return Optional.of(new Counts(round.get(), r.getInt(1), r.getInt(2)));
                }
            }
        });
    }

    /** Points, wins and rounds summed over closed rounds; {@code chatKey} null = every chat. */
    @Override
    public LeaderboardPage leaderboard(String chatKey, int page) {
        LeaderboardScope scope = chatKey == null ? LeaderboardScope.GLOBAL : LeaderboardScope.CHAT;
        String where = chatKey == null ? "" : " WHERE chat_key = ?";
        return db.read(c -> {
            int players;
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM (SELECT DISTINCT platform, player_id "
                    + "FROM battle_results" + where + ") p")) {
                if (chatKey != null) {
                    s.setString(1, chatKey);
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    players = r.getInt(1);
                }
            }
            int pages = (players + LeaderboardPage.PAGE_SIZE - 1) / LeaderboardPage.PAGE_SIZE;
            int shown = Math.max(1, page);
            List<LeaderboardPage.Row> rows = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT platform, player_id, SUM(points), SUM(won), COUNT(*) "
                    + "FROM battle_results" + where + " GROUP BY platform, player_id "
                    + "ORDER BY SUM(points) DESC, SUM(won) DESC, platform, player_id LIMIT ? OFFSET ?")) {
                int i = 1;
                if (chatKey != null) {
                    s.setString(i++, chatKey);
                }
                s.setInt(i++, LeaderboardPage.PAGE_SIZE);
                s.setInt(i, (shown - 1) * LeaderboardPage.PAGE_SIZE);
                try (ResultSet r = s.executeQuery()) {
                    int rank = (shown - 1) * LeaderboardPage.PAGE_SIZE;
                    while (r.next()) {
                        rows.add(new LeaderboardPage.Row(++rank, r.getString(1), r.getString(2), r.getString(2),
                                r.getLong(3), r.getLong(4), r.getLong(5)));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT display_name FROM players WHERE platform = ? AND user_id = ?")) {
                for (int i = 0; i < rows.size(); i++) {
                    LeaderboardPage.Row row = rows.get(i);
                    s.setString(1, row.platform());
                    s.setString(2, row.playerId());
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            rows.set(i, new LeaderboardPage.Row(row.rank(), row.platform(), row.playerId(), r.getString(1),
                                    row.points(), row.wins(), row.rounds()));
                        }
                    }
                }
            }
            return new LeaderboardPage(scope, shown, pages, rows);
        });
    }
}
