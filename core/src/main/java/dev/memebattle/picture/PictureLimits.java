package dev.memebattle.picture;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;

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

    /** Refuses a file whose size (as declared by the platform, or on disk) is over the limit, before reading it. */
    public void checkSize(long bytes) throws UnusablePicture {
        if (bytes > maxBytes) {
            throw new UnusablePicture("That picture is " + megabytes(bytes) + "; the most I take is " + megabytes(maxBytes) + ".");
        }
    }

    /** Reads a download, stopping at the limit: a declared size may be wrong. */
    public byte[] readAtMost(InputStream in) throws IOException, UnusablePicture {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new UnusablePicture("That picture is larger than " + megabytes(maxBytes) + ", the most I take.");
        }
        return bytes;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
