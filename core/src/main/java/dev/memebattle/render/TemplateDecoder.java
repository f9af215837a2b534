package dev.memebattle.render;

import dev.memebattle.template.TemplateImageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes template image bytes (JPEG, PNG, GIF, anything ImageIO reads) into a {@link TemplateImage} at output
 * size. Animated GIFs are composed frame by frame as a browser shows them: each frame drawn at its offset over
 * the previous canvas, honouring transparency and the disposal methods (none/keep, restore to background,
 * restore to previous).
 */
final class TemplateDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateDecoder.class);
    private static final String GIF_IMAGE_FORMAT = "javax_imageio_gif_image_1.0";
    /** Refuse decompression bombs before allocating anything. */
    private static final long MAX_SOURCE_PIXELS = 40_000_000L;
    private static final int MAX_FRAMES = 1000;
    private static final long MAX_ANIMATION_PIXELS = 80_000_000L;

    private final int maxLongSide;

    TemplateDecoder(int maxLongSide) {
        this.maxLongSide = maxLongSide;
    }

    /**
     * @param name used in error messages (the template key)
     * @throws TemplateImageException with a short, user-safe message
     */
    TemplateImage decode(byte[] bytes, String name) throws TemplateImageException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new TemplateImageException("the image of template '" + name + "' is not in a known image format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                boolean gif = "gif".equalsIgnoreCase(reader.getFormatName());
                if (gif) {
                    int frames = reader.getNumImages(true);
                    if (frames > 1) {
                        return decodeAnimation(reader, frames, name);
                    }
                }
                return decodeStill(reader, name);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Decoding the image of template '{}' failed", name, e);
            throw new TemplateImageException("the image of template '" + name + "' is corrupt or cannot be decoded");
        }
    }

    private StillImage decodeStill(ImageReader reader, String name) throws IOException, TemplateImageException {
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        checkSize(w, h, name);
        ImageReadParam param = reader.getDefaultReadParam();
        // Huge sources: let the decoder skip pixels, keeping at least 2x the output size for a clean downscale.
        int subsample = Math.max(1, Math.max(w, h) / (2 * maxLongSide));
        if (subsample > 1) {
            param.setSourceSubsampling(subsample, subsample, 0, 0);
        }
        BufferedImage decoded = reader.read(0, param);
        int[] size = ImageScaling.fitLongSide(w, h, maxLongSide);
        BufferedImage argb = ImageScaling.resize(decoded, size[0], size[1], BufferedImage.TYPE_INT_ARGB);
        BufferedImage opaque = ImageScaling.copy(argb, BufferedImage.TYPE_3BYTE_BGR, Color.WHITE);
        return new StillImage(opaque, ImageScaling.hasTransparentPixels(argb) ? argb : null);
    }

    private Animation decodeAnimation(ImageReader reader, int frameCount, String name)
            throws IOException, TemplateImageException {
        if (frameCount > MAX_FRAMES) {
            throw new TemplateImageException("the animation of template '" + name + "' has too many frames");
        }
        int[] screen = logicalScreen(reader);
        int width = screen[0];
        int height = screen[1];
        if (width <= 0 || height <= 0) {
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        }
        checkSize(width, height, name);
        int[] out = ImageScaling.fitLongSide(width, height, maxLongSide);
        if ((long) out[0] * out[1] * frameCount > MAX_ANIMATION_PIXELS) {
            throw new TemplateImageException("the animation of template '" + name + "' is too large");
        }

        int[] canvas = new int[width * height]; // ARGB; 0 = transparent (nothing drawn yet, or cleared)
        List<Animation.Frame> frames = new ArrayList<>(frameCount);
        int loopCount = -1;
        for (int i = 0; i < frameCount; i++) {
            FrameInfo info;
            BufferedImage raw;
            try {
                info = FrameInfo.of(reader.getImageMetadata(i));
                raw = reader.read(i);
            } catch (IOException | RuntimeException e) {
                if (frames.isEmpty()) {
                    throw e;
                }
                LOG.warn("Template '{}': frame {} of {} cannot be decoded; keeping the first {}", name, i,
                        frameCount, frames.size());
                break;
            }
            if (info.loopCount >= 0) {
                loopCount = info.loopCount;
            }
            int[] restore = "restoreToPrevious".equals(info.disposal) ? canvas.clone() : null;
            IndexColorModel icm = raw.getColorModel() instanceof IndexColorModel m ? m : null;
            drawFrame(canvas, width, height, raw, icm, info);

            BufferedImage composed = flatten(canvas, width, height);
            if (out[0] != width || out[1] != height) {
                composed = ImageScaling.resize(composed, out[0], out[1], BufferedImage.TYPE_INT_RGB);
            }
            frames.add(new Animation.Frame(composed, info.delayCentis, palette(icm, info)));

            if ("restoreToBackgroundColor".equals(info.disposal)) {
                // Browsers clear to transparent rather than to the background colour index.
                for (int y = Math.max(0, info.top); y < Math.min(height, info.top + raw.getHeight()); y++) {
                    for (int x = Math.max(0, info.left); x < Math.min(width, info.left + raw.getWidth()); x++) {
                        canvas[y * width + x] = 0;
                    }
                }
            } else if (restore != null) {
                canvas = restore;
            }
        }
        return new Animation(out[0], out[1], frames, loopCount);
    }

    private static void drawFrame(int[] canvas, int width, int height, BufferedImage raw, IndexColorModel icm,
                                  FrameInfo info) {
        Raster raster = raw.getRaster();
        int fw = raw.getWidth();
        int fh = raw.getHeight();
        int[] row = new int[fw];
        int[] argbRow = new int[fw];
        for (int y = 0; y < fh; y++) {
            int cy = info.top + y;
            if (cy < 0 || cy >= height) {
                continue;
            }
            if (icm != null) {
                raster.getSamples(0, y, fw, 1, 0, row);
            } else {
                raw.getRGB(0, y, fw, 1, argbRow, 0, fw);
            }
            for (int x = 0; x < fw; x++) {
                int cx = info.left + x;
                if (cx < 0 || cx >= width) {
                    continue;
                }
                int argb;
                if (icm != null) {
                    int index = row[x];
                    if ((info.transparent && index == info.transparentIndex) || index >= icm.getMapSize()) {
                        continue;
                    }
                    argb = icm.getRGB(index) | 0xFF000000;
                } else {
                    argb = argbRow[x];
                    if ((argb >>> 24) < 128) {
                        continue;
                    }
                    argb |= 0xFF000000;
                }
                canvas[cy * width + cx] = argb;
            }
        }
    }

    /** The canvas as an opaque image, transparent pixels white. */
    private static BufferedImage flatten(int[] canvas, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < canvas.length; i++) {
            int argb = canvas[i];
            dst[i] = (argb >>> 24) == 0 ? 0xFFFFFF : argb & 0xFFFFFF;
        }
        return img;
    }

    /** The frame's colour table without its transparent entry, duplicates removed; white if transparent. */
    private static int[] palette(IndexColorModel icm, FrameInfo info) {
        Set<Integer> colors = new LinkedHashSet<>();
        if (icm != null) {
            for (int i = 0; i < icm.getMapSize(); i++) {
                if (!(info.transparent && i == info.transparentIndex)) {
                    colors.add(icm.getRGB(i) & 0xFFFFFF);
                }
            }
        }
        colors.add(0xFFFFFF); // the flattened background
        return colors.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] logicalScreen(ImageReader reader) throws IOException {
        IIOMetadata stream = reader.getStreamMetadata();
        if (stream == null) {
            return new int[] {0, 0};
        }
        Node root = stream.getAsTree("javax_imageio_gif_stream_1.0");
        for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
            if ("LogicalScreenDescriptor".equals(c.getNodeName())) {
                Element e = (Element) c;
                return new int[] {intAttr(e, "logicalScreenWidth", 0), intAttr(e, "logicalScreenHeight", 0)};
            }
        }
        return new int[] {0, 0};
    }

    private void checkSize(int w, int h, String name) throws TemplateImageException {
        if (w <= 0 || h <= 0 || (long) w * h > MAX_SOURCE_PIXELS) {
            throw new TemplateImageException("the image of template '" + name + "' has unsupported dimensions " + w + "x" + h);
        }
    }

    private static int intAttr(Element e, String name, int fallback) {
        String v = e.getAttribute(name);
        try {
            return v.isEmpty() ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    /** What a GIF frame's metadata says about placement, timing, transparency and disposal. */
    private record FrameInfo(int left, int top, int delayCentis, String disposal, boolean transparent,
                             int transparentIndex, int loopCount) {

        static FrameInfo of(IIOMetadata metadata) {
            Node root = metadata.getAsTree(GIF_IMAGE_FORMAT);
            int left = 0;
            int top = 0;
            int delay = 0;
            String disposal = "none";
            boolean transparent = false;
            int transparentIndex = -1;
            int loop = -1;
            for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
                Element e = (Element) c;
                switch (c.getNodeName()) {
                    case "ImageDescriptor" -> {
                        left = intAttr(e, "imageLeftPosition", 0);
                        top = intAttr(e, "imageTopPosition", 0);
                    }
                    case "GraphicControlExtension" -> {
                        delay = intAttr(e, "delayTime", 0);
                        disposal = e.getAttribute("disposalMethod");
                        transparent = "TRUE".equalsIgnoreCase(e.getAttribute("transparentColorFlag"));
                        transparentIndex = intAttr(e, "transparentColorIndex", -1);
                    }
                    case "ApplicationExtensions" -> loop = netscapeLoop(e);
                    default -> {
                    }
                }
            }
            return new FrameInfo(left, top, delay, disposal, transparent, transparentIndex, loop);
        }

        private static int netscapeLoop(Element extensions) {
            for (Node n = extensions.getFirstChild(); n != null; n = n.getNextSibling()) {
                Element app = (Element) n;
                if ("NETSCAPE".equals(app.getAttribute("applicationID"))
                        && n instanceof IIOMetadataNode node && node.getUserObject() instanceof byte[] data
                        && data.length >= 3 && data[0] == 1) {
                    return (data[1] & 0xFF) | ((data[2] & 0xFF) << 8);
                }
            }
            return -1;
        }
    }
}
