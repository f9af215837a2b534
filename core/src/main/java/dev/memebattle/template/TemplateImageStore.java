package dev.memebattle.template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.HexFormat;

/**
 * Finds template images on disk, downloading missing ones once into a cache.
 *
 * <p>{@link #locate} looks in order at: the local images directory ({@code KEY/FILE}, trusted as is —
 * tests and CI point it at {@code ../shared/data/templates}); the cache, whose files are re-hashed
 * once per process; the network. A download goes to a temporary file in the cache, is checked
 * against the template's pinned sha256 and only then atomically renamed into place, so a partial or
 * tampered file is never used. Concurrent requests for the same template share one download.
 */
public final class TemplateImageStore implements TemplateImageSource {

    private static final Logger log = LoggerFactory.getLogger(TemplateImageStore.class);
    /** In the message of a failed download (chat users see it too, so the fix for operators is added by the CLI). */
    private static final String DOWNLOAD_FAILED = "could not be downloaded";
    /** What an operator can do about a failed download: one sentence for the command line. */
    private static final String OFFLINE_HINT = "Offline or blocked? Point --images-dir (or MEMEBATTLE_IMAGES_DIR) at a"
            + " folder of template images (KEY/default.*).";

    /** {@code message}, and for a failed download what an operator can do about it (the console, generate). */
    public static String withOfflineHint(String message) {
        return message.contains(DOWNLOAD_FAILED) ? message + " " + OFFLINE_HINT : message;
    }
    private static final int BUFFER_SIZE = 64 * 1024;
    /** Stop a prefetch that keeps failing (offline, blocked) rather than time out 200 more times. */
    private static final int PREFETCH_GIVE_UP_AFTER = 3;

    /**
     * Where images come from.
     *
     * @param localImagesDir  optional folder laid out as {@code KEY/FILE}, used without download or check
     * @param cacheDir        folder for downloaded images (created when needed)
     * @param downloadBaseUrl optional mirror: images are fetched from {@code base/KEY/FILE} instead of each
     *                        template's own URL (config {@code templates.download_base_url}; tests use it to
     *                        point at a local server)
     * @param maxImageBytes   larger downloads are refused
     */
    public record Settings(Path localImagesDir, Path cacheDir, URI downloadBaseUrl, long maxImageBytes) {

        public static final long DEFAULT_MAX_IMAGE_BYTES = 32L * 1024 * 1024;

        public Settings {
            Objects.requireNonNull(cacheDir, "cacheDir");
            if (downloadBaseUrl != null) {
                String scheme = Objects.toString(downloadBaseUrl.getScheme(), "").toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || downloadBaseUrl.getHost() == null) {
                    throw new IllegalArgumentException("download base URL must be an absolute http(s) URL, got '"
                            + downloadBaseUrl + "'");
                }
                String path = Objects.toString(downloadBaseUrl.getRawPath(), "");
                if (!path.endsWith("/")) {
                    // "https://mirror/memegen" means the folder, not a file next to it
                    downloadBaseUrl = URI.create(downloadBaseUrl.getScheme() + "://"
                            + downloadBaseUrl.getRawAuthority() + path + "/");
                }
            }
            if (maxImageBytes <= 0) {
                throw new IllegalArgumentException("maxImageBytes must be positive");
            }
        }

        /** Download into {@code cacheDir} from each template's own URL; no local images folder. */
        public static Settings cache(Path cacheDir) {
            return new Settings(null, cacheDir, null, DEFAULT_MAX_IMAGE_BYTES);
        }

        public Settings withLocalImages(Path dir) {
            return new Settings(dir, cacheDir, downloadBaseUrl, maxImageBytes);
        }

        public Settings withDownloadBaseUrl(URI base) {
            return new Settings(localImagesDir, cacheDir, base, maxImageBytes);
        }

