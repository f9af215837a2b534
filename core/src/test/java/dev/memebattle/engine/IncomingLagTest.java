package dev.memebattle.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IncomingLagTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Instant origin = Instant.parse("2026-12-02T10:00:00Z");
    private final IncomingLag lag = new IncomingLag(() -> origin.plusNanos(nanos.get()), nanos::get);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private Instant now() {
        return origin.plusNanos(nanos.get());
    }

    @Test
    void eventsOnTimeAreNotBehind() {
        for (int i = 0; i < 50; i++) {
            lag.arrived(now().minusMillis(40));
            advance(Duration.ofMillis(10));
        }
        assertThat(lag.behind()).isFalse();
    }

    @Test
    void lateEventsAreBehindUntilTheyStopComingLate() {
        lag.arrived(now().minusMillis(20));
        lag.arrived(now().minusMillis(900));
        assertThat(lag.behind()).isTrue();
        advance(Duration.ofMillis(150));
        assertThat(lag.behind()).as("within the settle time").isTrue();
        advance(Duration.ofMillis(100));
        assertThat(lag.behind()).as("no late event for longer than the settle time").isFalse();
    }

    @Test
    void aSurgeIsBehindBeforeAnyEventIsLate() {
        for (int i = 0; i < IncomingLag.SURGE - 1; i++) {
            lag.arrived(now().minusMillis(40));
            advance(Duration.ofMillis(2));
        }
        assertThat(lag.behind()).as("one event short of a surge").isFalse();
        lag.arrived(now().minusMillis(40));
        assertThat(lag.behind()).as("a surge, every event on time").isTrue();
        advance(IncomingLag.SETTLE.plusMillis(10));
        assertThat(lag.behind()).as("the surge is over").isFalse();
    }

    @Test
    void aSteadyHundredASecondIsNoSurge() {
        for (int i = 0; i < 500; i++) {
            lag.arrived(now().minusMillis(40));
            advance(Duration.ofMillis(10));
            assertThat(lag.behind()).as("event %d", i).isFalse();
        }
    }

    @Test
    void aClockThatDiffersByAConstantIsNotLateness() {
        // the platform's clock is 5 s behind ours: every event looks 5 s old, none is later than the others
        for (int i = 0; i < 20; i++) {
            lag.arrived(now().minusMillis(5_000 + i % 3));
            advance(Duration.ofMillis(5));
        }
        assertThat(lag.behind()).isFalse();
        lag.arrived(now().minusMillis(5_600));
        assertThat(lag.behind()).as("later than the others by 600 ms").isTrue();
    }
}
