package dev.memebattle.config;

import dev.memebattle.picture.PictureLimits;
import dev.memebattle.picture.SavedTemplateStore;

import java.time.Duration;

/**
 * What people's own pictures may be (checked before anything is decoded).
 *
 * @param maxMb          file size, megabytes (also the limit while downloading)
 * @param maxMegapixels  width × height, millions of pixels
 * @param maxGifFrames   frames of an animated GIF
 * @param maxGifSeconds  play time of an animated GIF
 * @param savedPerChat   how many templates of its own one chat may save
 * @param savedMbPerChat how many megabytes their pictures (as kept: scaled, re-encoded) may take
 */
public record PicturesConfig(Integer maxMb, Integer maxMegapixels, Integer maxGifFrames, Integer maxGifSeconds,
                             Integer savedPerChat, Integer savedMbPerChat) {
    static final PicturesConfig DEFAULTS = new PicturesConfig(null, null, null, null, null, null);

    public PicturesConfig {
        PictureLimits d = PictureLimits.defaults();
        maxMb = maxMb == null ? (int) (d.maxBytes() / (1024 * 1024)) : maxMb;
        maxMegapixels = maxMegapixels == null ? (int) (d.maxPixels() / 1_000_000) : maxMegapixels;
        maxGifFrames = maxGifFrames == null ? d.maxFrames() : maxGifFrames;
        maxGifSeconds = maxGifSeconds == null ? (int) d.maxDuration().toSeconds() : maxGifSeconds;
        check("pictures.max_mb", maxMb, 1, 50);
        check("pictures.max_megapixels", maxMegapixels, 1, 100);
        check("pictures.max_gif_frames", maxGifFrames, 1, 1000);
        check("pictures.max_gif_seconds", maxGifSeconds, 1, 120);
        savedPerChat = savedPerChat == null ? 50 : savedPerChat;
        savedMbPerChat = savedMbPerChat == null ? 25 : savedMbPerChat;
        check("pictures.saved_per_chat", savedPerChat, 0, 1000);
        check("pictures.saved_mb_per_chat", savedMbPerChat, 0, 1000);
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(key + " must be " + min + " to " + max + ", not " + value);
        }
    }

    public SavedTemplateStore.Quota savedQuota() {
        return new SavedTemplateStore.Quota(savedPerChat, (long) savedMbPerChat * 1024 * 1024);
    }

    public PictureLimits limits() {
        return new PictureLimits((long) maxMb * 1024 * 1024, (long) maxMegapixels * 1_000_000, maxGifFrames,
                Duration.ofSeconds(maxGifSeconds));
    }
}
