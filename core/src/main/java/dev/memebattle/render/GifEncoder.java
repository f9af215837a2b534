package dev.memebattle.render;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an animated GIF with ImageIO.
 *
 * <p>Quantization: each frame is mapped to its own source frame's colour table (what the original GIF
 * used, so untouched pixels keep their exact colours), with the text colours added exactly (nearest
 * duplicates of the table are dropped to make room) and one slot kept for transparency. Frames after the
 * first store only the rectangle that changed since the previous frame, unchanged pixels in it transparent,
 * which keeps files close to the source's size.
 */
final class GifEncoder {

    private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";
    private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";

    /** One frame to write: the rendered RGB image, its delay, its source palette, colours to keep exact. */
    record Input(BufferedImage image, int delayCentis, int[] palette, Set<Integer> exactColors) {
    }

    byte[] encode(List<Input> frames, int loopCount) {
        if (frames.isEmpty()) {
            throw new IllegalArgumentException("no frames");
        }
        int width = frames.get(0).image().getWidth();
        int height = frames.get(0).image().getHeight();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            int[] globalPalette = palette(frames.get(0).palette(), frames.get(0).exactColors());
            IndexColorModel global = colorModel(globalPalette, -1);
            writer.prepareWriteSequence(streamMetadata(writer, param, width, height, global));
            int[] shown = null; // RGB of what a viewer shows after the previous frame
            int[] lastPalette = null;
            ColorIndex index = null;
            for (int f = 0; f < frames.size(); f++) {
                Input in = frames.get(f);
                int[] palette = f == 0 ? globalPalette : palette(in.palette(), in.exactColors());
                if (!Arrays.equals(palette, lastPalette)) {
                    index = new ColorIndex(palette);
                    lastPalette = palette;
                }
                int transparent = palette.length; // the slot after the colours
                int[] rgb = ((DataBufferInt) in.image().getRaster().getDataBuffer()).getData();
                int[] quantized = new int[rgb.length];
                byte[] indices = new byte[rgb.length];
                for (int i = 0; i < rgb.length; i++) {
                    int p = index.nearest(rgb[i] & 0xFFFFFF);
                    indices[i] = (byte) p;
                    quantized[i] = palette[p];
                }
                int x0 = 0;
                int y0 = 0;
                int x1 = width;
                int y1 = height;
                boolean useTransparency = false;
                if (shown != null) {
                    int[] box = changedBox(shown, quantized, width, height);
                    useTransparency = true;
                    if (box == null) {
                        box = new int[] {0, 0, 1, 1}; // nothing changed: a 1x1 transparent frame keeps the timing
                    }
                    x0 = box[0];
                    y0 = box[1];
                    x1 = box[2];
                    y1 = box[3];
                }
                IndexColorModel icm = colorModel(palette, useTransparency ? transparent : -1);
                BufferedImage frame = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_BYTE_INDEXED, icm);
                byte[] dst = ((DataBufferByte) frame.getRaster().getDataBuffer()).getData();
                int fw = x1 - x0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int i = y * width + x;
                        boolean same = useTransparency && shown[i] == quantized[i];
                        dst[(y - y0) * fw + (x - x0)] = same ? (byte) transparent : indices[i];
                    }
                }
                boolean local = !Arrays.equals(palette, globalPalette);
                IIOMetadata metadata = imageMetadata(writer, param, frame, x0, y0, in.delayCentis(),
                        useTransparency ? transparent : -1, f == 0 ? loopCount : -1, local ? icm : null);
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
                shown = quantized;
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException("GIF encoding failed", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Exact colours first, then the source palette (thinned if needed); at most 255 entries (one for transparency). */
    static int[] palette(int[] source, Set<Integer> exact) {
        Set<Integer> must = new LinkedHashSet<>();
        for (int c : exact) {
            must.add(c & 0xFFFFFF);
            if (must.size() == 64) {
                break;
            }
        }
        int room = 255 - must.size();
        int[] rest = Arrays.stream(source).map(c -> c & 0xFFFFFF).distinct().filter(c -> !must.contains(c)).toArray();
        rest = thin(rest, room);
        int[] palette = new int[must.size() + rest.length];
        int i = 0;
        for (int c : must) {
            palette[i++] = c;
        }
        System.arraycopy(rest, 0, palette, i, rest.length);
        return palette;
    }

    /** Drops one colour of the closest pair until at most {@code room} colours remain. */
    private static int[] thin(int[] colors, int room) {
        int n = colors.length;
        if (n <= room) {
            return colors;
        }
        int[] c = colors.clone();
        while (n > room) {
            long best = Long.MAX_VALUE;
            int drop = n - 1;
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    long d = distance(c[a], c[b]);
                    if (d < best) {
                        best = d;
                        drop = b;
                    }
                }
            }
            c[drop] = c[n - 1];
            n--;
        }
        return Arrays.copyOf(c, n);
    }

    static long distance(int c1, int c2) {
        int dr = ((c1 >> 16) & 0xFF) - ((c2 >> 16) & 0xFF);
        int dg = ((c1 >> 8) & 0xFF) - ((c2 >> 8) & 0xFF);
        int db = (c1 & 0xFF) - (c2 & 0xFF);
        return 3L * dr * dr + 4L * dg * dg + 2L * db * db;
    }

    /** Bounding box [x0, y0, x1, y1) of the pixels that differ, or null. */
    private static int[] changedBox(int[] before, int[] after, int width, int height) {
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (before[row + x] != after[row + x]) {
                    if (x < x0) {
                        x0 = x;
                    }
                    if (x > x1) {
                        x1 = x;
                    }
                    if (y < y0) {
                        y0 = y;
                    }
                    y1 = y;
                }
            }
        }
        return x1 < 0 ? null : new int[] {x0, y0, x1 + 1, y1 + 1};
    }

    /** Colour table padded to a power of two (GIF stores 2^n entries). */
    private static IndexColorModel colorModel(int[] palette, int transparentIndex) {
        int size = Math.max(palette.length + 1, 2);
        int bits = 1;
        while ((1 << bits) < size) {
            bits++;
        }
        int entries = 1 << bits;
        byte[] r = new byte[entries];
        byte[] g = new byte[entries];
        byte[] b = new byte[entries];
        for (int i = 0; i < palette.length; i++) {
            r[i] = (byte) (palette[i] >> 16);
            g[i] = (byte) (palette[i] >> 8);
            b[i] = (byte) palette[i];
        }
        return transparentIndex >= 0
                ? new IndexColorModel(8, entries, r, g, b, transparentIndex)
                : new IndexColorModel(8, entries, r, g, b);
    }

    /** Stream header: logical screen size and the first frame's colour table as the global one. */
    private static IIOMetadata streamMetadata(ImageWriter writer, ImageWriteParam param, int width, int height,
                                              IndexColorModel global) throws IOException {
        IIOMetadata metadata = writer.getDefaultStreamMetadata(param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(STREAM_FORMAT);
        IIOMetadataNode screen = child(root, "LogicalScreenDescriptor");
        screen.setAttribute("logicalScreenWidth", Integer.toString(width));
        screen.setAttribute("logicalScreenHeight", Integer.toString(height));
        screen.setAttribute("colorResolution", "8");
        screen.setAttribute("pixelAspectRatio", "0");
        // The writer's default global table is a fixed web palette; replace it.
        IIOMetadataNode old = child(root, "GlobalColorTable");
        root.removeChild(old);
        IIOMetadataNode table = colorTable("GlobalColorTable", "sizeOfGlobalColorTable", global);
        table.setAttribute("backgroundColorIndex", "0");
        root.appendChild(table);
        metadata.setFromTree(STREAM_FORMAT, root);
        return metadata;
    }

    private static IIOMetadataNode colorTable(String name, String sizeAttribute, IndexColorModel icm) {
        IIOMetadataNode table = new IIOMetadataNode(name);
        table.setAttribute(sizeAttribute, Integer.toString(icm.getMapSize()));
        table.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < icm.getMapSize(); i++) {
            IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
            entry.setAttribute("index", Integer.toString(i));
            entry.setAttribute("red", Integer.toString(icm.getRed(i)));
            entry.setAttribute("green", Integer.toString(icm.getGreen(i)));
            entry.setAttribute("blue", Integer.toString(icm.getBlue(i)));
            table.appendChild(entry);
        }
        return table;
    }

    private static IIOMetadata imageMetadata(ImageWriter writer, ImageWriteParam param, BufferedImage frame,
                                             int left, int top, int delayCentis, int transparentIndex,
                                             int loopCount, IndexColorModel localTable) throws IOException {
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(IMAGE_FORMAT);
        IIOMetadataNode descriptor = child(root, "ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(left));
        descriptor.setAttribute("imageTopPosition", Integer.toString(top));
        descriptor.setAttribute("imageWidth", Integer.toString(frame.getWidth()));
        descriptor.setAttribute("imageHeight", Integer.toString(frame.getHeight()));
        descriptor.setAttribute("interlaceFlag", "FALSE");
        for (int i = root.getLength() - 1; i >= 0; i--) {
            if ("LocalColorTable".equals(root.item(i).getNodeName())) {
                root.removeChild(root.item(i));
            }
        }
        if (localTable != null) {
            root.appendChild(colorTable("LocalColorTable", "sizeOfLocalColorTable", localTable));
        }
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "doNotDispose");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", transparentIndex >= 0 ? "TRUE" : "FALSE");
        control.setAttribute("transparentColorIndex", Integer.toString(Math.max(0, transparentIndex)));
        control.setAttribute("delayTime", Integer.toString(Math.max(0, Math.min(65535, delayCentis))));
        if (loopCount >= 0) {
            IIOMetadataNode extensions = child(root, "ApplicationExtensions");
            IIOMetadataNode netscape = new IIOMetadataNode("ApplicationExtension");
            netscape.setAttribute("applicationID", "NETSCAPE");
            netscape.setAttribute("authenticationCode", "2.0");
            netscape.setUserObject(new byte[] {1, (byte) (loopCount & 0xFF), (byte) ((loopCount >> 8) & 0xFF)});
            extensions.appendChild(netscape);
        }
        metadata.setFromTree(IMAGE_FORMAT, root);
        return metadata;
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    /** Nearest palette entry per RGB colour, memoized in an open-addressing hash table. */
    private static final class ColorIndex {
        private final int[] palette;
        private int[] keys;
        private byte[] values;
        private int count;

        ColorIndex(int[] palette) {
            this.palette = palette;
            this.keys = new int[4096];
            this.values = new byte[4096];
            Arrays.fill(keys, -1);
        }

        int nearest(int rgb) {
            int mask = keys.length - 1;
            int slot = mix(rgb) & mask;
            while (true) {
                int k = keys[slot];
                if (k == rgb) {
                    return values[slot] & 0xFF;
                }
                if (k == -1) {
                    break;
                }
                slot = (slot + 1) & mask;
            }
            int best = 0;
            long bestDistance = Long.MAX_VALUE;
            for (int i = 0; i < palette.length; i++) {
                long d = distance(rgb, palette[i]);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = i;
                    if (d == 0) {
                        break;
                    }
                }
            }
            keys[slot] = rgb;
            values[slot] = (byte) best;
            if (++count * 2 > keys.length) {
                grow();
            }
            return best;
        }

        private void grow() {
            int[] oldKeys = keys;
            byte[] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new byte[oldKeys.length * 2];
            Arrays.fill(keys, -1);
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != -1) {
                    int slot = mix(oldKeys[i]) & mask;
                    while (keys[slot] != -1) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    values[slot] = oldValues[i];
                }
            }
        }

        private static int mix(int x) {
            x *= 0x9E3779B1;
            return x ^ (x >>> 15);
        }
    }
}
