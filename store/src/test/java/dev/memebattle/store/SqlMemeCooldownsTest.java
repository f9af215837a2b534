package dev.memebattle.store;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Meme cooldowns on a real SQLite file (and PostgreSQL when available). */
class SqlMemeCooldownsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration COOLDOWN = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void aCooldownOutlivesARestartAndEndsOnTime(TestDatabase.Kind kind) {
        try (TestDatabase target = TestDatabase.create(kind, temp)) {
            try (Database db = target.open()) {
                SqlMemeCooldowns cooldowns = new SqlMemeCooldowns(db, Clock.systemUTC());
                assertThat(cooldowns.claim("test:chat", "u1", T0, COOLDOWN)).isEmpty();
                assertThat(cooldowns.claim("test:chat", "u1", T0.plusSeconds(10), COOLDOWN))
                        .contains(T0.plus(COOLDOWN));
                // other users and other chats are not held up
                assertThat(cooldowns.claim("test:chat", "u2", T0.plusSeconds(10), COOLDOWN)).isEmpty();
                assertThat(cooldowns.claim("test:other", "u1", T0.plusSeconds(10), COOLDOWN)).isEmpty();
            }
            try (Database db = target.open()) {
                SqlMemeCooldowns cooldowns = new SqlMemeCooldowns(db, Clock.systemUTC());
                assertThat(cooldowns.claim("test:chat", "u1", T0.plusSeconds(29), COOLDOWN))
                        .contains(T0.plus(COOLDOWN));
                // an admin shortening the cooldown frees the user at once: the claim time is what is kept
                assertThat(cooldowns.claim("test:chat", "u1", T0.plusSeconds(29), Duration.ofSeconds(20))).isEmpty();
                assertThat(cooldowns.claim("test:chat", "u1", T0.plusSeconds(30), COOLDOWN))
                        .contains(T0.plusSeconds(29).plus(COOLDOWN));
                assertThat(cooldowns.claim("test:chat", "u1", T0.plusSeconds(59), COOLDOWN)).isEmpty();

                assertThat(cooldowns.forgetClaimedBefore(T0.plusSeconds(59))).isEqualTo(2);
                assertThat(cooldowns.claim("test:chat", "u1", T0.plusSeconds(60), COOLDOWN))
                        .contains(T0.plusSeconds(59).plus(COOLDOWN));
            }
        }
    }

    /** Many requests of one user at once, through two pools as two bot processes would: exactly one wins. */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void racingClaimsLetExactlyOneThrough(TestDatabase.Kind kind) throws Exception {
        int threads = 8;
        try (TestDatabase target = TestDatabase.create(kind, temp);
             Database one = target.open(); Database two = target.open()) {
            List<SqlMemeCooldowns> processes = List.of(new SqlMemeCooldowns(one, Clock.systemUTC()),
                    new SqlMemeCooldowns(two, Clock.systemUTC()));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Optional<Instant>>> claims = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SqlMemeCooldowns cooldowns = processes.get(t % 2);
                Instant at = T0.plusMillis(t);
                claims.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return cooldowns.claim("test:chat", "u1", at, COOLDOWN);
                }, pool));
            }
            go.countDown();
            CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(claims.stream().filter(c -> c.join().isEmpty()).count()).isEqualTo(1);
        }
    }
}
