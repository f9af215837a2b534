package dev.memebattle.config;

/**
 * Telegram settings. The token is not here: it comes from {@code TELEGRAM_TOKEN}.
 *
 * @param apiUrl             Bot API base URL (scheme, host, port), empty = Telegram's; set it for a local
 *                           Bot API server (and our tests' fake)
 * @param storageChatId      chat (id or {@code @channel}) the bot uploads inline-mode candidates to, to get
 *                           their {@code file_id}s; empty = inline mode only answers how to turn it on
 * @param inlineResults      candidates per inline-query page
 * @param inlineCacheSeconds how long Telegram may cache an inline answer (short: every query is a reroll)
 * @param adminCacheSeconds  how long a chat's administrator list is trusted before asking Telegram again
 * @param flood              send pacing (Telegram's flood limits)
 */
public record TelegramConfig(String apiUrl, String storageChatId, Integer inlineResults, Integer inlineCacheSeconds,
                             Integer adminCacheSeconds, Flood flood) {
    static final TelegramConfig DEFAULTS = new TelegramConfig(null, null, null, null, null, null);

    public TelegramConfig {
        apiUrl = apiUrl == null ? "" : apiUrl.strip();
        storageChatId = storageChatId == null || storageChatId.isBlank() || storageChatId.strip().equals("0")
                ? "" : storageChatId.strip();
        inlineResults = inlineResults == null ? 5 : Math.max(1, Math.min(50, inlineResults));
        inlineCacheSeconds = inlineCacheSeconds == null ? 10 : Math.max(0, inlineCacheSeconds);
        adminCacheSeconds = adminCacheSeconds == null ? 60 : Math.max(0, adminCacheSeconds);
        flood = flood == null ? Flood.DEFAULTS : flood;
    }

    public static TelegramConfig defaults() {
        return DEFAULTS;
    }

    public TelegramConfig withApiUrl(String url) {
        return new TelegramConfig(url, storageChatId, inlineResults, inlineCacheSeconds, adminCacheSeconds, flood);
    }

    public TelegramConfig withStorageChatId(String chat) {
        return new TelegramConfig(apiUrl, chat, inlineResults, inlineCacheSeconds, adminCacheSeconds, flood);
    }

    public TelegramConfig withFlood(Flood limits) {
        return new TelegramConfig(apiUrl, storageChatId, inlineResults, inlineCacheSeconds, adminCacheSeconds, limits);
    }

    /**
     * Telegram's flood limits, as pacing of our own sends (messages and edits).
     *
     * @param chatIntervalMs minimum time between two sends into one chat (Telegram: about 1 s)
     * @param groupLimit     sends into one group per {@code groupWindowMs} (Telegram: 20 per minute)
     * @param groupWindowMs  the group window (60000; tests shrink it together with the others)
     * @param perSecond      sends per second over all chats (Telegram: about 30)
     */
    public record Flood(Integer chatIntervalMs, Integer groupLimit, Integer groupWindowMs, Integer perSecond) {
        public static final Flood DEFAULTS = new Flood(null, null, null, null);

        public Flood {
            chatIntervalMs = chatIntervalMs == null ? 1000 : Math.max(0, chatIntervalMs);
            groupLimit = groupLimit == null ? 20 : Math.max(1, groupLimit);
            groupWindowMs = groupWindowMs == null ? 60_000 : Math.max(1, groupWindowMs);
            perSecond = perSecond == null ? 30 : Math.max(1, perSecond);
        }
    }
}
