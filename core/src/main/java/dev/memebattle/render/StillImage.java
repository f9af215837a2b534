package dev.memebattle.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * A decoded still template at output size.
 *
 * @param opaque    TYPE_3BYTE_BGR, transparency flattened onto white (what JPEG needs, and the fastest to copy)
 * @param withAlpha TYPE_INT_ARGB when the template has transparency (kept for PNG output), else null
 */
record StillImage(BufferedImage opaque, BufferedImage withAlpha) implements TemplateImage {

    public StillImage {
        if (opaque.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            throw new IllegalArgumentException("opaque image must be TYPE_3BYTE_BGR");
        }
        if (withAlpha != null && withAlpha.getType() != BufferedImage.TYPE_INT_ARGB) {
            throw new IllegalArgumentException("image with alpha must be TYPE_INT_ARGB");
        }
    }

    public int width() {
        return opaque.getWidth();
    }

    public int height() {
        return opaque.getHeight();
    }

    /** A fresh, writable copy of the opaque image (an array copy: much faster than drawing it). */
    public BufferedImage copyOpaque() {
        BufferedImage copy = new BufferedImage(width(), height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = ((DataBufferByte) opaque.getRaster().getDataBuffer()).getData();
        byte[] dst = ((DataBufferByte) copy.getRaster().getDataBuffer()).getData();
        System.arraycopy(src, 0, dst, 0, src.length);
        return copy;
    }

    /** A fresh, writable copy with transparency when there is any, else of the opaque image. */
    public BufferedImage copyForPng() {
        if (withAlpha == null) {
            return copyOpaque();
        }
        BufferedImage copy = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_ARGB);
        int[] src = ((DataBufferInt) withAlpha.getRaster().getDataBuffer()).getData();
        int[] dst = ((DataBufferInt) copy.getRaster().getDataBuffer()).getData();
        System.arraycopy(src, 0, dst, 0, src.length);
        return copy;
    }

    @Override
    public long weightBytes() {
        long bytes = (long) width() * height() * 3;
        if (withAlpha != null) {
            bytes += (long) width() * height() * 4;
        }
        return bytes + 1024;
    }
}
