package dev.memebattle.store;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bot process killed (SIGKILL) in the middle of writing loses nothing it had acknowledged: a
 * child JVM writes settings and reports each write; we kill it mid-stream and read the database.
 */
class CrashDurabilityTest {

    static final int ACKS_BEFORE_KILL = 25;

    @TempDir
    Path temp;

    @ParameterizedTest
    @MethodSource("dev.memebattle.store.TestDatabase#kinds")
    void everyAcknowledgedWriteSurvivesAKill(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase target = TestDatabase.create(kind, temp)) {
            target.open().close(); // migrate first, so the child's start-up is quick
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Process child = new ProcessBuilder(java.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), CrashingWriter.class.getName(), target.url())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            int lastAck = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("acked ")) {
                        lastAck = Integer.parseInt(line.substring(6));
                        if (lastAck + 1 >= ACKS_BEFORE_KILL) {
                            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no pool close
                            break;
                        }
                    }
                }
            } finally {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(lastAck + 1).as("writes acknowledged before the kill").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
            try (Database db = target.open()) {
                Set<String> denied = new SqlChatSettingsStore(db, Clock.systemUTC(), Duration.ZERO).get("test:crash").denied();
                for (int i = 0; i <= lastAck; i++) {
                    assertThat(denied).contains("k" + i);
                }
            }
        }
    }
}
