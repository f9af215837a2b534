package dev.memebattle.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The periodic clean-up the stores share, on a real SQLite file. */
class ExpiringRowsTest {

    @Test
    void theScheduledCleanUpDeletesOnlyRowsOlderThanKept(@TempDir Path dir) throws Exception {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (Database db = Database.open("jdbc:sqlite:" + dir.resolve("memebattle.db"))) {
            SqlMemeCooldowns cooldowns = new SqlMemeCooldowns(db, clock);
            cooldowns.claim("test:chat", "old", now.minus(Duration.ofHours(25)), Duration.ofSeconds(30));
            cooldowns.claim("test:chat", "recent", now.minus(Duration.ofHours(23)), Duration.ofSeconds(30));
            assertThat(users(db)).containsExactly("old", "recent");

            new ExpiringRows(db, clock, "meme_cooldowns", "claimed_at", "meme cooldowns")
                    .deleteOlderThan(Duration.ofDays(1), scheduler, Duration.ZERO, Duration.ofHours(1));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (users(db).size() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10); // waiting for the scheduler's first run, bounded: not a timing assertion
            }
            assertThat(users(db)).containsExactly("recent");
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static List<String> users(Database db) {
        return db.read(c -> {
            List<String> users = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT user_id FROM meme_cooldowns ORDER BY user_id")) {
                while (r.next()) {
                    users.add(r.getString(1));
                }
            }
            return users;
        });
    }
}
