package dev.memebattle.store;

import dev.memebattle.bot.WebhookDeliveries;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * Which webhook deliveries were already taken, in the database, so that bot processes behind one
 * load balancer handle a re-posted update once, whichever process the retry reaches.
 */
public final class SqlWebhookDeliveries implements WebhookDeliveries {

    private final Database db;
    private final Clock clock;
    private final ExpiringRows old;

    public SqlWebhookDeliveries(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.old = new ExpiringRows(db, clock, "webhook_deliveries", "received_at", "webhook deliveries");
    }

    @Override
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
        return old.deleteBefore(cutoff);
    }

    /** Forgets deliveries older than {@code keep} (longer than the sender retries) every hour. */
    public ScheduledFuture<?> forgetOldHourly(ScheduledExecutorService scheduler, Duration keep) {
        return old.deleteOlderThan(keep, scheduler, Duration.ofHours(1), Duration.ofHours(1));
    }
}
