package dev.memebattle.template;

import dev.memebattle.TestData;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real downloads from a local HTTP server that serves ../shared/data/templates. */
class TemplateImageStoreTest {

    private static TemplateCatalog catalog;
    private Path shared;

    @TempDir
    Path cache;

    private HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile long responseDelayMillis;
    private final CountDownLatch releaseStalled = new CountDownLatch(1);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void loadCatalog() throws TemplateDefinitionException {
        catalog = TemplateCatalog.load(Path.of("templates"));
    }

    @BeforeEach
    void startServer() throws IOException {
        shared = TemplateDefinitionFilesTest.sharedTemplates(); // the real pictures, which the pinned hashes are of
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::serveSharedFile);
        server.createContext("/stall/", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            try {
                releaseStalled.await(30, TimeUnit.SECONDS); // never sends the body until the test ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        logs.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(TemplateImageStore.class)).addAppender(logs);
    }

    @AfterEach
    void stopServer() {
        releaseStalled.countDown();
        if (server == null) {
            return; // skipped before it started
        }
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(TemplateImageStore.class)).detachAppender(logs);
    }

    private void serveSharedFile(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try {
            Thread.sleep(responseDelayMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Path file = shared.resolve(path.substring(1)).normalize();
        if (!file.startsWith(shared.normalize()) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        exchange.getResponseHeaders().set("Content-Type", "image/jpeg");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private TemplateImageStore store(TemplateImageStore.Settings settings) {
        return new TemplateImageStore(settings,
                new HttpImageFetcher(Duration.ofSeconds(2), Duration.ofMillis(500)), listener);
    }

    private TemplateImageStore downloadingStore() {
        return store(TemplateImageStore.Settings.cache(cache).withDownloadBaseUrl(base()));
    }

    private static MemeTemplate template(String key) {
        return catalog.byKey(key).orElseThrow();
    }

    private int requestCount() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private List<Path> cacheFiles() throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void localImagesAreUsedWithoutDownloading() throws Exception {
        TemplateImageStore store = store(TemplateImageStore.Settings.cache(cache).withLocalImages(shared)
                .withDownloadBaseUrl(base()));
        for (MemeTemplate t : catalog.all()) {
            assertThat(store.locate(t)).isEqualTo(shared.resolve(t.key()).resolve(t.imageFile()));
        }
        assertThat(requestCount()).isZero();
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void downloadIsVerifiedCachedAndReused() throws Exception {
        MemeTemplate doge = template("doge");
        long size = Files.size(shared.resolve("doge/default.jpg"));

        Path path = downloadingStore().locate(doge);

        assertThat(path).isEqualTo(cache.resolve("doge/default.jpg"));
        assertThat(TemplateDefinitionFilesTest.sha256(path)).isEqualTo(doge.sha256());
        assertThat(requests.get("/doge/default.jpg")).hasValue(1);
        assertThat(cacheFiles()).containsExactly(path); // no temporary files left behind
        assertThat(listener.started).containsExactly("doge:" + size);
        assertThat(listener.lastProgress.get("doge")).isEqualTo(size + "/" + size);
        assertThat(listener.finished).containsExactly("doge:" + size);

        // same store: no request; a new store (next process) re-hashes the cached file, still no request
        TemplateImageStore second = downloadingStore();
        assertThat(second.locate(doge)).isEqualTo(path);
        assertThat(second.locate(doge)).isEqualTo(path);
        assertThat(requestCount()).isEqualTo(1);
    }

    @Test
    void wrongHashIsRefusedAndNothingIsCached() throws Exception {
        MemeTemplate doge = template("doge");
        MemeTemplate tampered = withSha(doge, "0".repeat(64));

        assertThatThrownBy(() -> downloadingStore().locate(tampered))
                .isInstanceOf(TemplateImageException.class)
                .hasMessage("The downloaded image for template 'doge' did not match its pinned checksum and was not used.");

        assertThat(cacheFiles()).isEmpty();
        assertThat(logs.list).anySatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains("sha256 mismatch", "0".repeat(64), doge.sha256());
        });
    }

    @Test
    void missingImageGivesAClearError() throws Exception {
        MemeTemplate missing = withKey(template("doge"), "no-such-template");
        assertThatThrownBy(() -> downloadingStore().locate(missing))
                .isInstanceOf(TemplateImageException.class)
                .hasMessage("The image for template 'no-such-template' is not available from its download source (HTTP 404).");
        assertThat(requests.get("/no-such-template/default.jpg")).hasValue(1);
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void connectionRefusedAndStalledServerFail() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TemplateImageStore refused = store(TemplateImageStore.Settings.cache(cache)
                .withDownloadBaseUrl(URI.create("http://127.0.0.1:" + closedPort)));
        assertThatThrownBy(() -> refused.locate(template("doge")))
                .isInstanceOf(TemplateImageException.class)
                .hasMessage("The image for template 'doge' could not be downloaded (connection failed).");

        TemplateImageStore stalled = store(TemplateImageStore.Settings.cache(cache)
                .withDownloadBaseUrl(URI.create(base() + "stall")));
        assertThatThrownBy(() -> stalled.locate(template("doge")))
                .isInstanceOf(TemplateImageException.class)
                .hasMessage("The image for template 'doge' could not be downloaded (timed out).");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void concurrentLocatesDownloadOnce() throws Exception {
        responseDelayMillis = 300; // keep the first download in flight while the others arrive
        TemplateImageStore store = downloadingStore();
        MemeTemplate drake = template("drake");
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return store.locate(drake);
                }));
            }
            go.countDown();
            Set<Path> paths = ConcurrentHashMap.newKeySet();
            for (Future<Path> result : results) {
                paths.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(paths).containsExactly(cache.resolve("drake").resolve(drake.imageFile()));
        } finally {
            pool.shutdownNow();
        }
        assertThat(requests.get("/drake/" + drake.imageFile())).hasValue(1);
        assertThat(TemplateDefinitionFilesTest.sha256(cache.resolve("drake").resolve(drake.imageFile())))
                .isEqualTo(drake.sha256());
    }

