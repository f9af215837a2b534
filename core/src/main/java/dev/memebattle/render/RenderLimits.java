package dev.memebattle.render;

/**
 * Bounds on what the renderer produces and keeps in memory.
 *
 * @param maxLongSide        longest output side in pixels; larger templates are downscaled before text is drawn
 * @param maxBytes           encoded output size cap (chat platforms refuse larger uploads); quality, then scale,
 *                           is lowered until the image fits
 * @param jpegQuality        starting JPEG quality, 0..1
 * @param maxCharsPerBox     longer text is cut before layout, so huge input cannot cost seconds
 * @param templateCacheBytes memory budget for decoded (and already downscaled) template images
 */
public record RenderLimits(int maxLongSide, long maxBytes, float jpegQuality, int maxCharsPerBox,
                           long templateCacheBytes) {

    public RenderLimits {
        if (maxLongSide < 64) {
            throw new IllegalArgumentException("maxLongSide must be at least 64 px, got " + maxLongSide);
        }
        if (maxBytes < 16 * 1024) {
            throw new IllegalArgumentException("maxBytes must be at least 16 KiB, got " + maxBytes);
        }
        if (!(jpegQuality > 0f && jpegQuality <= 1f)) {
            throw new IllegalArgumentException("jpegQuality must be in (0, 1], got " + jpegQuality);
        }
        if (maxCharsPerBox < 1) {
            throw new IllegalArgumentException("maxCharsPerBox must be positive, got " + maxCharsPerBox);
        }
        if (templateCacheBytes < 0) {
            throw new IllegalArgumentException("templateCacheBytes must not be negative");
        }
    }

    /** 1024 px long side, 8 MiB, JPEG quality 0.9, 2,000 characters per box, 256 MiB of decoded templates. */
    public static RenderLimits defaults() {
        return new RenderLimits(1024, 8L * 1024 * 1024, 0.9f, 2000, 256L * 1024 * 1024);
    }

    public RenderLimits withMaxLongSide(int px) {
        return new RenderLimits(px, maxBytes, jpegQuality, maxCharsPerBox, templateCacheBytes);
    }

    public RenderLimits withMaxBytes(long bytes) {
        return new RenderLimits(maxLongSide, bytes, jpegQuality, maxCharsPerBox, templateCacheBytes);
    }
}
