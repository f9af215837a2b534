package dev.memebattle.config;

import java.util.Map;
import java.util.Optional;

/**
 * Platform tokens, read from the environment only. {@link #toString()} never shows them, so a
 * stray log line cannot leak one.
 */
public record Secrets(String discordToken, String telegramToken, String telegramWebhookSecret) {

    public static Secrets fromEnvironment(Map<String, String> env) {
        return new Secrets(blankToNull(env.get("DISCORD_TOKEN")), blankToNull(env.get("TELEGRAM_TOKEN")),
                blankToNull(env.get("TELEGRAM_WEBHOOK_SECRET")));
    }

    /** The secret Telegram sends with every webhook post ({@code telegram.webhook.enabled}). */
    public Optional<String> telegramWebhook() {
        return Optional.ofNullable(telegramWebhookSecret);
    }

    public Optional<String> discord() {
        return Optional.ofNullable(discordToken);
    }

    public Optional<String> telegram() {
        return Optional.ofNullable(telegramToken);
    }

    public boolean none() {
        return discordToken == null && telegramToken == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public String toString() {
        return "Secrets[discord=" + (discordToken == null ? "unset" : "set")
                + ", telegram=" + (telegramToken == null ? "unset" : "set")
                + (telegramWebhookSecret == null ? "" : ", telegram webhook secret=set") + "]";
    }
}
