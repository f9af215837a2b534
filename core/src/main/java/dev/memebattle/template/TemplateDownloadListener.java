package dev.memebattle.template;

/**
 * Progress of template image downloads, e.g. for a first-start progress line. Called on the
 * downloading thread; implementations must be quick and thread-safe (different templates may
 * download at the same time). Exceptions thrown here are logged and ignored.
 */
public interface TemplateDownloadListener {

    /** A download starts; {@code totalBytes} is -1 when the server does not say. */
    default void downloadStarted(MemeTemplate template, long totalBytes) {
    }

    /** More bytes arrived (called for every chunk: throttle any output). */
    default void downloadProgress(MemeTemplate template, long bytes, long totalBytes) {
    }

    /** The image was downloaded, verified and stored. */
    default void downloadFinished(MemeTemplate template, long bytes) {
    }

    /** {@link TemplateImageStore#prefetch}: {@code done} of {@code total} templates handled. */
    default void prefetchProgress(int done, int total, MemeTemplate template, boolean downloaded) {
    }
}
