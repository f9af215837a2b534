package dev.memebattle.render;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * JPEG and PNG encoding with ImageIO, in memory (a {@link MemoryCacheImageOutputStream}: ImageIO's default
 * stream would go through a temporary file).
 */
final class StillEncoder {

    byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            return write(writer, image, param, image.getWidth() * image.getHeight() / 4);
        } finally {
            writer.dispose();
        }
    }

    byte[] png(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            return write(writer, image, writer.getDefaultWriteParam(), image.getWidth() * image.getHeight());
        } finally {
            writer.dispose();
        }
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, ImageWriteParam param, int sizeHint) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(8192, sizeHint));
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("image encoding failed", e);
        }
        return bytes.toByteArray();
    }
}
