package dev.memebattle.config;

/**
 * Discord endpoints are overridable for proxies and for our tests' fake Discord. The token is not
 * here: it comes from {@code DISCORD_TOKEN}.
 *
 * @param restUrl    REST base URL, empty = Discord's
 * @param gatewayUrl gateway WebSocket URL, empty = Discord's
 * @param devGuild   register commands on this guild only (instant updates while developing)
 * @param shards     gateway connections (shards) this process opens; 0 = as many as Discord recommends
 *                   (one per ~1,000 servers; Discord requires sharding from 2,500)
 */
public record DiscordConfig(String restUrl, String gatewayUrl, String devGuild, Integer shards) {
    static final DiscordConfig DEFAULTS = new DiscordConfig(null, null, null, null);

    public DiscordConfig {
        restUrl = restUrl == null ? "" : restUrl;
        gatewayUrl = gatewayUrl == null ? "" : gatewayUrl;
        devGuild = devGuild == null ? "" : devGuild;
        shards = shards == null ? 0 : shards;
        if (shards < 0) {
            throw new IllegalArgumentException("discord.shards must be 0 (Discord's recommendation) or more, not " + shards);
        }
    }

    /** With Discord's endpoints replaced (tests, proxies); commands global, shards as recommended. */
    public DiscordConfig(String restUrl, String gatewayUrl, String devGuild) {
        this(restUrl, gatewayUrl, devGuild, null);
    }
}
