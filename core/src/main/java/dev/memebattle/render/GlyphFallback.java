package dev.memebattle.render;

import java.awt.Font;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into runs that one font can draw: each code point goes to the box's main font when it can
 * display it, else to the first fallback font that can (Java2D has no automatic fallback for physical
 * fonts, so without this CJK or emoji would be drawn as boxes). Spaces and combining marks stay in the
 * current run so words and accented letters are not split between fonts.
 */
public final class GlyphFallback {

    /** A range [start, end) of UTF-16 indices drawn with one font (size 1: derive the size you need). */
    public record FontRun(int start, int end, Font font) {
    }

    private final FontBook fonts;

    public GlyphFallback(FontBook fonts) {
        this.fonts = fonts;
    }

    /**
     * @param primary the box's main font
     * @param bold    whether fallbacks should be bold
     * @return consecutive runs covering the whole text (empty for empty text)
     */
    public List<FontRun> runs(String text, Font primary, boolean bold) {
        List<FontRun> runs = new ArrayList<>();
        if (text.isEmpty()) {
            return runs;
        }
        List<Font> chain = fonts.fallbacks(bold, text);
        Font current = null;
        int runStart = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Font font = (current != null && keepsCurrentFont(cp, current)) ? current : fontFor(cp, primary, chain);
            if (current != null && !font.equals(current)) {
                runs.add(new FontRun(runStart, i, current));
                runStart = i;
            }
            current = font;
            i += Character.charCount(cp);
        }
        runs.add(new FontRun(runStart, text.length(), current));
        return runs;
    }

    /** The font a single code point is drawn with, when it is not a space or a mark that follows its base. */
    public Font fontFor(int codePoint, Font primary, List<Font> chain) {
        if (primary.canDisplay(codePoint)) {
            return primary;
        }
        for (Font f : chain) {
            if (f.canDisplay(codePoint)) {
                return f;
            }
        }
        Font any = fonts.lastResort(codePoint);
        return any != null ? any : primary;
    }

    private static boolean keepsCurrentFont(int cp, Font current) {
        if (cp == ' ') {
            return true;
        }
        int type = Character.getType(cp);
        boolean mark = type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
        return mark && current.canDisplay(cp);
    }
}
