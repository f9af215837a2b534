package dev.memebattle.telegram;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** An outage of getUpdates is one warning, a reminder now and then, and one line when it is over. */
class PollHealthTest {

    @Test
    void anOutageIsSaidOnceRemindedAndItsEndSaid() throws Exception {
        AtomicInteger failing = new AtomicInteger(30);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true,\"result\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(failing.getAndDecrement() > 0 ? 502 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger logger = (Logger) LoggerFactory.getLogger(PollHealth.class);
        logger.addAppender(logs);
        AtomicLong now = new AtomicLong();
        PollHealth health = new PollHealth(() -> false, now::get);
        OkHttpClient client = new OkHttpClient.Builder().addInterceptor(health).build();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/botTOKEN/getUpdates";
            for (int i = 0; i < 31; i++) {
                try (Response ignored = client.newCall(new Request.Builder().url(url).build()).execute()) {
                    now.addAndGet(PollHealth.REMINDER.toNanos() / 20); // 30 polls span 1.5 reminder periods
                }
            }
            assertThat(health.failures()).isZero();
            assertThat(logs.list).extracting(ILoggingEvent::getLevel)
                    .containsExactly(Level.WARN, Level.WARN, Level.INFO);
            assertThat(logs.list.get(0).getFormattedMessage()).contains("getUpdates failed (HTTP 502)");
            assertThat(logs.list.get(2).getFormattedMessage()).contains("works again after 30 failure(s)");
            assertThat(logs.list).allMatch(e -> e.getThrowableProxy() == null);
        } finally {
            logger.detachAppender(logs);
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            server.stop(0);
        }
    }
}
