package dev.memebattle.render;

import java.util.Arrays;
import java.util.Objects;

/**
 * An encoded meme image, ready to upload.
 *
 * @param frames 1 for still images, the frame count for animated GIFs
 */
public record RenderedMeme(byte[] bytes, ImageFormat format, int width, int height, int frames) {

    public RenderedMeme {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(format, "format");
    }

    public String mimeType() {
        return format.mimeType();
    }

    /** Without the dot: "jpg", "png", "gif". */
    public String fileExtension() {
        return format.fileExtension();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RenderedMeme m && Arrays.equals(bytes, m.bytes) && format == m.format
                && width == m.width && height == m.height && frames == m.frames;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bytes), format, width, height, frames);
    }

    @Override
    public String toString() {
        return "RenderedMeme[" + format + " " + width + "x" + height + ", " + frames + " frame(s), "
                + bytes.length + " bytes]";
    }
}
