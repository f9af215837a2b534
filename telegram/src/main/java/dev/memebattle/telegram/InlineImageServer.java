package dev.memebattle.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.memebattle.config.TelegramConfig;
import dev.memebattle.engine.Meme;
import dev.memebattle.render.RenderedMeme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves recent inline candidates over plain HTTP (a reverse proxy adds TLS), so an inline answer can
 * name its images by URL instead of uploading them to a storage chat first. Each image gets a name
 * derived from what decides it and a per-process secret: the same meme keeps its URL, and nobody can
 * guess the URL of a meme they were not shown. Images are kept for an hour after their last use, at
 * most {@value #MAX_BYTES} bytes in all.
 */
final class InlineImageServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InlineImageServer.class);

    /** Telegram's limit for a GIF by URL; bigger ones must be uploaded. */
    static final int MAX_GIF_BYTES = 1 << 20;
    static final long MAX_BYTES = 256L << 20;
    private static final Duration KEEP = Duration.ofHours(1);
    /** The last path segment: whether the reverse proxy keeps the public path's prefix or strips it. */
    private static final Pattern NAME = Pattern.compile("(?:/[A-Za-z0-9._~-]+)*/([A-Za-z0-9_-]{22})\\.(jpg|png|gif)");

    private final HttpServer server;
    private final ExecutorService threads;
    private final String publicUrl;
    private final byte[] secret = new byte[32];
    private final Cache<String, RenderedMeme> images = Caffeine.newBuilder()
            .expireAfterAccess(KEEP)
            .maximumWeight(MAX_BYTES)
            .weigher((String name, RenderedMeme image) -> image.bytes().length)
            .build();

    private InlineImageServer(HttpServer server, ExecutorService threads, String publicUrl) {
        this.server = server;
        this.threads = threads;
        this.publicUrl = publicUrl;
        new SecureRandom().nextBytes(secret);
    }

    /**
     * Binds {@code listen_host:listen_port} and starts serving.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    static InlineImageServer start(TelegramConfig.InlineImages config, ExecutorService threads) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(config.listenHost(), config.listenPort()), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Telegram inline images: cannot listen on " + config.listenHost() + ":"
                    + config.listenPort() + ": " + e.getMessage(), e);
        }
        InlineImageServer images = new InlineImageServer(server, threads, config.publicUrl());
        server.setExecutor(threads);
        server.createContext("/", images::answer);
        server.start();
        return images;
    }

    /** The port it listens on (the configured one, or the free one picked for port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    /** Keeps the meme's image available and returns the public URL Telegram can fetch it from. */
    String publish(Meme meme) {
        RenderedMeme image = meme.image();
        String name = name(meme) + "." + image.format().fileExtension();
        images.put(name, image);
        return publicUrl + "/" + name;
    }

    /** 22 URL-safe characters (128 bits) of an HMAC-like digest: stable per meme, unguessable without the secret. */
    private String name(Meme meme) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(secret);
            sha.update((meme.template().key() + '\u0000' + String.join("\u0001", meme.texts()) + '\u0000'
                    + meme.image().format()).getBytes(StandardCharsets.UTF_8));
            byte[] digest = sha.digest();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void answer(HttpExchange exchange) {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            Matcher m = NAME.matcher(exchange.getRequestURI().getRawPath());
            RenderedMeme image = m.matches() ? images.getIfPresent(m.group(1) + "." + m.group(2)) : null;
            if (image == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", image.format().mimeType());
            exchange.getResponseHeaders().set("Cache-Control", "public, max-age=" + KEEP.toSeconds());
            byte[] bytes = image.bytes();
            if (method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            log.debug("Telegram inline images: connection failed: {}", e.toString());
        } catch (RuntimeException e) { // nothing a client sends may kill the listener thread
            log.error("Telegram inline images: answering a request failed", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
