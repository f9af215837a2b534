package dev.memebattle.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Telegram settings. The token is not here: it comes from {@code TELEGRAM_TOKEN}.
 *
 * @param apiUrl             Bot API base URL (scheme, host, port), empty = Telegram's; set it for a local
 *                           Bot API server (and our tests' fake)
 * @param storageChats       chats (ids or {@code @channel}s; YAML key {@code storage_chat_id}, one or a list) the
 *                           bot uploads inline-mode candidates to, to get their {@code file_id}s. Each chat
 *                           takes about one upload a second (Telegram's flood limit), so several multiply how
 *                           many new inline queries a second the bot can answer. Empty = inline mode only
 *                           answers how to turn it on
 * @param inlineResults      candidates per inline-query page
 * @param inlineCacheSeconds how long Telegram may cache an inline answer (short: every query is a reroll)
 * @param adminCacheSeconds  how long a chat's administrator list is trusted before asking Telegram again
 * @param flood              send pacing (Telegram's flood limits)
 * @param webhook            how updates arrive: long polling (default) or a webhook Telegram posts to
 * @param inlineImages       serve inline candidates over HTTP(S) instead of uploading them (off by default)
 * @param inlineWarmTemplates templates whose first inline candidates are kept made (and uploaded) ahead of
 *                           the queries, the most used first (default 8; 0 = none): a burst of queries is
 *                           answered at once from them while fresh candidates are still being made
 */
public record TelegramConfig(String apiUrl,
                             @JsonProperty("storage_chat_id")
                             @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                             List<String> storageChats,
                             Integer inlineResults, Integer inlineCacheSeconds,
                             Integer adminCacheSeconds, Flood flood, Webhook webhook, InlineImages inlineImages,
                             Integer inlineWarmTemplates) {
    static final TelegramConfig DEFAULTS = new TelegramConfig(null, null, null, null, null, null, null, null, null);

    public TelegramConfig {
        apiUrl = apiUrl == null ? "" : apiUrl.strip();
        storageChats = storageChats == null ? List.of() : storageChats.stream()
                .filter(chat -> chat != null && !chat.isBlank() && !chat.strip().equals("0"))
                .map(String::strip).distinct().toList();
        inlineResults = inlineResults == null ? 5 : Math.max(1, Math.min(50, inlineResults));
        inlineCacheSeconds = inlineCacheSeconds == null ? 10 : Math.max(0, inlineCacheSeconds);
        adminCacheSeconds = adminCacheSeconds == null ? 60 : Math.max(0, adminCacheSeconds);
        flood = flood == null ? Flood.DEFAULTS : flood;
        webhook = webhook == null ? Webhook.DEFAULTS : webhook;
        inlineImages = inlineImages == null ? InlineImages.DEFAULTS : inlineImages;
        inlineWarmTemplates = inlineWarmTemplates == null ? 8 : Math.max(0, Math.min(50, inlineWarmTemplates));
    }

    public static TelegramConfig defaults() {
        return DEFAULTS;
    }

    public TelegramConfig withApiUrl(String url) {
        return new TelegramConfig(url, storageChats, inlineResults, inlineCacheSeconds, adminCacheSeconds, flood, webhook,
                inlineImages, inlineWarmTemplates);
    }

    public TelegramConfig withStorageChats(List<String> chats) {
        return new TelegramConfig(apiUrl, chats, inlineResults, inlineCacheSeconds, adminCacheSeconds, flood, webhook,
                inlineImages, inlineWarmTemplates);
    }

    public TelegramConfig withWebhook(Webhook hook) {
        return new TelegramConfig(apiUrl, storageChats, inlineResults, inlineCacheSeconds, adminCacheSeconds, flood, hook,
                inlineImages, inlineWarmTemplates);
    }

    public TelegramConfig withFlood(Flood limits) {
        return new TelegramConfig(apiUrl, storageChats, inlineResults, inlineCacheSeconds, adminCacheSeconds, limits, webhook,
                inlineImages, inlineWarmTemplates);
    }

    public TelegramConfig withInlineWarmTemplates(int templates) {
        return new TelegramConfig(apiUrl, storageChats, inlineResults, inlineCacheSeconds, adminCacheSeconds, flood, webhook,
                inlineImages, templates);
    }

    public TelegramConfig withInlineImages(InlineImages images) {
        return new TelegramConfig(apiUrl, storageChats, inlineResults, inlineCacheSeconds, adminCacheSeconds, flood, webhook,
                images, inlineWarmTemplates);
    }

    /**
     * Inline candidates by URL: Telegram fetches each image from {@code publicUrl}/ID.jpg (HTTPS, served
     * by a reverse proxy that forwards to our plain-HTTP listener on {@code listenHost:listenPort}), so
     * nothing is uploaded first: faster answers and no storage chat's flood limit. A GIF over Telegram's
     * 1 MB limit for GIFs by URL still goes through a storage chat, if there is one.
     *
     * @param publicUrl  e.g. {@code https://bot.example.com/memes}; empty (default) = off
     * @param listenHost where the image listener binds (default 127.0.0.1: behind a reverse proxy)
     * @param listenPort its port (default 8444; 0 = any free port)
     */
    public record InlineImages(String publicUrl, String listenHost, Integer listenPort) {
        public static final InlineImages DEFAULTS = new InlineImages(null, null, null);

        public InlineImages {
            publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
            listenHost = listenHost == null || listenHost.isBlank() ? "127.0.0.1" : listenHost.strip();
            listenPort = listenPort == null ? 8444 : listenPort;
        }

        public boolean enabled() {
            return !publicUrl.isEmpty();
        }

        /** @throws ConfigException naming the key */
        public void requireUsable() {
            // image names are appended to it: a query or fragment would swallow them
            if (!httpsUrl(publicUrl) || publicUrl.contains("?") || publicUrl.contains("#")) {
                throw new ConfigException("telegram.inline_images.public_url '" + publicUrl
                        + "': an https:// URL Telegram can fetch images from (e.g. https://bot.example.com/memes)");
            }
            requirePort("telegram.inline_images.listen_port", listenPort);
        }
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

    /**
     * Webhook mode: Telegram posts each update to {@code publicUrl} (HTTPS), a reverse proxy
     * terminates TLS and forwards to our plain-HTTP listener on {@code listenHost:listenPort}.
     * The secret Telegram sends with every post comes from {@code TELEGRAM_WEBHOOK_SECRET}, never
     * from this file. Switching back to long polling deletes the webhook again.
     *
     * @param enabled    false (default) = long polling
     * @param publicUrl  the HTTPS URL Telegram posts to, e.g. {@code https://bot.example.com/telegram}
     * @param listenHost where our HTTP listener binds (default 127.0.0.1: behind a reverse proxy)
     * @param listenPort its port (default 8443; 0 = any free port)
     * @param path       the path it answers on (default {@code /telegram})
     */
    public record Webhook(Boolean enabled, String publicUrl, String listenHost, Integer listenPort, String path) {
        public static final Webhook DEFAULTS = new Webhook(null, null, null, null, null);

        public Webhook {
            enabled = enabled != null && enabled;
            publicUrl = publicUrl == null ? "" : publicUrl.strip();
            listenHost = listenHost == null || listenHost.isBlank() ? "127.0.0.1" : listenHost.strip();
            listenPort = listenPort == null ? 8443 : listenPort;
            path = path == null || path.isBlank() ? "/telegram" : path.strip();
        }

        /**
         * Checks everything webhook mode needs, with the secret from the environment.
         *
         * @throws ConfigException naming the key (never showing the secret)
         */
        public void requireUsable(String secret) {
            if (!httpsUrl(publicUrl)) {
                throw new ConfigException("telegram.webhook.public_url '" + publicUrl
                        + "': Telegram only posts to an https:// URL (e.g. https://bot.example.com/telegram)");
            }
            requirePort("telegram.webhook.listen_port", listenPort);
            if (!path.startsWith("/") || path.contains("?") || path.contains("#") || path.contains(" ")) {
                throw new ConfigException("telegram.webhook.path '" + path + "': a path starting with /, e.g. /telegram");
            }
            if (secret == null || secret.isBlank()) {
                throw new ConfigException("telegram.webhook.enabled needs TELEGRAM_WEBHOOK_SECRET in the environment"
                        + " (1-256 characters: A-Z a-z 0-9 _ -)");
            }
            // Telegram's rule for secret_token; checked here so setWebhook cannot fail on it later
            if (secret.length() > 256 || !secret.matches("[A-Za-z0-9_-]+")) {
                throw new ConfigException("TELEGRAM_WEBHOOK_SECRET: use 1-256 characters of A-Z a-z 0-9 _ - only");
            }
        }
    }

    /** An absolute https:// URL with a host: the only kind Telegram posts to or fetches from. */
    private static boolean httpsUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && uri.getScheme() != null
                    && uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void requirePort(String key, int port) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(key + " " + port + ": use 1-65535 (0 = any free port)");
        }
    }
}
