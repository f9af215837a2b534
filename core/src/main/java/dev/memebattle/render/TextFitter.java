package dev.memebattle.render;

import dev.memebattle.template.FontFace;
import dev.memebattle.template.TextAlign;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.LineBreakMeasurer;
import java.awt.font.LineMetrics;
import java.awt.font.TextAttribute;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.text.AttributedString;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fits text into a box: the largest font size at which the word-wrapped text fits (at most four lines
 * preferred, more lines only if four cannot fit at the minimum size), over-long words broken, and at the
 * minimum size whatever does not fit is cut with an ellipsis.
 *
 * <p>All layout happens once at a reference size and is scaled: with fractional metrics and unhinted
 * outlines, glyph geometry is linear in the font size, so trying a size is just arithmetic plus
 * {@link LineBreakMeasurer#nextOffset(float)} calls (no new layouts). Thread-safe.
 */
public final class TextFitter {

    private static final float REF = 100f;
    private static final FontRenderContext FRC = new FontRenderContext(null, true, true);
    private static final int PREFERRED_MAX_LINES = 4;
    /** Largest font size as a share of the image's shorter side (so "hi" does not become a wall of ink). */
    private static final double MAX_SIZE_OF_IMAGE = 0.13;
    /** Smallest font size before truncating, as a share of the shorter side, and in pixels. */
    private static final double MIN_SIZE_OF_IMAGE = 0.028;
    private static final double MIN_SIZE_PX = 9;
    private static final String ELLIPSIS = "\u2026";

    private final FontBook fonts;
    private final GlyphFallback fallback;

    public TextFitter(FontBook fonts, GlyphFallback fallback) {
        this.fonts = fonts;
        this.fallback = fallback;
    }

    /**
     * @param text         sanitized, styled text
     * @param boxW         box width in output pixels
     * @param boxH         box height in output pixels
     * @param imageMinSide the output image's shorter side, which bounds the font size
     */
    public FittedText fit(String text, FontFace face, TextAlign align, double boxW, double boxH, double imageMinSide) {
        if (text == null || text.isBlank() || !(boxW >= 4) || !(boxH >= 4)) {
            return FittedText.empty();
        }
        Paragraph p = new Paragraph(text, face);
        double margin = Math.max(1, 0.03 * Math.min(boxW, boxH));
        double marginX = Math.max(margin, 0.015 * boxW); // wide boxes: keep text off the image edges
        double strokeRatio = strokeRatio(face);
        double pitch = p.pitchRef / REF;
        double maxSize = Math.min(imageMinSide * MAX_SIZE_OF_IMAGE, (boxH - 2 * margin) / (pitch + strokeRatio));
        if (maxSize < 2) {
            return FittedText.empty();
        }
        double minSize = Math.min(Math.max(MIN_SIZE_PX, imageMinSide * MIN_SIZE_OF_IMAGE), maxSize);
        Fit fit = new Fit(p, boxW, boxH, marginX, margin, strokeRatio);

        // Preference order: whole words in up to four lines, whole words in more lines, words broken
        // inside (only for words longer than the box is wide) in up to four lines, then in more lines;
        // when nothing fits at the minimum size, cut with an ellipsis.
        double size = minSize;
        int lineCap = Integer.MAX_VALUE;
        boolean wholeWords = false;
        boolean truncate = true;
        search:
        for (boolean whole : new boolean[] {true, false}) {
            for (int cap : new int[] {PREFERRED_MAX_LINES, Integer.MAX_VALUE}) {
                if (fit.fits(maxSize, cap, whole)) {
                    size = maxSize;
                } else if (fit.fits(minSize, cap, whole)) {
                    size = fit.largest(minSize, maxSize, cap, whole);
                } else {
                    continue;
                }
                lineCap = cap;
                wholeWords = whole;
                truncate = false;
                break search;
            }
        }
        return layout(p, fit, size, lineCap, wholeWords, truncate, align);
    }

    private FittedText layout(Paragraph p, Fit fit, double size, int lineCap, boolean wholeWords, boolean truncate,
                              TextAlign align) {
        int maxLines = Math.max(1, Math.min(lineCap, fit.allowedLines(size)));
        double wrapRef = fit.availW(size) * REF / size;
        List<TextLayout> layouts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        LineBreakMeasurer lbm = p.measurer();
        int len = p.text.length();
        while (lbm.getPosition() < len && layouts.size() < maxLines) {
            int start = lbm.getPosition();
            int next = Math.max(start + 1, lbm.nextOffset((float) wrapRef, len, wholeWords));
            boolean last = layouts.size() == maxLines - 1;
            if (last && next < len && truncate) {
                String line = ellipsized(p, start, next, wrapRef);
                texts.add(line);
                layouts.add(new TextLayout(p.attributed(line).getIterator(), FRC));
                break;
            }
            lbm.setPosition(next);
            int end = trimEnd(p.text, start, next);
            if (end > start) {
                texts.add(p.text.substring(start, end));
                layouts.add(new TextLayout(p.attributed.getIterator(null, start, end), FRC));
            }
        }
        Path2D.Double glyphs = new Path2D.Double();
        for (int i = 0; i < layouts.size(); i++) {
            TextLayout l = layouts.get(i);
            double advance = l.getVisibleAdvance();
            double x = switch (align == null ? TextAlign.CENTER : align) {
                case LEFT -> 0;
                case CENTER -> (wrapRef - advance) / 2;
                case RIGHT -> wrapRef - advance;
            };
            double baseline = i * p.pitchRef + p.ascentRef;
            glyphs.append(l.getOutline(AffineTransform.getTranslateInstance(x, baseline)), false);
        }
        // Scale from the reference size; centre the ink vertically (metrics leave uneven room above capitals).
        double scale = size / REF;
        Rectangle2D ink = glyphs.getBounds2D();
        double inset = fit.insetX(size);
        double inkTop = ink.getY() * scale;
        double inkHeight = ink.getHeight() * scale;
        double dy = (fit.boxH - inkHeight) / 2 - inkTop;
        AffineTransform toBox = AffineTransform.getTranslateInstance(inset, dy);
        toBox.scale(scale, scale);
        glyphs.transform(toBox);
        float stroke = (float) (fit.strokeRatio * size);
        return new FittedText(glyphs, (float) size, stroke, texts, truncate);
    }

    /** The line from {@code start} cut so that it plus "…" fits {@code wrapRef}. */
    private String ellipsized(Paragraph p, int start, int fitEnd, double wrapRef) {
        String text = p.text;
        int lo = 0;
        int hi = fitEnd - start;
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (advance(p, text.substring(start, safeEnd(text, start + mid)).stripTrailing() + ELLIPSIS) <= wrapRef) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text.substring(start, safeEnd(text, start + lo)).stripTrailing() + ELLIPSIS;
    }

    private double advance(Paragraph p, String line) {
        return new TextLayout(p.attributed(line).getIterator(), FRC).getVisibleAdvance();
    }

    /** Never cut between a surrogate pair or before a combining mark. */
    private static int safeEnd(String s, int end) {
        while (end > 0 && end < s.length()
                && (Character.isLowSurrogate(s.charAt(end)) || isMark(s.codePointAt(end)))) {
            end--;
        }
        return end;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static int trimEnd(String s, int start, int end) {
        while (end > start && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }

    /** Outline stroke width per pixel of font size (half of it shows around the glyphs). */
    static double strokeRatio(FontFace face) {
        return face == FontFace.THIN ? 0.08 : 0.11;
    }

    /** The text with its fonts at the reference size, and the metrics of those fonts. */
    private final class Paragraph {
        final String text;
        final Font primary;
        final boolean bold;
        final AttributedString attributed;
        final Map<Font, Font> refFonts = new HashMap<>();
        double ascentRef;
        double pitchRef;

        Paragraph(String text, FontFace face) {
            this.text = text;
            this.primary = fonts.primary(face, text);
            this.bold = fonts.isBold(face);
            this.attributed = attributed(text);
            for (Font f : refFonts.values()) {
                LineMetrics m = f.getLineMetrics("Hg", FRC);
                ascentRef = Math.max(ascentRef, m.getAscent());
                pitchRef = Math.max(pitchRef, m.getAscent() + m.getDescent());
            }
        }

        AttributedString attributed(String s) {
            AttributedString as = new AttributedString(s);
            for (GlyphFallback.FontRun run : fallback.runs(s, primary, bold)) {
                Font ref = refFonts.computeIfAbsent(run.font(), f -> f.deriveFont(REF));
                as.addAttribute(TextAttribute.FONT, ref, run.start(), run.end());
            }
            return as;
        }

        LineBreakMeasurer measurer() {
            return new LineBreakMeasurer(attributed.getIterator(), BreakIterator.getLineInstance(Locale.ROOT), FRC);
        }
    }

    /** Whether the paragraph fits the box at a given size. */
    private static final class Fit {
        final Paragraph p;
        final double boxW;
        final double boxH;
        final double marginX;
        final double marginY;
        final double strokeRatio;
        final LineBreakMeasurer lbm;

        Fit(Paragraph p, double boxW, double boxH, double marginX, double marginY, double strokeRatio) {
            this.p = p;
            this.boxW = boxW;
            this.boxH = boxH;
            this.marginX = marginX;
            this.marginY = marginY;
            this.strokeRatio = strokeRatio;
            this.lbm = p.measurer();
        }

        /** Left/right distance from the box edge to the text's advance box (the outline fits inside). */
        double insetX(double size) {
            return marginX + strokeRatio * size / 2;
        }

        double availW(double size) {
            return boxW - 2 * insetX(size);
        }

        int allowedLines(double size) {
            double availH = boxH - 2 * (marginY + strokeRatio * size / 2);
            return (int) Math.floor(availH / (p.pitchRef * size / REF) + 1e-9);
        }

        /** @param wholeWords whether a word wider than the line makes the size fail (instead of being broken) */
        boolean fits(double size, int lineCap, boolean wholeWords) {
            double availW = availW(size);
            int limit = Math.min(lineCap, allowedLines(size));
            if (availW <= 0 || limit < 1) {
                return false;
            }
            float wrapRef = (float) (availW * REF / size);
            int len = p.text.length();
            lbm.setPosition(0);
            int lines = 0;
            while (lbm.getPosition() < len) {
                int pos = lbm.getPosition();
                int next = lbm.nextOffset(wrapRef, len, wholeWords);
                if (next <= pos) {
                    return false; // only with wholeWords: the next word alone is wider than the line
                }
                lbm.setPosition(next);
                if (++lines > limit) {
                    return false;
                }
            }
            return true;
        }

        /** Bisection between a size that fits and one that does not. */
        double largest(double fitting, double tooBig, int lineCap, boolean wholeWords) {
            for (int i = 0; i < 12 && tooBig - fitting > 0.25; i++) {
                double mid = (fitting + tooBig) / 2;
                if (fits(mid, lineCap, wholeWords)) {
                    fitting = mid;
                } else {
                    tooBig = mid;
                }
            }
            return fitting;
        }
    }
}
