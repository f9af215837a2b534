package dev.memebattle.picture;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Checks and decodes a picture people send, cheapest checks first: size, then the format from the
 * file's first bytes (not its name), then the dimensions from the header (a decompression bomb is
 * refused before a pixel is decoded), then for GIFs the frame count and play time. Only then is
 * anything decoded; a file the decoder warns about (cut off, damaged) is refused too. JPEG, PNG and
 * GIF use the JDK's decoders, WebP TwelveMonkeys' (a still; an animated WebP gives its first frame).
 */
public final class PictureReader {

    private static final String GIF_METADATA = "javax_imageio_gif_image_1.0";
    /** Frames × pixels a GIF may decode to: what the renderer holds in memory while it writes. */
    private static final long MAX_ANIMATION_PIXELS = 80_000_000L;

    private final PictureLimits limits;

    public PictureReader(PictureLimits limits) {
        this.limits = limits;
    }

    public PictureLimits limits() {
        return limits;
    }

    /** The formats by their first bytes; null when it is none of them. */
    enum Format {
        JPEG("jpeg"), PNG("png"), GIF("gif"), WEBP("webp");

        final String imageIoName;

        Format(String imageIoName) {
            this.imageIoName = imageIoName;
        }

        static Format sniff(byte[] b) {
            if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
                return JPEG;
            }
            if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
                return PNG;
            }
            if (b.length >= 6 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
                return GIF;
            }
            if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                    && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
                return WEBP;
            }
            return null;
        }
    }

    /** A picture file on this machine (the command line's): its size is checked before it is read. */
    public Picture read(Path file) throws IOException, UnusablePicture {
        limits.checkSize(Files.size(file));
        return read(Files.readAllBytes(file));
    }

    public Picture read(byte[] bytes) throws UnusablePicture {
        if (bytes.length == 0) {
            throw new UnusablePicture("That file is empty — send a picture (JPEG, PNG, GIF or WebP).");
        }
        limits.checkSize(bytes.length);
        Format format = Format.sniff(bytes);
        if (format == null) {
            throw new UnusablePicture("That isn't a picture I can use — send a JPEG, PNG, GIF or WebP.");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw new UnusablePicture("I can't read " + format.name() + " pictures here — send a JPEG, PNG or GIF.");
        }
        ImageReader reader = readers.next();
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, false, format != Format.GIF);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if ((long) width * height > limits.maxPixels()) {
                throw new UnusablePicture("That picture is " + width + "×" + height + " pixels; the most I take is "
                        + limits.maxPixels() / 1_000_000 + " megapixels.");
            }
            if (format == Format.GIF) {
                Picture gif = animation(reader, bytes, width, height);
                if (gif != null) {
                    return gif;
                }
            }
            BufferedImage image = reader.read(0);
            if (!warnings.isEmpty()) {
                throw new UnusablePicture("That picture is damaged or cut off — send it again.");
            }
            BufferedImage rgb = Orientation.upright(toRgb(image), format == Format.JPEG ? exifOrientation(bytes) : 1);
            return new Picture.Still(sha256(bytes), rgb);
        } catch (UnusablePicture e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UnusablePicture("That picture is damaged or cut off — send it again.", e);
        } finally {
            reader.dispose();
        }
    }

    /** An animated GIF within the limits, or null for a GIF of one frame (a still). */
    private Picture animation(ImageReader reader, byte[] bytes, int width, int height) throws IOException, UnusablePicture {
        int frames = 0;
        long centis = 0;
        while (true) {
            IIOMetadata metadata;
            try {
                metadata = reader.getImageMetadata(frames);
            } catch (IndexOutOfBoundsException end) {
                break;
            }
            frames++;
            if (frames > limits.maxFrames()) {
                throw new UnusablePicture("That GIF has more than " + limits.maxFrames() + " frames; send a shorter one.");
            }
            centis += delayCentis(metadata);
            if (centis * 10 > limits.maxDuration().toMillis()) {
                throw new UnusablePicture("That GIF plays longer than " + limits.maxDuration().toSeconds()
                        + " s; send a shorter one.");
            }
        }
        if (frames == 0) {
            throw new UnusablePicture("That picture is damaged or cut off — send it again.");
        }
        if (frames == 1) {
            return null;
        }
        if ((long) frames * width * height > MAX_ANIMATION_PIXELS) {
            throw new UnusablePicture("That GIF is too big to animate (" + frames + " frames of " + width + "×"
                    + height + "); send a smaller or shorter one.");
        }
        reader.read(frames - 1); // the last frame decodes: the file is not cut off
        return new Picture.Animated(sha256(bytes), bytes, width, height, frames, Duration.ofMillis(centis * 10));
    }

    private static long delayCentis(IIOMetadata metadata) {
        Node root = metadata.getAsTree(GIF_METADATA);
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeName().equals("GraphicControlExtension")) {
                Node delay = n.getAttributes().getNamedItem("delayTime");
                return delay == null ? 0 : Math.max(0, Long.parseLong(delay.getNodeValue()));
            }
        }
        return 0;
    }

    /** The EXIF orientation (1–8) of a JPEG, 1 when it has none or it cannot be read. */
    static int exifOrientation(byte[] jpeg) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            for (JPEGSegment segment : JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif")) {
                byte[] data = segment.data().readAllBytes();
                int start = tiffStart(data); // after what is left of the "Exif\0\0" identifier
                try (ImageInputStream exif = ImageIO.createImageInputStream(
                        new ByteArrayInputStream(data, start, data.length - start))) {
                    Directory directory = new TIFFReader().read(exif);
                    Entry orientation = directory.getEntryById(TIFF.TAG_ORIENTATION);
                    if (orientation != null && orientation.getValue() instanceof Number n
                            && n.intValue() >= 1 && n.intValue() <= 8) {
                        return n.intValue();
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            return 1; // a broken EXIF block changes nothing: the picture is shown as stored
        }
        return 1;
    }

    /** Where the TIFF structure ("II" or "MM") begins within the first bytes of an EXIF segment. */
    private static int tiffStart(byte[] data) {
        for (int i = 0; i + 1 < Math.min(data.length, 8); i++) {
            if (data[i] == data[i + 1] && (data[i] == 'I' || data[i] == 'M')) {
                return i;
            }
        }
        return 0;
    }

    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        var g = rgb.createGraphics();
        g.setColor(java.awt.Color.WHITE); // transparent parts become white, as a chat shows them
        g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return rgb;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
