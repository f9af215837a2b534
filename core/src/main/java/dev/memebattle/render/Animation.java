package dev.memebattle.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/**
 * A decoded animated GIF: every frame fully composed (disposal methods and frame offsets applied,
 * transparency flattened onto white), at output size.
 *
 * @param loopCount GIF loop count: 0 = forever, n = repeat n times, -1 = no loop extension (play once)
 */
record Animation(int width, int height, List<Frame> frames, int loopCount) implements TemplateImage {

    /**
     * @param image      TYPE_INT_RGB, full canvas
     * @param delayCentis display time in 1/100 s as stored in the file (0 is common and means "as fast as the
     *                   viewer allows", which browsers treat as 1/10 s)
     * @param palette    the colours (RGB) of the frame's own colour table; output frames are quantized to it
     */
    public record Frame(BufferedImage image, int delayCentis, int[] palette) {
    }

    public Animation {
        frames = List.copyOf(frames);
    }

    /** Delay used for timing decisions: browsers show frames with delays below 2/100 s for 1/10 s. */
    static int effectiveDelay(int delayCentis) {
        return delayCentis < 2 ? 10 : delayCentis;
    }

    /** Fraction (0..1) of the total duration at the middle of frame {@code index}. */
    public double midpointFraction(int index) {
        long total = 0;
        long before = 0;
        for (int i = 0; i < frames.size(); i++) {
            int d = effectiveDelay(frames.get(i).delayCentis());
            if (i < index) {
                before += d;
            }
            total += d;
        }
        return (before + effectiveDelay(frames.get(index).delayCentis()) / 2.0) / total;
    }

    @Override
    public long weightBytes() {
        long bytes = 0;
        for (Frame f : frames) {
            bytes += ((DataBufferInt) f.image().getRaster().getDataBuffer()).getData().length * 4L + 1024;
        }
        return bytes;
    }
}
