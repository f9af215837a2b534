package dev.memebattle.template;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.time.Duration;
import java.util.Locale;

/**
 * Fetches images with {@link HttpURLConnection}: unlike {@code java.net.http.HttpClient} it has a real
 * per-read timeout, so a server that stalls mid-body fails instead of hanging a first start forever.
 * Honours the JVM's proxy settings ({@code https.proxyHost} etc.).
 */
public final class HttpImageFetcher implements ImageFetcher {

    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final String userAgent;

    /**
     * @param connectTimeout how long to wait for a TCP/TLS connection
     * @param readTimeout    how long any single read may wait for bytes (not the whole download)
     */
    public HttpImageFetcher(Duration connectTimeout, Duration readTimeout) {
        this(connectTimeout, readTimeout, "MemeBattle template downloader");
    }

    public HttpImageFetcher(Duration connectTimeout, Duration readTimeout, String userAgent) {
        this.connectTimeoutMillis = millis(connectTimeout, "connectTimeout");
        this.readTimeoutMillis = millis(readTimeout, "readTimeout");
        this.userAgent = userAgent;
    }

    /** Timeouts suited to a first-start download of ~57 MB over an ordinary connection. */
    public static HttpImageFetcher withDefaultTimeouts() {
        return new HttpImageFetcher(Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    private static int millis(Duration timeout, String name) {
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(name + " must be positive, got " + timeout);
        }
        return (int) timeout.toMillis();
    }

    @Override
    public Response get(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("only http and https downloads are supported");
        }
        URLConnection opened = uri.toURL().openConnection();
        HttpURLConnection connection = (HttpURLConnection) opened;
        connection.setConnectTimeout(connectTimeoutMillis);
        connection.setReadTimeout(readTimeoutMillis);
        connection.setInstanceFollowRedirects(true);
        connection.setUseCaches(false);
        connection.setRequestProperty("User-Agent", userAgent);
        connection.setRequestProperty("Accept", "image/*");
        try {
            int status = connection.getResponseCode();
            InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Response(status, connection.getContentLengthLong(),
                    body == null ? InputStream.nullInputStream() : body);
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }
}
