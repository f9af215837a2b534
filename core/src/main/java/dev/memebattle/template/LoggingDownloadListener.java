package dev.memebattle.template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Reports downloads through SLF4J: one line per file, progress at most every two seconds. */
public final class LoggingDownloadListener implements TemplateDownloadListener {

    private static final Logger log = LoggerFactory.getLogger(LoggingDownloadListener.class);
    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    private final Map<String, Long> lastReport = new ConcurrentHashMap<>();

    @Override
    public void downloadStarted(MemeTemplate template, long totalBytes) {
        lastReport.put(template.key(), System.nanoTime());
        log.info("Downloading template image {} ({})", template.key(), totalBytes < 0 ? "size unknown" : size(totalBytes));
    }

    @Override
    public void downloadProgress(MemeTemplate template, long bytes, long totalBytes) {
        long now = System.nanoTime();
        Long last = lastReport.get(template.key());
        if (last != null && now - last >= PROGRESS_INTERVAL_NANOS) {
            lastReport.put(template.key(), now);
            log.info("  {}: {} of {}", template.key(), size(bytes), totalBytes < 0 ? "?" : size(totalBytes));
        }
    }

    @Override
    public void downloadFinished(MemeTemplate template, long bytes) {
        lastReport.remove(template.key());
        log.debug("Downloaded and verified template image {} ({})", template.key(), size(bytes));
    }

    @Override
    public void prefetchProgress(int done, int total, MemeTemplate template, boolean downloaded) {
        if (downloaded || done == total) {
            log.info("{}/{} templates ready{}", done, total, downloaded ? " (downloaded " + template.key() + ")" : "");
        }
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
