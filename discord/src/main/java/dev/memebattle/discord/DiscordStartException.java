package dev.memebattle.discord;

/** The bot could not connect to Discord; the message says why in one line (never with the token). */
public final class DiscordStartException extends RuntimeException {

    public DiscordStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public DiscordStartException(String message) {
        super(message);
    }
}
