package dev.memebattle.config;

/**
 * The token is not here: it comes from {@code TELEGRAM_TOKEN}.
 *
 * @param apiUrl Bot API base URL, empty = Telegram's (set it for a local Bot API server)
 */
public record TelegramConfig(String apiUrl) {
    static final TelegramConfig DEFAULTS = new TelegramConfig(null);

    public TelegramConfig {
        apiUrl = apiUrl == null ? "" : apiUrl;
    }
}
