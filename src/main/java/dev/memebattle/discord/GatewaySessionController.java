package dev.memebattle.discord;

import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/**
 * JDA takes the gateway URL from its session controller (it does not ask REST for it), so a
 * configured gateway (a proxy, or our tests' fake Discord) needs a controller of its own. The
 * adapter base also avoids the default controller's non-daemon worker thread.
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
}
