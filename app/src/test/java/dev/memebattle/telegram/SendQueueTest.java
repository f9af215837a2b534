package dev.memebattle.telegram;

import dev.memebattle.config.TelegramConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pacing rules, checked on the moments the queue starts each send (recorded by the send
 * itself), with limits scaled down so the test is quick. Lower bounds only: the queue must never
 * start a send early; how soon it starts one is a matter for the benchmark.
 */
class SendQueueTest {

    static final long MS = 1_000_000L;
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** Records when each send starts, per chat and overall. */
    static final class Recorder {
        final List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        final List<String> order = Collections.synchronizedList(new ArrayList<>());

        <T> CompletableFuture<T> record(String label, T value) {
            starts.add(System.nanoTime());
            order.add(label);
            return CompletableFuture.completedFuture(value);
        }
    }

    static void join(List<? extends CompletableFuture<?>> all) {
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
    }

    @Test
    void oneGroupGetsOneSendPerIntervalAndAtMostTheLimitPerWindow() {
        SendQueue queue = new SendQueue(new TelegramConfig.Flood(40, 5, 500, 1000), timer);
        Recorder r = new Recorder();
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            all.add(queue.submit("-100", true, "test", () -> r.record("g" + n, n)));
        }
        join(all);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).join()).isEqualTo(i);
        }
        List<Long> s = List.copyOf(r.starts);
        assertThat(s).hasSize(12);
        assertThat(r.order).containsExactly("g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8", "g9", "g10", "g11");
        for (int i = 1; i < s.size(); i++) {
            assertThat(s.get(i) - s.get(i - 1)).isGreaterThanOrEqualTo(40 * MS);
        }
        for (int i = 5; i < s.size(); i++) { // the 6th send after any send is a full window later
            assertThat(s.get(i) - s.get(i - 5)).isGreaterThanOrEqualTo(500 * MS);
        }
    }

    @Test
    void pastHalfItsWindowABusyGroupsSendsAreSpreadOverTheRestOfIt() {
        // 8 per 800 ms: 4 at once, then one per 100 ms instead of the other 4 at once and then nothing
        SendQueue queue = new SendQueue(new TelegramConfig.Flood(0, 8, 800, 1000), timer);
        Recorder r = new Recorder();
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            all.add(queue.submit("-100", true, "test", () -> r.record("g" + n, n)));
        }
        join(all);
        List<Long> s = List.copyOf(r.starts);
        assertThat(s).hasSize(10);
        for (int i = 4; i < s.size(); i++) {
            assertThat(s.get(i) - s.get(i - 1)).as("send %d", i).isGreaterThanOrEqualTo(100 * MS);
        }
        for (int i = 8; i < s.size(); i++) {
            assertThat(s.get(i) - s.get(i - 8)).isGreaterThanOrEqualTo(800 * MS);
        }
    }

    @Test
    void privateChatsHaveNoWindowButShareTheOverallLimit() {
        SendQueue queue = new SendQueue(new TelegramConfig.Flood(0, 2, 10_000, 8), timer);
        Recorder r = new Recorder();
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String chat = Integer.toString(i % 4 + 1);
            all.add(queue.submit(chat, false, "test", () -> r.record(chat, chat)));
        }
        join(all);
        List<Long> s = new ArrayList<>(r.starts);
        Collections.sort(s);
        for (int i = 8; i < s.size(); i++) { // never more than 8 in any second
            assertThat(s.get(i) - s.get(i - 8)).isGreaterThanOrEqualTo(1000 * MS);
        }
        // five sends into one private chat despite a group limit of 2 per 10 s: it does not apply
        assertThat(r.order.stream().filter("1"::equals)).hasSize(5);
    }

    @Test
    void aBusyGroupDoesNotHoldUpOtherChats() {
        SendQueue queue = new SendQueue(new TelegramConfig.Flood(60, 100, 1000, 1000), timer);
        Recorder r = new Recorder();
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(queue.submit("-1", true, "test", () -> r.record("group", "g")));
        }
        all.add(queue.submit("2", false, "test", () -> r.record("private", "p")));
        join(all);
        assertThat(r.order.indexOf("private")).isLessThan(3);
    }

    static TelegramApiRequestException tooManyRequests(int retryAfter) {
        try {
            new GetMe().deserializeResponse("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after "
                    + retryAfter + "\",\"parameters\":{\"retry_after\":" + retryAfter + "}}");
        } catch (TelegramApiRequestException e) {
            return e;
        }
        throw new AssertionError("expected an error");
    }

    @Test
    void aFloodWaitIsWaitedOutAndTheSameSendRetriedWhileOtherChatsGoOn() {
        SendQueue queue = new SendQueue(new TelegramConfig.Flood(0, 100, 1000, 1000), timer);
        Recorder r = new Recorder();
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<String> limited = queue.submit("-1", true, "test", () -> {
            r.record("limited", "x");
            return attempts.incrementAndGet() == 1 ? CompletableFuture.failedFuture(tooManyRequests(1))
                    : CompletableFuture.completedFuture("delivered");
        });
        CompletableFuture<String> after = queue.submit("-1", true, "test", () -> r.record("after", "second"));
        // another chat, submitted once the flood wait has started
        CompletableFuture<String> elsewhere = CompletableFuture.supplyAsync(() -> null,
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
                .thenCompose(x -> queue.submit("-2", true, "test", () -> r.record("elsewhere", "other")));
        join(List.of(limited, after, elsewhere));
        assertThat(limited.join()).isEqualTo("delivered");
        assertThat(attempts.get()).isEqualTo(2);
        assertThat(r.order).containsExactly("limited", "elsewhere", "limited", "after");
        assertThat(r.starts.get(2) - r.starts.get(0)).isGreaterThanOrEqualTo(1000 * MS);
        assertThat(queue.floodWaits()).isEqualTo(1);
    }

    @Test
    void networkFailuresAreRetriedAndOtherErrorsFailOnlyTheirSend() {
        SendQueue queue = new SendQueue(new TelegramConfig.Flood(0, 100, 1000, 1000), timer);
        AtomicInteger attempts = new AtomicInteger();
        CompletableFuture<String> flaky = queue.submit("1", false, "test", () ->
                attempts.incrementAndGet() < 3 ? CompletableFuture.failedFuture(new IOException("connection reset"))
                        : CompletableFuture.completedFuture("ok"));
        CompletableFuture<String> bad = queue.submit("1", false, "test", () ->
                CompletableFuture.failedFuture(new IllegalStateException("Bad Request: message to edit not found")));
        CompletableFuture<String> next = queue.submit("1", false, "test", () -> CompletableFuture.completedFuture("next"));
        CompletableFuture<String> throwing = queue.submit("1", false, "test", () -> {
            throw new IllegalArgumentException("request could not be built");
        });
        assertThat(flaky.orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo("ok");
        assertThat(attempts.get()).isEqualTo(3);
        assertThatThrownBy(() -> bad.orTimeout(30, TimeUnit.SECONDS).join()).hasMessageContaining("not found");
        assertThat(next.orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo("next");
        assertThatThrownBy(() -> throwing.orTimeout(30, TimeUnit.SECONDS).join()).hasMessageContaining("could not be built");
    }

    @Test
    void aSendNoLongerWantedWhenItsTurnComesIsDroppedWithoutUsingASlot() {
        SendQueue queue = new SendQueue(new TelegramConfig.Flood(200, 100, 1000, 1000), timer);
        Recorder r = new Recorder();
        java.util.concurrent.atomic.AtomicBoolean wanted = new java.util.concurrent.atomic.AtomicBoolean(true);
        CompletableFuture<String> first = queue.submit("1", false, "test", () -> {
            wanted.set(false); // e.g. the user typed on while the first upload went out
            return r.record("first", "a");
        });
        CompletableFuture<String> stale = queue.submit("1", false, "test", wanted::get, () -> r.record("stale", "b"));
        CompletableFuture<String> last = queue.submit("1", false, "test", () -> r.record("last", "c"));
        join(List.of(first, last));
        assertThat(stale).isCompletedExceptionally();
        assertThatThrownBy(stale::join).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(r.order).containsExactly("first", "last");
        assertThat(queue.sent()).isEqualTo(2);
        assertThat(r.starts.get(1) - r.starts.get(0)).isGreaterThanOrEqualTo(200 * MS);
    }

    @Test
    void aChatFloodingTheBotHasItsBacklogBoundedWhileOtherChatsAreServed() throws Exception {
        SendQueue queue = new SendQueue(new TelegramConfig.Flood(10_000, 100, 1000, 1000), timer);
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<String> never = new CompletableFuture<>();
        queue.submit("-1", true, "test", () -> {
            started.countDown();
            return never;
        });
        assertThat(started.await(30, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<String>> waiting = new ArrayList<>();
        for (int i = 0; i < SendQueue.MAX_WAITING_PER_CHAT; i++) {
            waiting.add(queue.submit("-1", true, "test", () -> CompletableFuture.completedFuture("x")));
        }
        assertThat(waiting).noneMatch(CompletableFuture::isDone);
        assertThat(queue.submit("-1", true, "test", () -> CompletableFuture.completedFuture("x")))
                .isCompletedExceptionally();
        assertThat(queue.submit("2", false, "test", () -> CompletableFuture.completedFuture("other"))
                .orTimeout(30, TimeUnit.SECONDS).join()).isEqualTo("other");
    }

    @Test
    void closingLetsQueuedSendsFinishThenRefusesNewOnes() {
        SendQueue queue = new SendQueue(new TelegramConfig.Flood(50, 100, 1000, 1000), timer);
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int n = i;
            all.add(queue.submit("1", false, "test", () -> CompletableFuture.completedFuture(n)));
        }
        queue.close(Duration.ofSeconds(10));
        assertThat(all).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(queue.submit("1", false, "test", () -> CompletableFuture.completedFuture(9))).isCompletedExceptionally();
    }
}
