package dev.memebattle.config;

/**
 * Discord endpoints are overridable for proxies and for our tests' fake Discord. The token is not
 * here: it comes from {@code DISCORD_TOKEN}.
 *
 * @param restUrl    REST base URL, empty = Discord's
 * @param gatewayUrl gateway WebSocket URL, empty = Discord's
 * @param devGuild   register commands on this guild only (instant updates while developing)
 */
public record DiscordConfig(String restUrl, String gatewayUrl, String devGuild) {
    static final DiscordConfig DEFAULTS = new DiscordConfig(null, null, null);

    public DiscordConfig {
        restUrl = restUrl == null ? "" : restUrl;
        gatewayUrl = gatewayUrl == null ? "" : gatewayUrl;
        devGuild = devGuild == null ? "" : devGuild;
    }
}
