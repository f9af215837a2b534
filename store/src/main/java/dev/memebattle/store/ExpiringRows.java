package dev.memebattle.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rows that stop mattering once they are old (posted memes, cooldown claims, webhook deliveries),
 * deleted by the epoch-millisecond time in one column — now, or periodically — so each table stays
 * as small as what is still in use.
 */
final class ExpiringRows {

    private static final Logger log = LoggerFactory.getLogger(ExpiringRows.class);

    private final Database db;
    private final Clock clock;
    private final String delete;
    private final String what;

    /** {@code table} and {@code timeColumn} are our own constants, never user input. */
    ExpiringRows(Database db, Clock clock, String table, String timeColumn, String what) {
        this.db = db;
        this.clock = clock;
        this.delete = "DELETE FROM " + table + " WHERE " + timeColumn + " < ?";
        this.what = what;
    }

    /** Deletes the rows from before {@code cutoff}; returns how many. */
    int deleteBefore(Instant cutoff) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement(delete)) {
                s.setLong(1, cutoff.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    /** Deletes rows older than {@code keep} every {@code period}, the first time after {@code firstDelay}. */
    ScheduledFuture<?> deleteOlderThan(Duration keep, ScheduledExecutorService scheduler, Duration firstDelay,
                                       Duration period) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                log.debug("Forgot {} {} older than {}", deleteBefore(clock.instant().minus(keep)), what, keep);
            } catch (RuntimeException e) {
                log.warn("Forgetting old {} failed; will try again in {}", what, period, e);
            }
        }, firstDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
