package dev.memebattle.picture;

import java.awt.image.BufferedImage;

/** Turns a photo upright by its EXIF orientation (1–8), as phones and chat apps show it. */
final class Orientation {

    private Orientation() {
    }

    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5; // 5–8 turn by a quarter: width and height trade places
        int outW = swap ? h : w;
        int outH = swap ? w : h;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }              // mirrored
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }      // upside down
                    case 4 -> { tx = x; ty = h - 1 - y; }              // mirrored upside down
                    case 5 -> { tx = y; ty = x; }                      // transposed
                    case 6 -> { tx = h - 1 - y; ty = x; }              // turn clockwise
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }      // transversed
                    default -> { tx = y; ty = w - 1 - x; }             // 8: turn counter-clockwise
                }
                dst[ty * outW + tx] = src[y * w + x];
            }
        }
        BufferedImage out = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, outW, outH, dst, 0, outW);
        return out;
    }
}
