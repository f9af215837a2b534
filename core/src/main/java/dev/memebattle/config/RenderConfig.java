package dev.memebattle.config;

/**
 * @param maxSide     longest side of an output image, pixels
 * @param maxBytes    output size limit (Discord allows ~10 MiB, Telegram photos 10 MB)
 * @param jpegQuality 0..1
 */
public record RenderConfig(Integer maxSide, Integer maxBytes, Double jpegQuality) {
    static final RenderConfig DEFAULTS = new RenderConfig(null, null, null);

    public RenderConfig {
        maxSide = maxSide == null ? 1024 : maxSide;
        maxBytes = maxBytes == null ? 8_000_000 : maxBytes;
        jpegQuality = jpegQuality == null ? 0.9 : jpegQuality;
        // a value out of range is a mistake to report, not to round silently into a 64-pixel meme
        if (maxSide < 64 || maxSide > 4096) {
            throw new ConfigException("render.max_side must be 64 to 4096 pixels (default 1024), not " + maxSide);
        }
        if (maxBytes < 100_000 || maxBytes > 50_000_000) {
            throw new ConfigException("render.max_bytes must be 100000 to 50000000 (default 8000000), not " + maxBytes);
        }
        if (!(jpegQuality >= 0.3 && jpegQuality <= 1.0)) {
            throw new ConfigException("render.jpeg_quality must be 0.3 to 1.0 (default 0.9), not " + jpegQuality);
        }
    }
}
