package dev.memebattle.telegram;

import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the getUpdates call that Telegram holds open (up to 50 s) at once when the bot stops,
 * without an error. The library logs any failed poll as an error with a stack trace and then backs
 * off, so cancelling the call would make every shutdown look like a crash. Instead the poll
 * client's sockets are closed (and no new ones opened), and the failure that causes, or any poll
 * started after stopping, is answered here with an empty, successful result.
 */
final class LongPollStopper extends SocketFactory implements Interceptor {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final String NO_UPDATES = "{\"ok\":true,\"result\":[]}";

    private final SocketFactory sockets = SocketFactory.getDefault();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean stopping = new AtomicBoolean();

    boolean stopping() {
        return stopping.get();
    }

    /** Ends the held poll; the library's next poll is already cancelled by then. */
    void stop() {
        stopping.set(true);
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing is all we want
            }
        }
        open.clear();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (stopping.get()) {
            return noUpdates(chain);
        }
        try {
            return chain.proceed(chain.request());
        } catch (Exception e) { // OkHttp (Kotlin) can also throw InterruptedException while connecting
            if (stopping.get()) {
                return noUpdates(chain);
            }
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e);
        }
    }

    private static Response noUpdates(Chain chain) {
        return new Response.Builder()
                .request(chain.request())
                .protocol(Protocol.HTTP_1_1)
                .code(200)
                .message("OK")
                .body(ResponseBody.create(NO_UPDATES, JSON))
                .build();
    }

    private Socket track(Socket socket) throws IOException {
        open.add(socket);
        open.removeIf(Socket::isClosed);
        if (stopping.get()) { // checked after adding, so stop() cannot miss it; and no retry may start a new poll
            socket.close();
            throw new SocketException("the Telegram bot is stopping");
        }
        return socket;
    }

    @Override
    public Socket createSocket() throws IOException {
        return track(sockets.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return track(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return track(sockets.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return track(sockets.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return track(sockets.createSocket(address, port, localAddress, localPort));
    }
}
