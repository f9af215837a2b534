package dev.memebattle.render;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Image helpers for render tests: decoding, pixel differences, GIF facts. */
final class Pixels {

    private Pixels() {
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new AssertionError("output is not a decodable image");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int channelDiff(int rgb1, int rgb2) {
        int dr = Math.abs(((rgb1 >> 16) & 0xFF) - ((rgb2 >> 16) & 0xFF));
        int dg = Math.abs(((rgb1 >> 8) & 0xFF) - ((rgb2 >> 8) & 0xFF));
        int db = Math.abs((rgb1 & 0xFF) - (rgb2 & 0xFF));
        return Math.max(dr, Math.max(dg, db));
    }

    /** Number of pixels inside {@code region} whose largest channel difference exceeds {@code tolerance}. */
    static int changedPixels(BufferedImage a, BufferedImage b, Rectangle region, int tolerance) {
        Rectangle r = region.intersection(new Rectangle(0, 0, a.getWidth(), a.getHeight()));
        int changed = 0;
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                if (channelDiff(a.getRGB(x, y), b.getRGB(x, y)) > tolerance) {
                    changed++;
                }
            }
        }
        return changed;
    }

    /** Bounding box of all pixels whose difference exceeds the tolerance, or null when none does. */
    static Rectangle changedBounds(BufferedImage a, BufferedImage b, int tolerance) {
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (channelDiff(a.getRGB(x, y), b.getRGB(x, y)) > tolerance) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? null : new Rectangle(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /** Number of pixels outside all the given regions that differ by more than the tolerance. */
    static int changedOutside(BufferedImage a, BufferedImage b, List<Rectangle> regions, int tolerance) {
        int changed = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                boolean inside = false;
                for (Rectangle r : regions) {
                    if (r.contains(x, y)) {
                        inside = true;
                        break;
                    }
                }
                if (!inside && channelDiff(a.getRGB(x, y), b.getRGB(x, y)) > tolerance) {
                    changed++;
                }
            }
        }
        return changed;
    }

    /** Mean absolute difference per channel (0..255) over the whole image. */
    static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        long sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                sum += Math.abs(((p >> 16) & 0xFF) - ((q >> 16) & 0xFF));
                sum += Math.abs(((p >> 8) & 0xFF) - ((q >> 8) & 0xFF));
                sum += Math.abs((p & 0xFF) - (q & 0xFF));
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    /**
     * Separate regions of coloured text: pixels that differ from {@code blank} by more than {@code tolerance}
     * and are clearly coloured (largest minus smallest channel at least {@code minChroma}; black outlines and
     * white text do not count), grouped on a grid of {@code cell}-pixel squares whose coloured neighbours
     * (8 directions) join them. Regions of fewer than {@code minCells} squares are ignored.
     *
     * @return the mean colour of each region, largest region first
     */
    static List<Color> colouredRegions(BufferedImage a, BufferedImage blank, int cell, int tolerance, int minChroma,
                                       int minCells) {
        int gw = (a.getWidth() + cell - 1) / cell;
        int gh = (a.getHeight() + cell - 1) / cell;
        long[][] sums = new long[gw * gh][];
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int r = (p >> 16) & 0xFF;
                int g = (p >> 8) & 0xFF;
                int b = p & 0xFF;
                int chroma = Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
                if (chroma >= minChroma && channelDiff(p, blank.getRGB(x, y)) > tolerance) {
                    int c = (y / cell) * gw + x / cell;
                    if (sums[c] == null) {
                        sums[c] = new long[4];
                    }
                    sums[c][0] += r;
                    sums[c][1] += g;
                    sums[c][2] += b;
                    sums[c][3]++;
                }
            }
        }
        List<long[]> regions = new ArrayList<>();
        boolean[] seen = new boolean[gw * gh];
        for (int start = 0; start < sums.length; start++) {
            if (sums[start] == null || seen[start]) {
                continue;
            }
            long[] region = new long[5];
            Deque<Integer> todo = new ArrayDeque<>(List.of(start));
            seen[start] = true;
            while (!todo.isEmpty()) {
                int c = todo.pop();
                for (int i = 0; i < 4; i++) {
                    region[i] += sums[c][i];
                }
                region[4]++;
                int cx = c % gw;
                int cy = c / gw;
                for (int dy = -1; dy <= 1; dy++) {
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = cx + dx;
                        int ny = cy + dy;
                        int n = ny * gw + nx;
                        if (nx >= 0 && ny >= 0 && nx < gw && ny < gh && sums[n] != null && !seen[n]) {
                            seen[n] = true;
                            todo.push(n);
                        }
                    }
                }
            }
            if (region[4] >= minCells) {
                regions.add(region);
            }
        }
        regions.sort((p, q) -> Long.compare(q[4], p[4]));
        return regions.stream().map(r -> new Color((int) (r[0] / r[3]), (int) (r[1] / r[3]), (int) (r[2] / r[3])))
                .toList();
    }

    /** Hue of a colour in degrees, 0..360. */
    static double hue(Color c) {
        return Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null)[0] * 360.0;
    }

    /** Box of a template box in output pixels (before rotation), grown by {@code grow} px. */
    static Rectangle boxRegion(dev.memebattle.template.TextBox box, int width, int height, int grow) {
        Rectangle r = new java.awt.geom.Rectangle2D.Double(box.anchorX() * width, box.anchorY() * height,
                box.scaleX() * width, box.scaleY() * height).getBounds();
        r.grow(grow, grow);
        return r;
    }

    /** What a GIF file says per frame. */
    record GifFacts(int frames, List<Integer> delays, int loopCount, int width, int height) {
    }

    static GifFacts gifFacts(byte[] gif) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in, false, false);
            int n = reader.getNumImages(true);
            List<Integer> delays = new ArrayList<>();
            int loop = -1;
            for (int i = 0; i < n; i++) {
                Node root = reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                for (Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c.getNodeName().equals("GraphicControlExtension")) {
                        delays.add(Integer.parseInt(((Element) c).getAttribute("delayTime")));
                    }
                    if (c.getNodeName().equals("ApplicationExtensions")) {
                        for (Node e = c.getFirstChild(); e != null; e = e.getNextSibling()) {
                            if (e instanceof IIOMetadataNode app && app.getUserObject() instanceof byte[] d
                                    && "NETSCAPE".equals(app.getAttribute("applicationID"))) {
                                loop = (d[1] & 0xFF) | ((d[2] & 0xFF) << 8);
                            }
                        }
                    }
                }
            }
            Node stream = reader.getStreamMetadata().getAsTree("javax_imageio_gif_stream_1.0");
            int w = 0;
            int h = 0;
            for (Node c = stream.getFirstChild(); c != null; c = c.getNextSibling()) {
                if (c.getNodeName().equals("LogicalScreenDescriptor")) {
                    w = Integer.parseInt(((Element) c).getAttribute("logicalScreenWidth"));
                    h = Integer.parseInt(((Element) c).getAttribute("logicalScreenHeight"));
                }
            }
            return new GifFacts(n, delays, loop, w, h);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            reader.dispose();
        }
    }
}
