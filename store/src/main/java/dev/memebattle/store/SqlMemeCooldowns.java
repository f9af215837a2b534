package dev.memebattle.store;

import dev.memebattle.chat.MemeCooldowns;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * Cooldowns in the database: a restart does not hand everyone a fresh meme, and bot processes that
 * share a PostgreSQL database share the cooldowns too.
 */
public final class SqlMemeCooldowns implements MemeCooldowns {

    private final Database db;
    private final ExpiringRows old;

    public SqlMemeCooldowns(Database db, Clock clock) {
        this.db = db;
        this.old = new ExpiringRows(db, clock, "meme_cooldowns", "claimed_at", "meme cooldowns");
    }

    @Override
    public Optional<Instant> claim(String chatKey, String userId, Instant now, Duration cooldown) {
        long expiredBefore = now.minus(cooldown).toEpochMilli();
        return db.write(c -> {
            // One statement claims the slot if it is free; the conditional upsert changes no row when the
            // user's last claim is too recent, and the row lock it takes serialises racing claims.
            try (PreparedStatement s = c.prepareStatement("INSERT INTO meme_cooldowns (chat_key, user_id, claimed_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (chat_key, user_id) DO UPDATE SET claimed_at = excluded.claimed_at "
                    + "WHERE meme_cooldowns.claimed_at <= ?")) {
                s.setString(1, chatKey);
                s.setString(2, userId);
                s.setLong(3, now.toEpochMilli());
                s.setLong(4, expiredBefore);
                if (s.executeUpdate() > 0) {
                    return Optional.<Instant>empty();
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT claimed_at FROM meme_cooldowns WHERE chat_key = ? AND user_id = ?")) {
                s.setString(1, chatKey);
                s.setString(2, userId);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return Optional.of(Instant.ofEpochMilli(r.getLong(1)).plus(cooldown));
                }
            }
        });
    }

    /** Forgets claims made before {@code cutoff}; returns how many. */
    public int forgetClaimedBefore(Instant cutoff) {
        return old.deleteBefore(cutoff);
    }

    /**
     * Forgets claims older than {@code longest} (the longest cooldown an admin can set: older claims
     * block nothing) every hour, so the table stays as small as the set of recently active users.
     */
    public ScheduledFuture<?> forgetExpiredHourly(ScheduledExecutorService scheduler, Duration longest) {
        return old.deleteOlderThan(longest, scheduler, Duration.ofHours(1), Duration.ofHours(1));
    }
}
