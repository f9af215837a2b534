package dev.memebattle.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.memebattle.config.MetricsConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The operator's HTTP listener (the JDK's own server: three plain endpoints need no framework):
 * <ul>
 *   <li>{@code /metrics}: the Prometheus scrape;</li>
 *   <li>{@code /healthz}: 200 while the process is alive and its meme workers are not wedged, else
 *       503 — for an orchestrator's liveness probe (restart me);</li>
 *   <li>{@code /readyz}: 200 when every check passes (platforms connected, database reachable,
 *       templates loaded), else 503 with the failing checks' names — for a readiness probe.</li>
 * </ul>
 * Any other path is 404, any method but GET and HEAD 405. Bodies carry names and numbers only:
 * never a token, a user or a message.
 */
public final class MonitoringServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MonitoringServer.class);
    /** How long one readiness check may take before it counts as failed (a database that hangs). */
    static final Duration CHECK_DEADLINE = Duration.ofSeconds(2);

    private final HttpServer server;
    private final ExecutorService handlers;
    private final ExecutorService checks;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier alive;
    private final List<HealthCheck> readiness = new CopyOnWriteArrayList<>();

    private MonitoringServer(HttpServer server, PrometheusMeterRegistry registry, BooleanSupplier alive) {
        this.server = server;
        this.registry = registry;
        this.alive = alive;
        this.handlers = Executors.newFixedThreadPool(2, daemon("monitoring-http"));
        this.checks = Executors.newCachedThreadPool(daemon("monitoring-check"));
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
    }

    /**
     * Starts listening on the configured address.
     *
     * @param alive false when the process should be restarted (its workers are wedged)
     * @throws UncheckedIOException when the port cannot be opened (in use, not allowed)
     */
    public static MonitoringServer start(MetricsConfig config, PrometheusMeterRegistry registry, BooleanSupplier alive) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.bind(), config.port()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + config.bind() + ":" + config.port() + " for metrics ("
                    + e.getMessage() + ")", e);
        }
        MonitoringServer monitoring = new MonitoringServer(server, registry, alive);
        server.start();
        log.info("Metrics and health on http://{}:{}/metrics, /healthz, /readyz", config.bind(), monitoring.port());
        return monitoring;
    }

    /** Adds a readiness check (platforms add theirs once they start). */
    public void ready(HealthCheck check) {
        readiness.add(check);
    }

    /** The port actually listened on (a test's port 0 is chosen by the system). */
    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "GET or HEAD only\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
                case "/healthz" -> {
                    boolean ok = alive.getAsBoolean();
                    send(exchange, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "wedged: no meme worker moves\n");
                }
                case "/readyz" -> readyz(exchange);
                default -> send(exchange, 404, "text/plain; charset=utf-8", "not found: /metrics, /healthz, /readyz\n");
            }
        } catch (RuntimeException e) {
            log.warn("Monitoring request failed: {}", e.toString());
        }
    }

    private void readyz(HttpExchange exchange) throws IOException {
        List<CompletableFuture<Boolean>> results = readiness.stream()
                .map(check -> CompletableFuture.supplyAsync(check.ok()::getAsBoolean, checks)
                        .completeOnTimeout(false, CHECK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(error -> false))
                .toList();
        StringBuilder body = new StringBuilder();
        boolean ready = true;
        for (int i = 0; i < results.size(); i++) {
            boolean ok = results.get(i).join();
            ready &= ok;
            body.append(readiness.get(i).name()).append(ok ? " ok" : " not ready").append('\n');
        }
        send(exchange, ready ? 200 : 503, "text/plain; charset=utf-8", body.toString());
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        checks.shutdownNow();
    }
}
