package dev.memebattle.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When each user last made a meme in each chat: the memory behind {@link ChatPolicy#claimCooldown}. */
public interface MemeCooldowns {

    /**
     * Starts a cooldown for this user in this chat at {@code now} unless the one they started last
     * is still running: empty when claimed, else the instant the running one ends. Atomic, so two
     * requests at once never both get through.
     */
    Optional<Instant> claim(String chatKey, String userId, Instant now, Duration cooldown);
}
