package dev.memebattle.battle;

import java.util.Optional;

/**
 * One player's entry in one round. {@link #token()} is short enough for a Telegram button's
 * callback data (64 bytes) and parses back with {@link #parse}.
 */
public record EntryRef(String battleId, int round, String playerId) {

    public String token() {
        return battleId + ":" + round + ":" + playerId;
    }

    /** Empty for anything that is not a token made by {@link #token()}. */
    public static Optional<EntryRef> parse(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split(":", 3);
        if (parts.length != 3 || parts[0].isEmpty() || parts[2].isEmpty() || !parts[1].matches("\\d{1,3}")) {
            return Optional.empty();
        }
        return Optional.of(new EntryRef(parts[0], Integer.parseInt(parts[1]), parts[2]));
    }
}
