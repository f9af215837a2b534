package dev.memebattle.picture;

import java.time.Duration;

/**
 * What a picture people send may be: checked before anything is decoded, so a hostile file (a
 * decompression bomb, a thousand-frame GIF) costs a header read, not the machine's memory.
 *
 * @param maxBytes    file size (also the limit while downloading it)
 * @param maxPixels   width × height of a frame (a 12-megapixel phone photo is fine; 20,000² is not)
 * @param maxFrames   frames of an animated GIF
 * @param maxDuration total play time of an animated GIF
 */
public record PictureLimits(long maxBytes, long maxPixels, int maxFrames, Duration maxDuration) {

    public PictureLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || maxFrames <= 0 || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("picture limits must be positive");
        }
    }

    public static PictureLimits defaults() {
        return new PictureLimits(10L * 1024 * 1024, 40_000_000L, 300, Duration.ofSeconds(30));
    }
}
