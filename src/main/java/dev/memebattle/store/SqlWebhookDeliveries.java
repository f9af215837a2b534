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
 * Which webhook deliveries were already taken, in the database, so that bot processes behind one
 * load balancer handle a re-posted update once, whichever process the retry reaches.
 */
public final class SqlWebhookDeliveries {

    private static final Logger log = LoggerFactory.getLogger(SqlWebhookDeliveries.class);

    private final Database db;
    private final Clock clock;

    public SqlWebhookDeliveries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records the delivery; true for the first time any process saw it. */
    public boolean firstDelivery(String source, long deliveryId) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO webhook_deliveries (source, delivery_id, "
                    + "received_at) VALUES (?, ?, ?) ON CONFLICT (source, delivery_id) DO NOTHING")) {
                s.setString(1, source);
                s.setLong(2, deliveryId);
                s.setLong(3, clock.millis());
                return s.executeUpdate() == 1;
            }
        });
    }

    /** Forgets deliveries received before {@code cutoff}; returns how many. */
    public int forgetReceivedBefore(Instant cutoff) {
        return db.write(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM webhook_deliveries WHERE received_at < ?")) {
                s.setLong(1, cutoff.toEpochMilli());
                return s.executeUpdate();
            }
        });
    }

    /** Forgets deliveries older than {@code keep} (longer than the sender retries) every hour. */
    public ScheduledFuture<?> forgetOldHourly(ScheduledExecutorService scheduler, Duration keep) {
        return scheduler.scheduleWithFixedDelay(() -> {
            try {
                log.debug("Forgot {} old webhook deliveries", forgetReceivedBefore(clock.instant().minus(keep)));
            } catch (RuntimeException e) {
                log.warn("Forgetting old webhook deliveries failed; will try again in an hour", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }
}