    @Test
    void corruptCachedCopyIsReplaced() throws Exception {
        Path cached = cache.resolve("doge/default.jpg");
        Files.createDirectories(cached.getParent());
        Files.writeString(cached, "not an image");

        assertThat(downloadingStore().locate(template("doge"))).isEqualTo(cached);

        assertThat(requests.get("/doge/default.jpg")).hasValue(1);
        assertThat(TemplateDefinitionFilesTest.sha256(cached)).isEqualTo(template("doge").sha256());
    }

    @Test
    void oversizedDownloadIsRefused() throws Exception {
        TemplateImageStore store = store(TemplateImageStore.Settings.cache(cache).withDownloadBaseUrl(base())
                .withMaxImageBytes(1000));
        assertThatThrownBy(() -> store.locate(template("doge")))
                .isInstanceOf(TemplateImageException.class)
                .hasMessageContaining("is larger than 1000 B");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void prefetchDownloadsMissingOnesWithOverallProgress() throws Exception {
        List<MemeTemplate> templates = List.of(template("doge"), withKey(template("doge"), "gone-missing"),
                template("drake"), template("buzz"));
        TemplateImageStore store = downloadingStore();

        TemplateImageStore.PrefetchResult first = store.prefetch(templates);
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.downloaded()).isEqualTo(3);
        assertThat(first.alreadyPresent()).isZero();
        assertThat(first.failures()).containsOnlyKeys("gone-missing");
        assertThat(listener.prefetch).containsExactly("1/4 doge true", "2/4 gone-missing false",
                "3/4 drake true", "4/4 buzz true");

        TemplateImageStore.PrefetchResult second = downloadingStore().prefetch(templates);
        assertThat(second.downloaded()).isZero();
        assertThat(second.alreadyPresent()).isEqualTo(3);
        assertThat(requestCount()).isEqualTo(5); // 3 downloads + 2 attempts at the missing one
    }

    @Test
    void prefetchGivesUpWhenDownloadsKeepFailing() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        TemplateImageStore offline = store(TemplateImageStore.Settings.cache(cache)
                .withDownloadBaseUrl(URI.create("http://127.0.0.1:" + closedPort + "/")));
        TemplateImageStore.PrefetchResult result = offline.prefetch(catalog.all());
        assertThat(result.complete()).isFalse();
        assertThat(result.failures()).hasSize(208);
        assertThat(result.failures().values().stream().filter(m -> m.startsWith("not tried"))).hasSize(205);
    }

    @Test
    void mirrorBaseUrlIsAFolder() {
        MemeTemplate doge = template("doge");
        TemplateImageStore.Settings settings = TemplateImageStore.Settings.cache(cache);
        assertThat(store(settings).downloadUri(doge)).isEqualTo(doge.sourceUrl());
        assertThat(store(settings.withDownloadBaseUrl(URI.create("https://mirror.example/memegen"))).downloadUri(doge))
                .hasToString("https://mirror.example/memegen/doge/default.jpg");
        assertThat(store(settings.withDownloadBaseUrl(URI.create("https://mirror.example"))).downloadUri(doge))
                .hasToString("https://mirror.example/doge/default.jpg");
        assertThatThrownBy(() -> settings.withDownloadBaseUrl(URI.create("file:///etc/")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MemeTemplate withSha(MemeTemplate t, String sha) {
        return new MemeTemplate(t.key(), t.name(), t.aliases(), t.imgflipId(), t.boxes(), t.example(), t.imageFile(),
                t.sourceUrl(), sha, t.aiCapable(), t.aiBoxCounts());
    }

    private static MemeTemplate withKey(MemeTemplate t, String key) {
        return new MemeTemplate(key, t.name(), t.aliases(), t.imgflipId(), t.boxes(), t.example(), t.imageFile(),
                t.sourceUrl(), t.sha256(), t.aiCapable(), t.aiBoxCounts());
    }

    /** Records listener calls as short strings. */
    private static final class RecordingListener implements TemplateDownloadListener {
        final List<String> started = Collections.synchronizedList(new ArrayList<>());
        final List<String> finished = Collections.synchronizedList(new ArrayList<>());
        final List<String> prefetch = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> lastProgress = new ConcurrentHashMap<>();

        @Override
        public void downloadStarted(MemeTemplate template, long totalBytes) {
            started.add(template.key() + ":" + totalBytes);
        }

        @Override
        public void downloadProgress(MemeTemplate template, long bytes, long totalBytes) {
            lastProgress.put(template.key(), bytes + "/" + totalBytes);
        }

        @Override
        public void downloadFinished(MemeTemplate template, long bytes) {
            finished.add(template.key() + ":" + bytes);
        }

        @Override
        public void prefetchProgress(int done, int total, MemeTemplate template, boolean downloaded) {
            prefetch.add(done + "/" + total + " " + template.key() + " " + downloaded);
        }
    }
}
