package dev.memebattle.store;

import java.time.Clock;
import java.time.Duration;

/**
 * Run in a child JVM by {@link CrashDurabilityTest}: denies template "k0", "k1", … one update at a
 * time and prints "acked N" after each update returned, until it is killed.
 */
public final class CrashingWriter {

    public static void main(String[] args) {
        Database db = Database.open(args[0]);
        SqlChatSettingsStore settings = new SqlChatSettingsStore(db, Clock.systemUTC(), Duration.ZERO);
        for (int i = 0; i < 100_000; i++) {
            String key = "k" + i;
            settings.update("test:crash", s -> s.deny(key));
            System.out.println("acked " + i);
            System.out.flush();
        }
    }
}
