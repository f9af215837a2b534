package dev.memebattle.render;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateImageException;
import dev.memebattle.template.TemplateImageSource;
import dev.memebattle.template.TextBox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Draws caption text onto meme templates (Java2D) and encodes the result.
 *
 * <p>Texts are matched to the template's boxes in order. Fewer texts than boxes leave the remaining boxes
 * empty; more texts than boxes are joined with spaces into the last box (so nothing the user wrote is
 * silently lost; it is shrunk or truncated to fit like any long text). A template without boxes is
 * returned without text.
 *
 * <p>Formats: still templates are rendered as JPEG (default) or PNG; a GIF request for a still template
 * gives PNG (a still image gains nothing from 256 colours). Animated templates always give an animated
 * GIF, whatever was requested.
 *
 * <p>Thread-safe: one instance serves a worker pool. Decoded templates are cached (bounded by
 * {@link RenderLimits#templateCacheBytes()}).
 */
public final class MemeRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(MemeRenderer.class);
    /** Below this long side we stop shrinking to meet the byte limit. */
    private static final int MIN_LONG_SIDE = 64;

    private final TemplateImageCache images;
    private final TextFitter fitter;
    private final RenderLimits limits;
    private final StillEncoder stillEncoder = new StillEncoder();
    private final GifEncoder gifEncoder = new GifEncoder();
    private final Cache<FitKey, Double> fitScales = Caffeine.newBuilder().maximumSize(1_000).build();

    public MemeRenderer(TemplateImageSource source, FontBook fonts, RenderLimits limits) {
        this.images = new TemplateImageCache(Objects.requireNonNull(source, "source"), limits);
        this.fitter = new TextFitter(fonts, new GlyphFallback(fonts));
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * @param texts one text per box (null entries and a null list count as empty)
     * @throws TemplateImageException when the template's image is missing or cannot be decoded (user-safe message)
     */
    public RenderedMeme render(MemeTemplate template, List<String> texts, ImageFormat format)
            throws TemplateImageException {
        return render(template, texts, format, 0);
    }

    /**
     * @param maxBytes the most the image may weigh if less than {@link RenderLimits#maxBytes()} (0: that
     *                 limit); larger renders are scaled down until they fit (or reach the smallest size)
     */
    public RenderedMeme render(MemeTemplate template, List<String> texts, ImageFormat format, int maxBytes)
            throws TemplateImageException {
        Objects.requireNonNull(template, "template");
        long limit = maxBytes > 0 ? Math.min(maxBytes, limits.maxBytes()) : limits.maxBytes();
        TemplateImage image = images.get(template);
        if (image instanceof Animation animation) {
            return renderAnimation(template, texts, animation, limit);
        }
        return renderStill(template, texts, (StillImage) image, format == ImageFormat.JPEG || format == null
                ? ImageFormat.JPEG : ImageFormat.PNG, limit);
    }

    private RenderedMeme renderStill(MemeTemplate template, List<String> texts, StillImage still, ImageFormat format,
                                     long maxBytes) {
        BufferedImage canvas = format == ImageFormat.JPEG ? still.copyOpaque() : still.copyForPng();
        List<BoxText> boxes = place(template, texts, canvas.getWidth(), canvas.getHeight());
        Graphics2D g = canvas.createGraphics();
        try {
            for (BoxText box : boxes) {
                box.text().paint(g);
            }
        } finally {
            g.dispose();
        }
        return encodeStill(canvas, format, maxBytes);
    }

    private RenderedMeme encodeStill(BufferedImage image, ImageFormat format, long maxBytes) {
        BufferedImage current = image;
        while (true) {
            byte[] bytes;
            if (format == ImageFormat.JPEG) {
                float quality = limits.jpegQuality();
                bytes = stillEncoder.jpeg(current, quality);
                while (bytes.length > maxBytes && quality > 0.55f) {
                    quality -= 0.1f;
                    bytes = stillEncoder.jpeg(current, quality);
                }
            } else {
                bytes = stillEncoder.png(current);
            }
            if (bytes.length <= maxBytes || longSide(current) <= MIN_LONG_SIDE) {
                return new RenderedMeme(bytes, format, current.getWidth(), current.getHeight(), 1);
            }
            LOG.debug("{} of {} bytes exceeds the limit; downscaling", format, bytes.length);
            current = shrink(current, current.getType());
        }
    }

    private RenderedMeme renderAnimation(MemeTemplate template, List<String> texts, Animation animation, long maxBytes) {
        List<BoxText> boxes = place(template, texts, animation.width(), animation.height());
        List<GifEncoder.Input> frames = new ArrayList<>(animation.frames().size());
        for (int i = 0; i < animation.frames().size(); i++) {
            Animation.Frame source = animation.frames().get(i);
            BufferedImage frame = copy(source.image());
            double at = animation.midpointFraction(i);
            Set<Integer> exact = new HashSet<>();
            Graphics2D g = frame.createGraphics();
            try {
                for (BoxText box : boxes) {
                    if (box.showsAt(at)) {
                        box.text().paint(g);
                        exact.add(box.text().colors().fill().getRGB() & 0xFFFFFF);
                        exact.add(box.text().colors().outline().getRGB() & 0xFFFFFF);
                    }
                }
            } finally {
                g.dispose();
            }
            frames.add(new GifEncoder.Input(frame, source.delayCentis(), source.palette(), exact));
        }
        // A GIF over the limit is scaled down by what its size says (bytes grow with the area), from
        // the full-size frames each time; the scale that fitted is remembered per template and limit,
        // so the next render of it is encoded once, at that size (rollsafe under 1 MB: 1.8 s -> 0.45 s).
        FitKey fitKey = new FitKey(template.key(), maxBytes);
        boolean remember = maxBytes < limits.maxBytes(); // a caller's own limit (inline GIFs by URL)
        Double known = remember ? fitScales.getIfPresent(fitKey) : null;
        double scale = known == null ? 1.0 : known;
        List<GifEncoder.Input> full = frames;
        while (true) {
            List<GifEncoder.Input> sized = scale >= 1.0 ? full : scaled(full, scale);
            byte[] bytes = gifEncoder.encode(sized, animation.loopCount());
            BufferedImage first = sized.get(0).image();
            if (bytes.length <= maxBytes || longSide(first) <= MIN_LONG_SIDE) {
                if (remember && scale < 1.0 && bytes.length <= maxBytes) {
                    // with plenty to spare (this caption was lighter), the next render starts a little larger
                    fitScales.put(fitKey, bytes.length < maxBytes * 0.7 ? Math.min(1.0, scale * 1.1) : scale);
                }
                return new RenderedMeme(bytes, ImageFormat.GIF, first.getWidth(), first.getHeight(), sized.size());
            }
            LOG.debug("GIF of {} bytes exceeds the limit; downscaling", bytes.length);
            scale *= Math.min(0.9, Math.sqrt((double) maxBytes / bytes.length) * 0.95);
        }
    }

    private static List<GifEncoder.Input> scaled(List<GifEncoder.Input> frames, double scale) {
        List<GifEncoder.Input> smaller = new ArrayList<>(frames.size());
        for (GifEncoder.Input f : frames) {
            BufferedImage image = f.image();
            int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
            smaller.add(new GifEncoder.Input(ImageScaling.resize(image, w, h, BufferedImage.TYPE_INT_RGB),
                    f.delayCentis(), f.palette(), f.exactColors()));
        }
        return smaller;
    }

    /** A template's animation under a byte limit: the scale that last fitted it. */
    private record FitKey(String template, long maxBytes) {
    }

    /**
     * Fits and places every box's text for an output image of the given size (exposed for tests and tools).
     */
    List<BoxText> place(MemeTemplate template, List<String> texts, int width, int height) {
        List<TextBox> boxes = template.boxes();
        List<String> perBox = textsPerBox(texts, boxes.size(), limits.maxCharsPerBox());
        List<BoxText> placed = new ArrayList<>(boxes.size());
        double minSide = Math.min(width, height);
        for (int i = 0; i < boxes.size(); i++) {
            TextBox box = boxes.get(i);
            String text = DrawableText.styled(DrawableText.sanitize(perBox.get(i), limits.maxCharsPerBox()),
                    box.style());
            Rectangle2D rect = new Rectangle2D.Double(box.anchorX() * width, box.anchorY() * height,
                    box.scaleX() * width, box.scaleY() * height);
            FittedText fitted = fitter.fit(text, box.font(), box.align(), rect.getWidth(), rect.getHeight(), minSide);
            if (fitted.isEmpty()) {
                continue;
            }
            PlacedText drawable = PlacedText.place(fitted, rect, box.angle(), TextColors.of(box.color()));
            placed.add(new BoxText(i, box, fitted, drawable));
        }
        return placed;
    }

    /** One box's text as placed: which box, the fitted layout and the drawable result. */
    record BoxText(int index, TextBox box, FittedText fitted, PlacedText text) {

        /** Whether an animation frame whose middle is at this fraction of the duration shows the box. */
        boolean showsAt(double fraction) {
            return fraction >= box.start() && fraction <= box.stop();
        }
    }

    static List<String> textsPerBox(List<String> texts, int boxes, int maxChars) {
        List<String> out = new ArrayList<>(boxes);
        for (int i = 0; i < boxes; i++) {
            out.add("");
        }
        if (texts == null || boxes == 0) {
            return out;
        }
        for (int i = 0; i < texts.size() && i < boxes - 1; i++) {
            out.set(i, texts.get(i) == null ? "" : texts.get(i));
        }
        if (texts.size() >= boxes) {
            // Extra texts join the last box; stop once it is long enough to be cut anyway.
            StringBuilder last = new StringBuilder();
            for (int i = boxes - 1; i < texts.size() && last.length() < 16L * maxChars; i++) {
                String t = texts.get(i);
                if (t != null && !t.isBlank()) {
                    if (last.length() > 0) {
                        last.append(' ');
                    }
                    last.append(t);
                }
            }
            out.set(boxes - 1, last.toString());
        }
        return out;
    }

    private static BufferedImage copy(BufferedImage rgb) {
        BufferedImage copy = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] src = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        System.arraycopy(src, 0, ((DataBufferInt) copy.getRaster().getDataBuffer()).getData(), 0, src.length);
        return copy;
    }

    private static BufferedImage shrink(BufferedImage image, int type) {
        int w = Math.max(1, (int) Math.round(image.getWidth() * 0.75));
        int h = Math.max(1, (int) Math.round(image.getHeight() * 0.75));
        return ImageScaling.resize(image, w, h, type);
    }

    private static int longSide(BufferedImage image) {
        return Math.max(image.getWidth(), image.getHeight());
    }
}
