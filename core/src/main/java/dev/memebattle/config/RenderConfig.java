package dev.memebattle.config;

/**
 * @param maxSide     longest side of an output image, pixels
 * @param maxBytes    output size limit (Discord allows ~10 MiB, Telegram photos 10 MB)
 * @param jpegQuality 0..1
 */
public record RenderConfig(Integer maxSide, Integer maxBytes, Double jpegQuality) {
    static final RenderConfig DEFAULTS = new RenderConfig(null, null, null);

    public RenderConfig {
        maxSide = maxSide == null ? 1024 : Math.max(64, maxSide);
        maxBytes = maxBytes == null ? 8_000_000 : Math.max(100_000, maxBytes);
        jpegQuality = jpegQuality == null ? 0.9 : Math.min(1.0, Math.max(0.3, jpegQuality));
    }
}
