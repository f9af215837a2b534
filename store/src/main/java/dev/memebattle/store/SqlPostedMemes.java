package dev.memebattle.store;

import dev.memebattle.chat.PostedMeme;
import dev.memebattle.chat.PostedMemes;
import dev.memebattle.template.TemplateKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.UnaryOperator;

/**
 * Posted memes in the database, so a 🔁 on a meme still works after a restart. The request is
 * rebuilt from its template by key; a meme whose template was removed is simply not found.
 */
public final class SqlPostedMemes implements PostedMemes {

    private static final Logger log = LoggerFactory.getLogger(SqlPostedMemes.class);
    private static final String SELECT = "SELECT requester_id, rerolls, " + StoredRequest.COLUMNS
            + " FROM posted_memes WHERE chat_key = ? AND message_id = ?";

    private final Database db;
    private final TemplateKeys templates;
    private final Clock clock;
    private final ExpiringRows old;

    public SqlPostedMemes(Database db, TemplateKeys templates, Clock clock) {
        this.db = db;
        this.templates = templates;
        this.clock = clock;
        this.old = new ExpiringRows(db, clock, "posted_memes", "posted_at", "posted memes");
    }

    @Override
    public void remember(PostedMeme meme) {
        StoredRequest stored = StoredRequest.of(meme.request());
        db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO posted_memes (chat_key, message_id, requester_id, "
                    + "rerolls, posted_at, " + StoredRequest.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (chat_key, message_id) DO UPDATE SET requester_id = excluded.requester_id, "
                    + "rerolls = excluded.rerolls, posted_at = excluded.posted_at, template_key = excluded.template_key, "
                    + "text_kind = excluded.text_kind, text = excluded.text, seed = excluded.seed, "
                    + "format = excluded.format, filter = excluded.filter")) {
                s.setString(1, meme.chatKey());
                s.setString(2, meme.messageId());
                s.setString(3, meme.requesterId());
                s.setInt(4, meme.rerolls());
                s.setLong(5, clock.millis());
                stored.bind(s, 6);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public Optional<PostedMeme> find(String chatKey, String messageId) {
        return db.read(c -> select(c, chatKey, messageId, ""));
    }

    /** {@code change} may run more than once if the transaction is retried: keep it a pure function. */
    @Override
    public Optional<PostedMeme> update(String chatKey, String messageId, UnaryOperator<PostedMeme> change) {
        return db.write(c -> {
            Optional<PostedMeme> current = select(c, chatKey, messageId, db.dialect().forUpdate());
            if (current.isEmpty()) {
                return Optional.empty();
            }
            PostedMeme next = change.apply(current.get());
            if (next.equals(current.get())) {
                return current;
            }
            StoredRequest stored = StoredRequest.of(next.request());
            try (PreparedStatement s = c.prepareStatement("UPDATE posted_memes SET requester_id = ?, rerolls = ?, "
                    + "template_key = ?, text_kind = ?, text = ?, seed = ?, format = ?, filter = ? "
                    + "WHERE chat_key = ? AND message_id = ?")) {
                s.setString(1, next.requesterId());
                s.setInt(2, next.rerolls());
                stored.bind(s, 3);
                s.setString(9, chatKey);
                s.setString(10, messageId);
                s.executeUpdate();
            }
            return Optional.of(next);
        });
    }

    /** Forgets memes posted before {@code cutoff} (they can no longer be rerolled); returns how many. */
    public int forgetPostedBefore(Instant cutoff) {
        return old.deleteBefore(cutoff);
    }

    /**
     * Forgets memes older than {@code keep} once a day (the first time right away), so the table
     * stays bounded like the in-memory store was. Cancel the returned future to stop.
     */
    public ScheduledFuture<?> forgetOldMemesDaily(ScheduledExecutorService scheduler, Duration keep) {
        return old.deleteOlderThan(keep, scheduler, Duration.ZERO, Duration.ofDays(1));
    }

    private Optional<PostedMeme> select(Connection c, String chatKey, String messageId, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + lock)) {
            s.setString(1, chatKey);
            s.setString(2, messageId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                StoredRequest stored = StoredRequest.read(r, 3);
                var request = stored.toRequest(templates);
                if (request.isEmpty()) {
                    log.debug("Posted meme {} uses the template {} which is gone", messageId, stored.templateKey());
                    return Optional.empty();
                }
                return Optional.of(new PostedMeme(chatKey, messageId, r.getString(1), request.get(), r.getInt(2)));
            }
        }
    }
}
