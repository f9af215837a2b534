package dev.memebattle.store;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.chat.ChatSettings;
import dev.memebattle.chat.RerollPolicy;
import dev.memebattle.chat.TemplateSaving;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Chat settings on a real SQLite file (and PostgreSQL when available). */
class SqlChatSettingsStoreTest {

    @TempDir
    Path temp;

    static SqlChatSettingsStore store(Database db) {
        return new SqlChatSettingsStore(db, Clock.systemUTC(), Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void settingsSurviveARestart(TestDatabase.Kind kind) {
        try (TestDatabase target = TestDatabase.create(kind, temp)) {
            ChatSettings written;
            try (Database db = target.open()) {
                SqlChatSettingsStore settings = store(db);
                assertThat(settings.get("test:chat")).isEqualTo(ChatSettings.DEFAULTS);
                settings.update("test:chat", s -> s.deny("doge").deny("drake"));
                settings.update("test:chat", s -> s.allow("drake").withCooldown(30));
                settings.update("test:chat", s -> s.withFilter(FilterLevel.STRICT).withReroll(RerollPolicy.ANYONE)
                        .withSaving(TemplateSaving.ANYONE));
                written = settings.update("test:other", s -> s.allowOnly(Set.of("fry", "cmm")));
                assertThat(written.allowed()).containsExactlyInAnyOrder("fry", "cmm");
            }
            try (Database db = target.open()) {
                SqlChatSettingsStore settings = store(db);
                assertThat(settings.get("test:chat")).isEqualTo(new ChatSettings(Set.of(), Set.of("doge"), 30,
                        FilterLevel.STRICT, RerollPolicy.ANYONE, TemplateSaving.ANYONE));
                assertThat(settings.get("test:other")).isEqualTo(written);
                assertThat(settings.get("test:never")).isEqualTo(ChatSettings.DEFAULTS);
            }
        }
    }

    /**
     * Threads of two separate pools (as two bot processes would) add different templates to one
     * chat's deny list at the same time: every single addition must be there at the end.
     */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void concurrentUpdatesLoseNothing(TestDatabase.Kind kind) throws Exception {
        int threads = 8;
        int perThread = 15;
        try (TestDatabase target = TestDatabase.create(kind, temp);
             Database one = target.open(); Database two = target.open()) {
            List<SqlChatSettingsStore> stores = List.of(store(one), store(two));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SqlChatSettingsStore settings = stores.get(t % 2);
                String prefix = "t" + t + "-";
                done.add(CompletableFuture.runAsync(() -> {
                    await(go);
                    for (int i = 0; i < perThread; i++) {
                        String key = prefix + i;
                        settings.update("test:busy", s -> s.deny(key).withCooldown(s.cooldownSeconds() + 1));
                    }
                }, pool));
            }
            long started = System.nanoTime();
            go.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            System.out.printf("[measure] %s: %d contended settings updates from 2 pools in %d ms%n", kind,
                    threads * perThread, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            pool.shutdown();
            ChatSettings end = store(one).get("test:busy");
            assertThat(end.denied()).hasSize(threads * perThread);
            // the counter was read-modify-written: any lost update would show as a smaller number
            assertThat(end.cooldownSeconds()).isEqualTo(threads * perThread);
            assertThat(store(two).get("test:busy")).isEqualTo(end);
        }
    }

    /** When update() returns, the change is committed: a connection outside the pool sees it at once. */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void anAcknowledgedUpdateIsCommitted(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            store(db).update("test:ack", s -> s.withCooldown(42));
            try (Connection raw = target.rawConnection();
                 PreparedStatement s = raw.prepareStatement("SELECT cooldown_seconds FROM chat_settings WHERE chat_key = ?")) {
                s.setString(1, "test:ack");
                try (ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getInt(1)).isEqualTo(42);
                }
            }
        }
    }

    /** The SQLite file is in WAL mode and every pooled connection enforces foreign keys and waits when busy. */
    @org.junit.jupiter.api.Test
    void sqliteRunsInWalModeWithForeignKeysAndABusyTimeout() throws Exception {
        try (TestDatabase target = TestDatabase.create(TestDatabase.Kind.SQLITE, temp); Database db = target.open()) {
            assertThat(pragma(db, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(db, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(db, "synchronous")).isEqualTo("2"); // FULL
            assertThat(pragma(db, "busy_timeout")).isEqualTo(String.valueOf(Database.SQLITE_BUSY_TIMEOUT_MS));
        }
    }

    private static String pragma(Database db, String name) {
        return db.read(c -> {
            try (var s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
                r.next();
                return r.getString(1);
            }
        });
    }

    /** Another process's change is seen once this process's short read cache expires. */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void anotherProcessSeesChangesAfterTheCacheTime(TestDatabase.Kind kind) {
        try (TestDatabase target = TestDatabase.create(kind, temp);
             Database one = target.open(); Database two = target.open()) {
            SqlChatSettingsStore uncached = new SqlChatSettingsStore(two, Clock.systemUTC(), Duration.ZERO);
            assertThat(uncached.get("test:x").cooldownSeconds()).isZero();
            store(one).update("test:x", s -> s.withCooldown(7));
            assertThat(uncached.get("test:x").cooldownSeconds()).isEqualTo(7);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
