package dev.memebattle.store;

import dev.memebattle.chat.ChatSettings;
import dev.memebattle.picture.PictureLayout;
import dev.memebattle.picture.SavedTemplate;
import dev.memebattle.picture.SavedTemplateStore.Change;
import dev.memebattle.picture.SavedTemplateStore.Done;
import dev.memebattle.picture.SavedTemplateStore.NameTaken;
import dev.memebattle.picture.SavedTemplateStore.NotFound;
import dev.memebattle.picture.SavedTemplateStore.Quota;
import dev.memebattle.picture.SavedTemplateStore.QuotaFull;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Chats' own templates on a real SQLite file (and PostgreSQL when available). */
class SqlSavedTemplatesTest {

    private static final Quota ROOMY = new Quota(100, 10_000_000);

    @TempDir
    Path temp;

    /** A template as a chat would save it, with a picture of {@code size} random bytes. */
    record Upload(SavedTemplate template, byte[] picture) {

        private static final AtomicInteger NUMBERS = new AtomicInteger();

        /** Numbered, so that keys are unique and the layout, flag, user and time vary. */
        static Upload of(String chatKey, String name, int size) {
            int n = NUMBERS.incrementAndGet();
            byte[] picture = new byte[size];
            new Random(n).nextBytes(picture);
            SavedTemplate template = new SavedTemplate("saved-" + n + "-" + name, chatKey, name,
                    n % 2 == 0 ? PictureLayout.BAND : PictureLayout.CLASSIC, sha256(picture), n % 3 == 0, size,
                    "user" + n, Instant.ofEpochMilli(1_700_000_000_000L + n));
            return new Upload(template, picture);
        }

        String key() {
            return template.key();
        }
    }

    static SqlSavedTemplates store(Database db) {
        return new SqlSavedTemplates(db, Duration.ofHours(1));
    }