        public Settings withMaxImageBytes(long max) {
            return new Settings(localImagesDir, cacheDir, downloadBaseUrl, max);
        }
    }

    /**
     * Outcome of {@link #prefetch}.
     *
     * @param failures template key → user-safe reason, for templates that are still missing
     */
    public record PrefetchResult(int total, int alreadyPresent, int downloaded, Map<String, String> failures) {
        public PrefetchResult {
            failures = Map.copyOf(failures);
        }

        public boolean complete() {
            return failures.isEmpty();
        }
    }

    private record Located(Path path, boolean downloaded) {
    }

    private final Settings settings;
    private final ImageFetcher fetcher;
    private final TemplateDownloadListener listener;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    /** "key/file@sha256" of cached files already hashed by this process. */
    private final Set<String> verified = ConcurrentHashMap.newKeySet();

    public TemplateImageStore(Settings settings, ImageFetcher fetcher, TemplateDownloadListener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.listener = listener == null ? new TemplateDownloadListener() { } : listener;
    }

    @Override
    public Path locate(MemeTemplate template) throws TemplateImageException {
        return find(template).path();
    }

    /** Where the image is downloaded from: the mirror when one is configured, else the template's URL. */
    public URI downloadUri(MemeTemplate template) {
        URI base = settings.downloadBaseUrl();
        return base == null ? template.sourceUrl() : base.resolve(template.key() + "/" + template.imageFile());
    }

    /**
     * Makes sure every template's image is on disk, downloading the missing ones one after another
     * (first start). Never throws for a single template; gives up on the rest after
     * {@value #PREFETCH_GIVE_UP_AFTER} downloads in a row fail.
     */
    public PrefetchResult prefetch(Collection<MemeTemplate> templates) {
        int total = templates.size();
        int done = 0;
        int present = 0;
        int downloaded = 0;
        int failingInARow = 0;
        Map<String, String> failures = new LinkedHashMap<>();
        for (MemeTemplate template : templates) {
            done++;
            boolean fetched = false;
            if (failingInARow >= PREFETCH_GIVE_UP_AFTER) {
                failures.put(template.key(), "not tried: the previous downloads failed");
            } else {
                try {
                    Located located = find(template);
                    fetched = located.downloaded();
                    if (fetched) {
                        downloaded++;
                    } else {
                        present++;
                    }
                    failingInARow = 0;
                } catch (TemplateImageException e) {
                    failures.put(template.key(), e.getMessage());
                    failingInARow++;
                }
            }
            int doneNow = done;
            boolean fetchedNow = fetched;
            notifyListener(() -> listener.prefetchProgress(doneNow, total, template, fetchedNow));
        }
        if (failures.isEmpty()) {
            log.info("Template images ready: {} present, {} downloaded", present, downloaded);
        } else {
            log.warn("Template images: {} present, {} downloaded, {} missing (first: {}: {})", present, downloaded,
                    failures.size(), failures.keySet().iterator().next(), failures.values().iterator().next());
        }
        return new PrefetchResult(total, present, downloaded, failures);
    }

    private Located find(MemeTemplate template) throws TemplateImageException {
        Path local = localCopy(template);
        if (local != null) {
            return new Located(local, false);
        }
        Path cached = cachePath(template);
        String token = template.key() + "/" + template.imageFile() + "@" + template.sha256();
        if (verified.contains(token) && Files.isRegularFile(cached)) {
            return new Located(cached, false);
        }
        Object lock = locks.computeIfAbsent(template.key(), k -> new Object());
        synchronized (lock) {
            // Whoever held the lock before us may have just downloaded it.
            if (verified.contains(token) && Files.isRegularFile(cached)) {
                return new Located(cached, false);
            }
            if (Files.isRegularFile(cached) && cachedCopyIsIntact(template, cached)) {
                verified.add(token);
                return new Located(cached, false);
            }
            download(template, cached);
            verified.add(token);
            return new Located(cached, true);
        }
    }

    private Path localCopy(MemeTemplate template) {
        if (settings.localImagesDir() == null) {
            return null;
        }
        Path local = settings.localImagesDir().resolve(template.key()).resolve(template.imageFile());
        return Files.isRegularFile(local) ? local : null;
    }

    private Path cachePath(MemeTemplate template) {
        return settings.cacheDir().resolve(template.key()).resolve(template.imageFile());
    }

    /** A cached file can rot (disk trouble, a hand copy): check it once before trusting it. */
    private boolean cachedCopyIsIntact(MemeTemplate template, Path cached) {
        try {
            MessageDigest digest = sha256();
            try (InputStream in = Files.newInputStream(cached)) {
                byte[] buffer = new byte[BUFFER_SIZE];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    digest.update(buffer, 0, n);
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (actual.equals(template.sha256())) {
                return true;
            }
            log.warn("Cached image {} of template {} has sha256 {} but {} is pinned; downloading it again",
                    cached, template.key(), actual, template.sha256());
            Files.deleteIfExists(cached);
        } catch (IOException e) {
            log.warn("Cannot read cached image {} of template {} ({}); downloading it again", cached, template.key(),
                    e.toString());
        }
        return false;
    }

    private void download(MemeTemplate template, Path target) throws TemplateImageException {
        String key = template.key();
        URI uri = downloadUri(template);
        Path temp;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + template.imageFile() + ".", ".part");
        } catch (IOException e) {
            log.warn("Cannot write to the template image cache {}: {}", settings.cacheDir(), e.toString());
            throw new TemplateImageException("The template image cache folder is not writable.", e);
        }
        try {
            long bytes = fetchInto(template, uri, temp);
            moveIntoPlace(temp, target);
            log.debug("Stored template image {} ({} bytes) from {}", key, bytes, loggable(uri));
            long finalBytes = bytes;
            notifyListener(() -> listener.downloadFinished(template, finalBytes));
        } catch (IOException e) {
            log.warn("Download of template image {} from {} failed: {}", key, loggable(uri), e.toString());
            throw new TemplateImageException("The image for template '" + key + "' " + DOWNLOAD_FAILED + " ("
                    + reason(e) + ").", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                log.warn("Cannot delete temporary download {}: {}", temp, e.toString());
            }
        }
    }

    /** Streams the body into {@code temp} while hashing it; returns the byte count of a verified file. */
    private long fetchInto(MemeTemplate template, URI uri, Path temp) throws IOException, TemplateImageException {
        String key = template.key();
        try (ImageFetcher.Response response = fetcher.get(uri)) {
            int status = response.status();
            if (status == 404 || status == 410) {
                log.warn("Template image {} not found at {} (HTTP {})", key, loggable(uri), status);
                throw new TemplateImageException("The image for template '" + key
                        + "' is not available from its download source (HTTP " + status + ").");
            }
            if (status < 200 || status > 299) {
                log.warn("Template image {} from {}: HTTP {}", key, loggable(uri), status);
                throw new TemplateImageException("The image for template '" + key + "' " + DOWNLOAD_FAILED + " (HTTP "
                        + status + ").");
            }
            long total = response.contentLength();
            if (total > settings.maxImageBytes()) {
                throw tooLarge(template, uri, total);
            }
            notifyListener(() -> listener.downloadStarted(template, total));
            MessageDigest digest = sha256();
            long bytes = 0;
            try (InputStream in = response.body(); OutputStream out = Files.newOutputStream(temp)) {
                byte[] buffer = new byte[BUFFER_SIZE];
                for (int n; (n = in.read(buffer)) != -1; ) {
                    bytes += n;
                    if (bytes > settings.maxImageBytes()) {
                        throw tooLarge(template, uri, bytes);
                    }
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    long soFar = bytes;
                    notifyListener(() -> listener.downloadProgress(template, soFar, total));
                }
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(template.sha256())) {
                log.warn("Refused template image {} from {}: sha256 mismatch, expected {} but got {} ({} bytes)",
                        key, loggable(uri), template.sha256(), actual, bytes);
                throw new TemplateImageException("The downloaded image for template '" + key
                        + "' did not match its pinned checksum and was not used.");
            }
            return bytes;
        }
    }

    private TemplateImageException tooLarge(MemeTemplate template, URI uri, long bytes) {
        log.warn("Refused template image {} from {}: {} bytes is over the {} byte limit", template.key(),
                loggable(uri), bytes, settings.maxImageBytes());
        return new TemplateImageException("The image for template '" + template.key() + "' is larger than "
                + LoggingDownloadListener.size(settings.maxImageBytes()) + " and was not used.");
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A few words a chat user can understand; the details go to the log. */
    private static String reason(IOException e) {
        if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
            return "timed out";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return "connection failed";
        }
        return "network error";
    }

    /** Scheme, host and path only: a mirror URL's user info or query may hold a secret. */
    private static String loggable(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
                + Objects.toString(uri.getRawPath(), "");
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("Template download listener failed: {}", e.toString());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
