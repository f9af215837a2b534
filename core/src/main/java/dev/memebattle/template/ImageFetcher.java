package dev.memebattle.template;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/** How template image bytes are fetched over the network; {@link HttpImageFetcher} is the real one. */
public interface ImageFetcher {

    /**
     * Sends a GET for {@code uri}. Any HTTP status is returned, not thrown; the caller closes the response.
     *
     * @throws IOException when no response arrives (connection refused, timeout, unknown host)
     */
    Response get(URI uri) throws IOException;

    /**
     * @param status        HTTP status code
     * @param contentLength body length announced by the server, or -1 when unknown
     * @param body          the response body (reads may time out with an {@link IOException})
     */
    record Response(int status, long contentLength, InputStream body) implements Closeable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }
}
