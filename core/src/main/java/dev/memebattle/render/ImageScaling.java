package dev.memebattle.render;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Resizing and pixel-format conversion of decoded images. */
public final class ImageScaling {

    private ImageScaling() {
    }

    /** Output size for a long-side cap: never upscales, keeps the aspect ratio, at least 1 px. */
    public static int[] fitLongSide(int width, int height, int maxLongSide) {
        int longSide = Math.max(width, height);
        if (longSide <= maxLongSide) {
            return new int[] {width, height};
        }
        double scale = (double) maxLongSide / longSide;
        return new int[] {Math.max(1, (int) Math.round(width * scale)), Math.max(1, (int) Math.round(height * scale))};
    }

    /**
     * Downscales in halving steps (bilinear at each step), which avoids the aliasing of a single bilinear
     * step at large ratios and is much faster than area averaging.
     *
     * @param type the BufferedImage type of the result
     */
    public static BufferedImage resize(BufferedImage src, int width, int height, int type) {
        BufferedImage current = src;
        int w = src.getWidth();
        int h = src.getHeight();
        while (w / 2 >= width && h / 2 >= height) {
            w /= 2;
            h /= 2;
            current = draw(current, w, h, BufferedImage.TYPE_INT_ARGB, null);
        }
        if (w == width && h == height && current.getType() == type) {
            return current == src ? copy(src, type) : current;
        }
        return draw(current, width, height, type, null);
    }

    /** Copy into a new image of the given type; transparent pixels are composed onto {@code background} if set. */
    static BufferedImage copy(BufferedImage src, int type, Color background) {
        return draw(src, src.getWidth(), src.getHeight(), type, background);
    }

    static BufferedImage copy(BufferedImage src, int type) {
        return copy(src, type, null);
    }

    private static BufferedImage draw(BufferedImage src, int width, int height, int type, Color background) {
        BufferedImage out = new BufferedImage(width, height, type);
        Graphics2D g = out.createGraphics();
        try {
            if (background != null) {
                g.setColor(background);
                g.fillRect(0, 0, width, height);
            }
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Whether any pixel is not fully opaque. */
    static boolean hasTransparentPixels(BufferedImage img) {
        if (!img.getColorModel().hasAlpha()) {
            return false;
        }
        int w = img.getWidth();
        int[] row = new int[w];
        for (int y = 0; y < img.getHeight(); y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int argb : row) {
                if ((argb >>> 24) != 0xFF) {
                    return true;
                }
            }
        }
        return false;
    }
}
