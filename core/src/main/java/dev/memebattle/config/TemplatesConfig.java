package dev.memebattle.config;

/**
 * @param definitionsDir  folder with one {@code KEY.yml} per template
 * @param imagesDir       local folder with {@code KEY/default.*} images; empty → download into {@code cacheDir}
 * @param cacheDir        where downloaded (sha256-verified) images are kept
 * @param downloadBaseUrl replaces the host part of each template's source URL (mirrors, tests); empty = as written
 * @param prefetch        download all missing images in the background at start
 */
public record TemplatesConfig(String definitionsDir, String imagesDir, String cacheDir,
                              String downloadBaseUrl, Boolean prefetch) {
    static final TemplatesConfig DEFAULTS = new TemplatesConfig(null, null, null, null, null);

    public TemplatesConfig {
        definitionsDir = orDefault(definitionsDir, "templates");
        imagesDir = imagesDir == null ? "" : imagesDir;
        cacheDir = orDefault(cacheDir, "cache/templates");
        downloadBaseUrl = downloadBaseUrl == null ? "" : downloadBaseUrl;
        prefetch = prefetch == null ? Boolean.TRUE : prefetch;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
