package dev.memebattle.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * JDA takes the gateway URL from its session controller, so a configured gateway (a proxy, or our
 * tests' fake Discord) needs a controller of its own. The adapter base also avoids the default
 * controller's non-daemon worker thread; it starts shards one by one, 5 s apart, as Discord asks of
 * bots without a higher identify concurrency.
 */
final class GatewaySessionController extends SessionControllerAdapter {

    private final String gatewayUrl;

    /** @param gatewayUrl e.g. {@code wss://gateway.example}; JDA appends {@code /?encoding=json&v=10} */
    GatewaySessionController(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }

    /** The shard count Discord recommends (asked over REST), with our gateway instead of Discord's. */
    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        ShardedGateway recommended = super.getShardedGateway(api);
        return new ShardedGateway(gatewayUrl, recommended.getShardTotal(), recommended.getConcurrency());
    }
}
