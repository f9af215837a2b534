package dev.memebattle.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.memebattle.config.TelegramConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/**
 * The plain-HTTP endpoint Telegram's webhook posts to (through a reverse proxy that terminates
 * TLS). Each post is checked (secret header, size, JSON) and its update handed to the same
 * consumer long polling feeds; the answer is 200 at once, the work happens on the router's
 * threads. Telegram re-posts an update it got no 200 for, so recently seen update ids are
 * answered 200 without handling them again: those seen here, and (through {@code firstAnywhere},
 * the shared database) those another bot process behind the same load balancer took.
 */
final class WebhookServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** An update is a few KB at most (4096-character text plus entities); this is far above it. */
    static final int MAX_BODY_BYTES = 1 << 20;
    /** Over-long bodies are read and dropped up to this much so the 413 reaches the sender; beyond, the connection is cut. */
    private static final long MAX_DISCARD_BYTES = 8L << 20;
    /** How many update ids are remembered to spot Telegram's retries. */
    static final int REMEMBERED_UPDATES = 4096;
    /** How long posts being answered may take to finish when the server stops. */
    private static final long STOP_WAIT_MILLIS = 1000;

    private final HttpServer server;
    private final ExecutorService threads;
    private final String path;
    private final byte[] secret;
    private final ObjectMapper json;
    private final LongPollingUpdateConsumer consumer;
    private final IntPredicate firstAnywhere;
    private final Set<Integer> seen = new HashSet<>(); // guarded by itself, with seenOrder
    private final Deque<Integer> seenOrder = new ArrayDeque<>();
    private int inFlight; // guarded by this
    private boolean stopping; // guarded by this

    private WebhookServer(HttpServer server, ExecutorService threads, String path, String secret, ObjectMapper json,
                          LongPollingUpdateConsumer consumer, IntPredicate firstAnywhere) {
        this.server = server;
        this.threads = threads;
        this.path = path;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.json = json;
        this.consumer = consumer;
        this.firstAnywhere = firstAnywhere;
    }

    /**
     * Binds {@code listen_host:listen_port} and starts answering on {@code path}.
     *
     * @throws IllegalStateException when the address cannot be bound (port in use, unknown host)
     */
    static WebhookServer start(TelegramConfig.Webhook config, String secret, ExecutorService threads,
                               LongPollingUpdateConsumer consumer, IntPredicate firstAnywhere) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.listenHost(), config.listenPort()), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Telegram webhook: cannot listen on " + config.listenHost() + ":"
                    + config.listenPort() + ": " + e.getMessage(), e);
        }
        WebhookServer webhook = new WebhookServer(server, threads, config.path(), secret, new ObjectMapper(), consumer,
                firstAnywhere);
        server.setExecutor(threads);
        server.createContext(config.path(), webhook::handle);
        server.start();
        return webhook;
    }

    /** The port it listens on (the configured one, or the free one picked for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) {
        if (!enter()) {
            // Telegram keeps an update it got no 2xx for and posts it again: to the next process
            try (exchange) {
                reply(exchange, 503);
            } catch (IOException e) {
                log.debug("Telegram webhook: connection failed: {}", e.toString());
            }
            return;
        }
        try {
            answer(exchange);
        } finally {
            leave();
        }
    }

    private synchronized boolean enter() {
        if (stopping) {
            return false;
        }
        inFlight++;
        return true;
    }

    private synchronized void leave() {
        inFlight--;
        notifyAll();
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(path)) { // contexts match by prefix
                reply(exchange, 404);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                reply(exchange, 405);
                return;
            }
            if (!secretMatches(exchange.getRequestHeaders().getFirst(SECRET_HEADER))) {
                log.warn("Telegram webhook: refused a post from {} without the right secret token",
                        exchange.getRemoteAddress().getAddress().getHostAddress());
                reply(exchange, 401);
                return;
            }
            byte[] body = readAtMost(exchange.getRequestBody(), MAX_BODY_BYTES);
            if (body == null) {
                log.warn("Telegram webhook: refused a post of more than {} bytes", MAX_BODY_BYTES);
                reply(exchange, 413);
                return;
            }
            Update update;
            try {
                update = json.readValue(body, Update.class);
            } catch (JsonProcessingException e) {
                log.warn("Telegram webhook: a post that is not an update ({})", Replies.limit(
                        String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse(""), 200));
                reply(exchange, 400);
                return;
            }
            if (update == null || update.getUpdateId() == null) {
                log.warn("Telegram webhook: a post without an update_id");
                reply(exchange, 400);
                return;
            }
            if (firstTime(update.getUpdateId())) {
                consumer.consume(List.of(update)); // only queues the work: the answer must not wait for it
            } else {
                log.debug("Telegram webhook: update {} again (a retry), already handled", update.getUpdateId());
            }
            reply(exchange, 200);
        } catch (IOException e) {
            log.debug("Telegram webhook: connection failed: {}", e.toString());
        } catch (RuntimeException e) { // nothing a sender posts may kill the listener thread
            log.error("Telegram webhook: handling a post failed", e);
        }
    }

    /** Compared in constant time: how long a wrong guess takes says nothing about the secret. */
    private boolean secretMatches(String header) {
        return header != null && MessageDigest.isEqual(secret, header.getBytes(StandardCharsets.UTF_8));
    }

    private boolean firstTime(int updateId) {
        synchronized (seen) {
            if (!seen.add(updateId)) {
                return false;
            }
            seenOrder.addLast(updateId);
            if (seenOrder.size() > REMEMBERED_UPDATES) {
                seen.remove(seenOrder.removeFirst());
            }
        }
        try {
            return firstAnywhere.test(updateId);
        } catch (RuntimeException e) {
            // the database is unreachable: a possible duplicate is better than a lost update
            log.warn("Telegram webhook: cannot check update {} against other processes: {}", updateId, e.toString());
            return true;
        }
    }

    /** The whole body, or null when it is longer than {@code limit} (the rest is then read and dropped). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length <= limit) {
            return body;
        }
        long dropped = 0;
        byte[] sink = new byte[8192];
        int n;
        while (dropped < MAX_DISCARD_BYTES && (n = in.read(sink)) > 0) {
            dropped += n;
        }
        return null;
    }

    private static void reply(HttpExchange exchange, int status) throws IOException {
        exchange.sendResponseHeaders(status, -1);
    }

    /**
     * Refuses new posts (503, so Telegram keeps them), lets the posts being answered hand their
     * update over (up to 1 s), then stops listening. The updates handed over are the router's to
     * finish. The webhook stays set at Telegram.
     */
    @Override
    public void close() {
        synchronized (this) {
            stopping = true;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
            try {
                while (inFlight > 0 && System.nanoTime() < deadline) {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        server.stop(0); // nothing is in flight any more (or it had its second): no need to wait again
        threads.shutdown();
        try {
            if (!threads.awaitTermination(2, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