    static Change add(SqlSavedTemplates store, Upload upload, Quota quota) {
        return store.add(upload.template(), upload.picture(), quota);
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void aSavedTemplateAndItsPictureComeBackExactly(TestDatabase.Kind kind) {
        Upload cat = Upload.of("test:c", "cat", 70_000);
        Upload bird = Upload.of("test:c", "bird", 3);
        try (TestDatabase target = TestDatabase.create(kind, temp)) {
            try (Database db = target.open()) {
                SqlSavedTemplates saved = store(db);
                assertThat(saved.list("test:c")).isEmpty();
                assertThat(add(saved, cat, ROOMY)).isEqualTo(new Done(cat.template()));
                assertThat(add(saved, bird, ROOMY)).isEqualTo(new Done(bird.template()));
                assertThat(saved.list("test:c")).containsExactly(bird.template(), cat.template()); // by name
            }
            try (Database db = target.open()) { // after a restart
                SqlSavedTemplates saved = store(db);
                assertThat(saved.list("test:c")).containsExactly(bird.template(), cat.template());
                assertThat(saved.byKey(cat.key())).contains(cat.template());
                assertThat(saved.picture(cat.key())).hasValueSatisfying(p -> assertThat(p).isEqualTo(cat.picture()));
                assertThat(saved.picture(bird.key())).hasValueSatisfying(p -> assertThat(p).isEqualTo(bird.picture()));
                assertThat(saved.byKey("saved-none")).isEmpty();
                assertThat(saved.picture("saved-none")).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void aTakenNameIsRefusedAndNothingIsStored(TestDatabase.Kind kind) {
        Upload first = Upload.of("test:c", "cat", 10);
        Upload second = Upload.of("test:c", "cat", 20);
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            SqlSavedTemplates saved = store(db);
            add(saved, first, ROOMY);
            assertThat(add(saved, second, ROOMY)).isEqualTo(new NameTaken("cat"));
            assertThat(saved.list("test:c")).containsExactly(first.template());
            assertThat(saved.byKey(second.key())).isEmpty();
            assertThat(saved.picture(second.key())).isEmpty();
            // names are compared exactly as given: callers normalise them
            Upload capital = Upload.of("test:c", "Cat", 10);
            assertThat(add(saved, capital, ROOMY)).isEqualTo(new Done(capital.template()));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void theQuotaCountsTemplates(TestDatabase.Kind kind) {
        Quota two = new Quota(2, 1_000);
        Upload a = Upload.of("test:c", "a", 10);
        Upload b = Upload.of("test:c", "b", 20);
        Upload c = Upload.of("test:c", "c", 1);
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            SqlSavedTemplates saved = store(db);
            assertThat(add(saved, a, two)).isInstanceOf(Done.class);
            assertThat(add(saved, b, two)).isInstanceOf(Done.class);
            assertThat(add(saved, c, two)).isEqualTo(new QuotaFull(2, 30));
            assertThat(saved.list("test:c")).extracting(SavedTemplate::name).containsExactly("a", "b");
            assertThat(saved.byKey(c.key())).isEmpty();
            assertThat(saved.picture(c.key())).isEmpty();
            // a removal makes room again
            saved.remove("test:c", "a");
            assertThat(add(saved, c, two)).isEqualTo(new Done(c.template()));
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void theQuotaCountsBytes(TestDatabase.Kind kind) {
        Quota hundredBytes = new Quota(10, 100);
        Upload big = Upload.of("test:c", "big", 60);
        Upload tooBig = Upload.of("test:c", "toobig", 41);
        Upload fits = Upload.of("test:c", "fits", 40);
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            SqlSavedTemplates saved = store(db);
            assertThat(add(saved, big, hundredBytes)).isInstanceOf(Done.class);
            assertThat(add(saved, tooBig, hundredBytes)).isEqualTo(new QuotaFull(1, 60));
            assertThat(saved.byKey(tooBig.key())).isEmpty();
            assertThat(saved.picture(tooBig.key())).isEmpty();
            assertThat(add(saved, fits, hundredBytes)).isEqualTo(new Done(fits.template())); // exactly 100
            assertThat(add(saved, Upload.of("test:c", "one", 1), hundredBytes)).isEqualTo(new QuotaFull(2, 100));
            assertThat(saved.list("test:c")).extracting(SavedTemplate::name).containsExactly("big", "fits");
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void aRenameKeepsTheKeyAndThePicture(TestDatabase.Kind kind) {
        Upload cat = Upload.of("test:c", "cat", 50);
        Upload dog = Upload.of("test:c", "dog", 50);
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            SqlSavedTemplates saved = store(db);
            add(saved, cat, ROOMY);
            add(saved, dog, ROOMY);
            assertThat(saved.list("test:c")).hasSize(2); // cached now: the rename must invalidate it
            SavedTemplate kitty = cat.template().renamed("kitty");
            assertThat(saved.rename("test:c", "cat", "kitty")).isEqualTo(new Done(kitty));
            assertThat(saved.list("test:c")).containsExactly(dog.template(), kitty);
            assertThat(saved.byKey(cat.key())).contains(kitty);
            assertThat(saved.picture(cat.key())).hasValueSatisfying(p -> assertThat(p).isEqualTo(cat.picture()));

            assertThat(saved.rename("test:c", "kitty", "dog")).isEqualTo(new NameTaken("dog"));
            assertThat(saved.rename("test:c", "cat", "tiger")).isEqualTo(new NotFound("cat"));
            assertThat(saved.rename("test:c", "Kitty", "tiger")).isEqualTo(new NotFound("Kitty"));
            assertThat(saved.rename("test:other", "kitty", "tiger")).isEqualTo(new NotFound("kitty"));
            assertThat(saved.list("test:c")).containsExactly(dog.template(), kitty);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void aRemovalTakesThePictureWithIt(TestDatabase.Kind kind) throws SQLException {
        Upload cat = Upload.of("test:c", "cat", 500);
        Upload dog = Upload.of("test:c", "dog", 50);
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            SqlSavedTemplates saved = store(db);
            add(saved, cat, ROOMY);
            add(saved, dog, ROOMY);
            assertThat(saved.list("test:c")).hasSize(2);
            assertThat(saved.remove("test:c", "cat")).isEqualTo(new Done(cat.template()));
            assertThat(saved.list("test:c")).containsExactly(dog.template());
            assertThat(saved.byKey(cat.key())).isEmpty();
            assertThat(saved.picture(cat.key())).isEmpty();
            assertThat(saved.remove("test:c", "cat")).isEqualTo(new NotFound("cat"));
            assertThat(saved.picture(dog.key())).hasValueSatisfying(p -> assertThat(p).isEqualTo(dog.picture()));
            assertThat(committedRows(target, "test:c")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void chatsDoNotSeeEachOthersTemplates(TestDatabase.Kind kind) {
        Upload ours = Upload.of("test:ours", "cat", 80);
        Upload theirs = Upload.of("test:theirs", "cat", 80);
        Quota oneEach = new Quota(1, 100);
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            SqlSavedTemplates saved = store(db);
            assertThat(add(saved, ours, oneEach)).isInstanceOf(Done.class);
            // the same name, and a quota that counts per chat
            assertThat(add(saved, theirs, oneEach)).isInstanceOf(Done.class);
            assertThat(saved.list("test:ours")).containsExactly(ours.template());
            assertThat(saved.list("test:theirs")).containsExactly(theirs.template());
            assertThat(saved.list("test:nobody")).isEmpty();

            assertThat(saved.remove("test:theirs", "cat")).isEqualTo(new Done(theirs.template()));
            assertThat(saved.list("test:ours")).containsExactly(ours.template());
            assertThat(saved.picture(ours.key())).isPresent();
        }
    }

    /**
     * Another process (a second pool) sees a template as soon as its cache allows: at once with no
     * cache; a long cache keeps what it read until then, but this process's own changes show at once.
     */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void anotherProcessSeesTemplatesAfterItsCacheTime(TestDatabase.Kind kind) {
        Upload cat = Upload.of("test:c", "cat", 100);
        try (TestDatabase target = TestDatabase.create(kind, temp);
             Database one = target.open(); Database two = target.open()) {
            SqlSavedTemplates here = store(one);
            SqlSavedTemplates uncached = new SqlSavedTemplates(two, Duration.ZERO);
            SqlSavedTemplates cached = store(two);
            assertThat(here.list("test:c")).isEmpty();
            assertThat(uncached.list("test:c")).isEmpty();
            assertThat(cached.list("test:c")).isEmpty();

            add(here, cat, ROOMY);
            assertThat(here.list("test:c")).containsExactly(cat.template());
            assertThat(uncached.list("test:c")).containsExactly(cat.template());
            assertThat(uncached.byKey(cat.key())).contains(cat.template());
            assertThat(uncached.picture(cat.key())).hasValueSatisfying(p -> assertThat(p).isEqualTo(cat.picture()));
            assertThat(cached.list("test:c")).isEmpty(); // within its hour: the cache is really used

            here.remove("test:c", "cat");
            assertThat(uncached.list("test:c")).isEmpty();
            assertThat(cached.byKey(cat.key())).isEmpty(); // never cached: a removed template is gone everywhere
        }
    }

    /**
     * Threads of two pools (as two bot processes would) save different templates to one chat with
     * room for three: exactly three are saved, however the saves interleave.
     */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void concurrentSavesNeverPassTheQuota(TestDatabase.Kind kind) throws Exception {
        int threads = 6;
        int perThread = 4;
        Quota three = new Quota(3, 1_000_000);
        try (TestDatabase target = TestDatabase.create(kind, temp);
             Database one = target.open(); Database two = target.open()) {
            List<SqlSavedTemplates> stores = List.of(store(one), store(two));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<List<Change>>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SqlSavedTemplates saved = stores.get(t % 2);
                List<Upload> uploads = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    uploads.add(Upload.of("test:busy", "t" + t + "-" + i, 1000));
                }
                done.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return uploads.stream().map(u -> add(saved, u, three)).toList();
                }, pool));
            }
            go.countDown();
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            pool.shutdown();
            List<Change> changes = done.stream().flatMap(f -> f.join().stream()).toList();
            assertThat(changes).filteredOn(Done.class::isInstance).hasSize(3);
            assertThat(changes).filteredOn(QuotaFull.class::isInstance).hasSize(threads * perThread - 3)
                    .allSatisfy(c -> assertThat(c).isEqualTo(new QuotaFull(3, 3000)));
            assertThat(committedRows(target, "test:busy")).isEqualTo(3);
            assertThat(new SqlSavedTemplates(two, Duration.ZERO).list("test:busy")).hasSize(3);
        }
    }

    /** A database at V4 (before saved templates) migrates: its chats keep their settings and may not save yet. */
    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void aVersion4DatabaseMigrates(TestDatabase.Kind kind) throws SQLException {
        try (TestDatabase target = TestDatabase.create(kind, temp)) {
            Flyway.configure().dataSource(target.url(), null, null).locations("classpath:db/migration")
                    .target("4").load().migrate();
            try (Connection raw = target.rawConnection(); PreparedStatement s = raw.prepareStatement(
                    "INSERT INTO chat_settings (chat_key, allowed, denied, cooldown_seconds, filter, reroll, updated_at) "
                            + "VALUES ('test:old', '[]', '[\"doge\"]', 30, 'STRICT', 'ANYONE', 1)")) {
                s.executeUpdate();
            }
            try (Database db = target.open()) {
                try (Connection raw = target.rawConnection(); PreparedStatement s = raw.prepareStatement(
                        "SELECT template_savers FROM chat_settings WHERE chat_key = 'test:old'");
                     ResultSet r = s.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getString(1)).isEqualTo("ADMINS");
                }
                // the settings store, which does not know the new column yet, still reads and writes rows
                SqlChatSettingsStore settings = new SqlChatSettingsStore(db, Clock.systemUTC(), Duration.ZERO);
                assertThat(settings.get("test:old").denied()).containsExactly("doge");
                assertThat(settings.update("test:new", s -> s.withCooldown(5)).cooldownSeconds()).isEqualTo(5);
                assertThat(settings.get("test:new")).isEqualTo(ChatSettings.DEFAULTS.withCooldown(5));

                Upload cat = Upload.of("test:old", "cat", 10);
                assertThat(add(store(db), cat, ROOMY)).isEqualTo(new Done(cat.template()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void aTemplateMustStateItsPicturesSize(TestDatabase.Kind kind) {
        Upload cat = Upload.of("test:c", "cat", 10);
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            SqlSavedTemplates saved = store(db);
            assertThatThrownBy(() -> saved.add(cat.template(), new byte[11], ROOMY))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(saved.list("test:c")).isEmpty();
        }
    }

    /** Rows really committed, seen from a connection outside any pool. */
    private static int committedRows(TestDatabase target, String chatKey) throws SQLException {
        try (Connection raw = target.rawConnection();
             PreparedStatement s = raw.prepareStatement("SELECT COUNT(*) FROM saved_templates WHERE chat_key = ?")) {
            s.setString(1, chatKey);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
