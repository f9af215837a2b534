package dev.memebattle.picture;

import java.awt.image.BufferedImage;
import java.time.Duration;

/** A picture someone sent that passed {@link PictureReader}'s checks. */
public sealed interface Picture {

    /** Hex sha256 of the bytes as sent: the same picture sent twice is the same picture. */
    String id();

    int width();

    int height();

    /**
     * A still picture as decoded: EXIF orientation applied, RGB, no metadata (nothing of the file but
     * its pixels goes further).
     */
    record Still(String id, BufferedImage image) implements Picture {
        @Override
        public int width() {
            return image.getWidth();
        }

        @Override
        public int height() {
            return image.getHeight();
        }
    }

    /** An animated GIF within the frame and duration limits; decoded frame by frame by the renderer. */
    record Animated(String id, byte[] gif, int width, int height, int frames, Duration duration) implements Picture {
    }
}
