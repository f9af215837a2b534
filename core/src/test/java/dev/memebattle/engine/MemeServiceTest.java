package dev.memebattle.engine;

import dev.memebattle.TestData;
import dev.memebattle.caption.CaptionWriter;
import dev.memebattle.caption.ExampleCaptionWriter;
import dev.memebattle.caption.FilterLevel;
import dev.memebattle.config.EngineConfig;
import dev.memebattle.render.FontBook;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.render.MemeRenderer;
import dev.memebattle.render.RenderLimits;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class MemeServiceTest {

    static TemplateCatalog catalog;
    static MemeRenderer renderer;
    static MemeTemplate doge;

    @BeforeAll
    static void load() throws Exception {
        catalog = TemplateCatalog.load(Path.of("templates"));
        renderer = new MemeRenderer(t -> TestData.templateImages().resolve(t.key()).resolve(t.imageFile()),
                FontBook.system(), RenderLimits.defaults());
        doge = catalog.byKey("doge").orElseThrow();
    }

    static EngineConfig engine(int workers, int queue, int cacheMb, int timeoutSeconds) {
        return new EngineConfig(workers, queue, cacheMb, timeoutSeconds);
    }

    @Test
    void ownTextIsRenderedIntoADecodableImage() throws Exception {
        try (MemeService service = new MemeService(renderer, new ExampleCaptionWriter(), engine(2, 8, 16, 20))) {
            MemeResult result = service.generate(MemeRequest.of(doge, MemeText.parse("such test | very bar"), 1));
            assertThat(result).isInstanceOf(MemeResult.Done.class);
            Meme meme = ((MemeResult.Done) result).meme();
            assertThat(meme.texts()).containsExactly("such test", "very bar", "", "", ""); // doge has 5 boxes
            assertThat(meme.aiWritten()).isFalse();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(meme.image().bytes()));
            assertThat(image.getWidth()).isEqualTo(meme.image().width());
            assertThat(image.getHeight()).isEqualTo(meme.image().height());
        }
    }

    @Test
    void generationWaitsWhilePlatformEventsArriveLate() throws Exception {
        try (MemeService service = new MemeService(renderer, new ExampleCaptionWriter(), engine(1, 8, 0, 20))) {
            service.generate(MemeRequest.of(doge, MemeText.parse("warm | up"), 1)); // a first render is slow
            service.incoming().arrived(java.time.Instant.now());
            java.util.concurrent.atomic.AtomicLong lastLateReport = new java.util.concurrent.atomic.AtomicLong();
            Thread lateEvents = new Thread(() -> { // an event thread that is behind for 400 ms
                long until = System.nanoTime() + 400_000_000L;
                while (System.nanoTime() < until) {
                    service.incoming().arrived(java.time.Instant.now().minusSeconds(2));
                    lastLateReport.set(System.nanoTime());
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            lateEvents.start();
            while (!service.incoming().behind()) {
                Thread.onSpinWait();
            }
            java.util.concurrent.atomic.AtomicLong renderedAt = new java.util.concurrent.atomic.AtomicLong();
            MemeResult result = service.submit(MemeRequest.of(doge, MemeText.parse("after | the acks"), 1))
                    .whenComplete((r, e) -> renderedAt.set(System.nanoTime())).join();
            lateEvents.join();
            assertThat(result).isInstanceOf(MemeResult.Done.class);
            assertThat(renderedAt.get()).as("rendered only once events were on time again")
                    .isGreaterThan(lastLateReport.get());
        }
    }

    @Test
    void aPrefixStartsTheWrittenCaption() {
        try (MemeService service = new MemeService(renderer, new ExampleCaptionWriter(), engine(1, 8, 16, 20))) {
            Meme meme = ((MemeResult.Done) service.generate(MemeRequest.of(doge, MemeText.parse("wow"), 7))).meme();
            assertThat(meme.caption()).startsWith("wow");
            assertThat(meme.aiWritten()).isTrue();
            assertThat(meme.texts()).hasSize(doge.boxes().size());
        }
    }

    @Test
    void repeatedRequestsHitTheCacheAndCountersSayso() {
        try (MemeService service = new MemeService(renderer, new ExampleCaptionWriter(), engine(1, 8, 16, 20))) {
            MemeRequest request = MemeRequest.of(doge, MemeText.parse("a | b"), 1);
            MemeResult.Done first = (MemeResult.Done) service.generate(request);
            MemeResult.Done second = (MemeResult.Done) service.generate(request.withSeed(99)); // own text: seed is irrelevant
            assertThat(first.cacheHit()).isFalse();
            assertThat(second.cacheHit()).isTrue();
            assertThat(second.meme().image().bytes()).isEqualTo(first.meme().image().bytes());
            assertThat(service.stats().cacheHits()).isEqualTo(1);
            assertThat(service.stats().cacheMisses()).isEqualTo(1);
        }
    }

    @Test
    void aZeroSizedCacheIsOff() {
        try (MemeService service = new MemeService(renderer, new ExampleCaptionWriter(), engine(1, 8, 0, 20))) {
            MemeRequest request = MemeRequest.of(doge, MemeText.parse("a | b"), 1);
            service.generate(request);
            assertThat(((MemeResult.Done) service.generate(request)).cacheHit()).isFalse();
            assertThat(service.stats().cachedEntries()).isZero();
        }
    }

    @Test
    void aiRequestsWithDifferentSeedsAreDifferentCacheEntries() {
        try (MemeService service = new MemeService(renderer, new ExampleCaptionWriter(), engine(1, 8, 16, 20))) {
            service.generate(MemeRequest.of(doge, MemeText.parse("wow"), 1));
            MemeResult.Done other = (MemeResult.Done) service.generate(MemeRequest.of(doge, MemeText.parse("wow"), 2));
            assertThat(other.cacheHit()).isFalse();
        }
    }

    @Test
    void identicalRequestsInFlightAreComputedOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CaptionWriter slow = (template, prefix, seed, filter) -> {
            calls.incrementAndGet();
            await(release);
            return new ExampleCaptionWriter().write(template, prefix, seed, filter);
        };
        try (MemeService service = new MemeService(renderer, slow, engine(2, 8, 16, 20))) {
            MemeRequest request = MemeRequest.of(doge, MemeText.parse("same"), 5);
            List<CompletableFuture<MemeResult>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(service.submit(request));
            }
            release.countDown();
            for (CompletableFuture<MemeResult> f : futures) {
                assertThat(f.get(20, TimeUnit.SECONDS)).isInstanceOf(MemeResult.Done.class);
            }
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void aFullQueueAnswersBusyAtOnceAndLosesNothingItAccepted() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CaptionWriter blocked = (template, prefix, seed, filter) -> {
            await(release);
            return List.of("x", "y");
        };
        try (MemeService service = new MemeService(renderer, blocked, engine(1, 2, 16, 30))) {
            List<CompletableFuture<MemeResult>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(service.submit(MemeRequest.of(doge, MemeText.parse("p"), i)));
            }
            // 1 running + 2 queued are accepted; the other 3 are told to come back later, immediately
            List<MemeResult> busy = futures.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).toList();
            assertThat(busy).hasSize(3).allSatisfy(r -> {
                assertThat(r).isInstanceOf(MemeResult.Busy.class);
                assertThat(((MemeResult.Busy) r).retryAfterSeconds()).isBetween(1, 60);
                assertThat(((MemeResult.Busy) r).message()).contains("try again in");
            });
            release.countDown();
            long done = 0;
            for (CompletableFuture<MemeResult> f : futures) {
                if (f.get(30, TimeUnit.SECONDS) instanceof MemeResult.Done) {
                    done++;
                }
            }
            assertThat(done).isEqualTo(3);
            assertThat(service.stats().rejectedBusy()).isEqualTo(3);
        }
    }

    @Test
    void idleAndBusySayWhetherBackgroundWorkAndExtrasWouldDelayAnyone() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        CaptionWriter blocked = (template, prefix, seed, filter) -> {
            started.countDown();
            await(release);
            return List.of("x", "y");
        };
        try (MemeService service = new MemeService(renderer, blocked, engine(1, 4, 16, 30))) {
            assertThat(service.idle()).isTrue();
            assertThat(service.busy()).isFalse();
            CompletableFuture<MemeResult> running = service.submit(MemeRequest.of(doge, MemeText.parse("p"), 1));
            await(started);
            assertThat(service.idle()).as("the only worker is taken").isFalse();
            assertThat(service.busy()).as("nothing waits yet").isFalse();
            CompletableFuture<MemeResult> waiting = service.submit(MemeRequest.of(doge, MemeText.parse("p"), 2));
            assertThat(service.busy()).as("as many wait as there are workers").isTrue();
            release.countDown();
            assertThat(running.get(30, TimeUnit.SECONDS)).isInstanceOf(MemeResult.Done.class);
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isInstanceOf(MemeResult.Done.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!service.idle() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(service.idle()).isTrue();
            assertThat(service.busy()).isFalse();
        }
    }

    @Test
    void aRequestThatTakesTooLongGetsATimeoutMessage() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CaptionWriter stuck = (template, prefix, seed, filter) -> {
            await(release);
            return List.of("x", "y");
        };
        try (MemeService service = new MemeService(renderer, stuck, engine(1, 2, 16, 1))) {
            MemeResult result = service.submit(MemeRequest.of(doge, MemeText.parse("p"), 1)).get(10, TimeUnit.SECONDS);
            assertThat(result).isInstanceOf(MemeResult.Failed.class);
            assertThat(((MemeResult.Failed) result).message()).contains("too long");
            assertThat(service.stats().timedOut()).isEqualTo(1);
            release.countDown();
        }
    }

    @Test
    void aMissingImageIsAShortFailureNotAnException() {
        MemeRenderer broken = new MemeRenderer(t -> Path.of("/nonexistent/" + t.key() + ".jpg"),
                FontBook.system(), RenderLimits.defaults());
        try (MemeService service = new MemeService(broken, new ExampleCaptionWriter(), engine(1, 2, 16, 10))) {
            MemeResult result = service.generate(MemeRequest.of(doge, MemeText.parse("a|b"), 1));
            assertThat(result).isInstanceOf(MemeResult.Failed.class);
            assertThat(((MemeResult.Failed) result).message()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aCaptionWriterCrashIsAShortFailure() {
        CaptionWriter crashing = (template, prefix, seed, filter) -> {
            throw new IllegalStateException("boom");
        };
        try (MemeService service = new MemeService(renderer, crashing, engine(1, 2, 16, 10))) {
            MemeResult result = service.generate(MemeRequest.of(doge, MemeText.parse("x"), 1));
            assertThat(result).isInstanceOf(MemeResult.Failed.class);
            assertThat(((MemeResult.Failed) result).message()).doesNotContain("boom");
        }
    }

    @Test
    void extraTextsGoIntoTheLastBoxAndMissingOnesAreEmpty() {
        assertThat(MemeService.fitToBoxes(List.of("a", "b", "c", "d"), 2)).containsExactly("a", "b c d");
        assertThat(MemeService.fitToBoxes(List.of("a"), 3)).containsExactly("a", "", "");
    }

    @Test
    void formatIsPartOfTheCacheKey() {
        try (MemeService service = new MemeService(renderer, new ExampleCaptionWriter(), engine(1, 8, 16, 20))) {
            MemeRequest jpeg = MemeRequest.of(doge, MemeText.parse("a|b"), 1);
            service.generate(jpeg);
            MemeRequest png = new MemeRequest(doge, jpeg.text(), 1, ImageFormat.PNG, FilterLevel.STANDARD);
            MemeResult.Done result = (MemeResult.Done) service.generate(png);
            assertThat(result.cacheHit()).isFalse();
            assertThat(result.meme().image().format()).isEqualTo(ImageFormat.PNG);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
