package dev.memebattle.store;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.chat.PostedMeme;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.template.TemplateCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Posted memes (for rerolls) on a real database: they survive a restart and count rerolls exactly. */
class SqlPostedMemesTest {

    static TemplateCatalog catalog;

    @TempDir
    Path temp;

    @BeforeAll
    static void loadCatalog() throws Exception {
        catalog = TemplateCatalog.load(Path.of("templates"));
    }

    MemeRequest aiRequest() {
        return new MemeRequest(catalog.byKey("doge").orElseThrow(), new MemeText.Ai("wow such prefix"), -1234567890123L,
                ImageFormat.JPEG, FilterLevel.STRICT);
    }

    MemeRequest ownRequest() {
        return new MemeRequest(catalog.byKey("drake").orElseThrow(), new MemeText.Own(List.of("no | really", "", "ünïcödé 🔥")),
                7L, ImageFormat.PNG, FilterLevel.OFF);
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void aPostedMemeIsRebuiltExactlyAfterARestart(TestDatabase.Kind kind) {
        try (TestDatabase target = TestDatabase.create(kind, temp)) {
            try (Database db = target.open()) {
                SqlPostedMemes posted = new SqlPostedMemes(db, catalog, Clock.systemUTC());
                posted.remember(new PostedMeme("test:c", "m1", "alice", aiRequest(), 0));
                posted.remember(new PostedMeme("test:c", "m2", "bob", ownRequest(), 2));
            }
            try (Database db = target.open()) {
                SqlPostedMemes posted = new SqlPostedMemes(db, catalog, Clock.systemUTC());
                assertThat(posted.find("test:c", "m1")).contains(new PostedMeme("test:c", "m1", "alice", aiRequest(), 0));
                assertThat(posted.find("test:c", "m2")).contains(new PostedMeme("test:c", "m2", "bob", ownRequest(), 2));
                assertThat(posted.find("test:other", "m1")).isEmpty();
                assertThat(posted.update("test:c", "nope", p -> p.rerolled(aiRequest()))).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void concurrentRerollsAreEachCountedOnce(TestDatabase.Kind kind) throws Exception {
        int rerolls = 24;
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            SqlPostedMemes posted = new SqlPostedMemes(db, catalog, Clock.systemUTC());
            posted.remember(new PostedMeme("test:c", "m1", "alice", aiRequest(), 0));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            CompletableFuture<?>[] all = IntStream.range(0, rerolls).mapToObj(i -> CompletableFuture.runAsync(() ->
                    posted.update("test:c", "m1", p -> p.rerolled(p.request().withSeed(p.request().seed() + 1))), pool))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(all).get(120, TimeUnit.SECONDS);
            pool.shutdown();
            PostedMeme end = posted.find("test:c", "m1").orElseThrow();
            assertThat(end.rerolls()).isEqualTo(rerolls);
            assertThat(end.request().seed()).isEqualTo(aiRequest().seed() + rerolls);
        }
    }

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void oldMemesCanBeForgotten(TestDatabase.Kind kind) {
        try (TestDatabase target = TestDatabase.create(kind, temp); Database db = target.open()) {
            SqlPostedMemes posted = new SqlPostedMemes(db, catalog, Clock.systemUTC());
            posted.remember(new PostedMeme("test:c", "m1", "alice", aiRequest(), 0));
            assertThat(posted.forgetPostedBefore(Instant.now().minusSeconds(3600))).isZero();
            assertThat(posted.forgetPostedBefore(Instant.now().plusSeconds(1))).isEqualTo(1);
            assertThat(posted.find("test:c", "m1")).isEmpty();
        }
    }
}
