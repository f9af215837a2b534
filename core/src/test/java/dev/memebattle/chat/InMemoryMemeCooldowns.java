package dev.memebattle.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Cooldowns that live as long as the process: for tests of the chat rules without a database. */
public final class InMemoryMemeCooldowns implements MemeCooldowns {

    private final ConcurrentHashMap<String, Instant> claimed = new ConcurrentHashMap<>();

    @Override
    public Optional<Instant> claim(String chatKey, String userId, Instant now, Duration cooldown) {
        Instant[] runningUntil = new Instant[1];
        claimed.compute(chatKey + "/" + userId, (k, last) -> {
            if (last != null && last.plus(cooldown).isAfter(now)) {
                runningUntil[0] = last.plus(cooldown);
                return last;
            }
            return now;
        });
        return Optional.ofNullable(runningUntil[0]);
    }
}
