package dev.memebattle.store;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook deliveries on a real SQLite file (and PostgreSQL when available), seen from two processes. */
class SqlWebhookDeliveriesTest {

    @TempDir
    Path temp;

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void eachDeliveryIsFirstOnceAcrossProcessesUntilForgotten(TestDatabase.Kind kind) {
        Clock at = Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC);
        try (TestDatabase target = TestDatabase.create(kind, temp);
             Database one = target.open(); Database two = target.open()) {
            SqlWebhookDeliveries first = new SqlWebhookDeliveries(one, at);
            SqlWebhookDeliveries second = new SqlWebhookDeliveries(two, at);
            assertThat(first.firstDelivery("telegram:memebot", 41)).isTrue();
            assertThat(second.firstDelivery("telegram:memebot", 41)).isFalse();
            assertThat(first.firstDelivery("telegram:memebot", 41)).isFalse();
            assertThat(second.firstDelivery("telegram:memebot", 42)).isTrue();
            assertThat(second.firstDelivery("telegram:otherbot", 41)).as("another bot's ids").isTrue();

            assertThat(first.forgetReceivedBefore(at.instant())).isZero();
            assertThat(first.forgetReceivedBefore(at.instant().plusMillis(1))).isEqualTo(3);
            assertThat(second.firstDelivery("telegram:memebot", 41)).isTrue();
        }
    }
}
