package dev.memebattle.config;

import java.util.List;

/**
 * Discord endpoints are overridable for proxies and for our tests' fake Discord. The token is not
 * here: it comes from {@code DISCORD_TOKEN}.
 *
 * @param restUrl    REST base URL, empty = Discord's
 * @param gatewayUrl gateway WebSocket URL, empty = Discord's
 * @param devGuild   register commands on this guild only (instant updates while developing)
 * @param shards     gateway connections (shards) in total; 0 = as many as Discord recommends
 *                   (one per ~1,000 servers; Discord requires sharding from 2,500)
 * @param shardIds   the shards this process runs, to split them over several processes (which
 *                   then share one PostgreSQL database); empty = all. Needs a fixed {@code shards}.
 * @param cdnUrl     where attachments (people's pictures) may come from, empty = Discord's CDN hosts;
 *                   a picture at any other address is refused
 */
public record DiscordConfig(String restUrl, String gatewayUrl, String devGuild, Integer shards, List<Integer> shardIds,
                            String cdnUrl) {
    static final DiscordConfig DEFAULTS = new DiscordConfig(null, null, null, null, null, null);

    public DiscordConfig {
        cdnUrl = cdnUrl == null ? "" : cdnUrl;
        restUrl = restUrl == null ? "" : restUrl;
        gatewayUrl = gatewayUrl == null ? "" : gatewayUrl;
        devGuild = devGuild == null ? "" : devGuild;
        shards = shards == null ? 0 : shards;
        shardIds = shardIds == null ? List.of() : shardIds.stream().distinct().sorted().toList();
        if (shards < 0) {
            throw new IllegalArgumentException("discord.shards must be 0 (Discord's recommendation) or more, not " + shards);
        }
        if (!shardIds.isEmpty() && shards == 0) {
            throw new IllegalArgumentException("discord.shard_ids needs discord.shards: the total over all processes");
        }
        int total = shards;
        if (shardIds.stream().anyMatch(id -> id == null || id < 0 || id >= total)) {
            throw new IllegalArgumentException("discord.shard_ids must be between 0 and discord.shards - 1 ("
                    + (total - 1) + "), not " + shardIds);
        }
    }

    /** With Discord's endpoints replaced (tests, proxies); commands global, shards as recommended. */
    public DiscordConfig(String restUrl, String gatewayUrl, String devGuild) {
        this(restUrl, gatewayUrl, devGuild, null, null, null);
    }

    /** With attachments served from {@code cdnUrl} instead of Discord's CDN (our tests' fake). */
    public DiscordConfig withCdnUrl(String url) {
        return new DiscordConfig(restUrl, gatewayUrl, devGuild, shards, shardIds, url);
    }
}
