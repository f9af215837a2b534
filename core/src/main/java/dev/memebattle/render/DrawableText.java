package dev.memebattle.render;

import dev.memebattle.template.TextStyle;

import java.util.Locale;

/**
 * Turns user text into text that is safe and sensible to draw: no control, format (zero-width, bidi
 * override/embedding/isolate, marks), private-use or unassigned characters, no variation selectors or emoji
 * skin-tone modifiers (monochrome fonts draw them as boxes), at most two combining marks per character
 * ("zalgo" text would stack far outside the box), whitespace collapsed to single spaces, length capped.
 */
public final class DrawableText {

    /** Combining marks kept after one base character. */
    private static final int MAX_MARKS_PER_CHAR = 2;

    private DrawableText() {
    }

    /**
     * @param raw      user text, may be null
     * @param maxChars at most this many code points are kept (the rest is dropped before any layout work)
     */
    public static String sanitize(String raw, int maxChars) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        // Scanning is cheap, but bound it too: a megabyte of zero-width spaces must not cost anything.
        int scanLimit = (int) Math.min(raw.length(), 16L * maxChars + 64);
        StringBuilder out = new StringBuilder(Math.min(scanLimit, maxChars * 2));
        int kept = 0;
        int marks = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < scanLimit && kept < maxChars; ) {
            int cp = raw.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (isDropped(cp)) {
                continue;
            }
            boolean mark = isCombiningMark(cp);
            if (mark) {
                // A mark after a space or at the start has no base: drop it rather than draw a dotted circle.
                if (out.length() == 0 || pendingSpace || ++marks > MAX_MARKS_PER_CHAR) {
                    continue;
                }
            } else {
                marks = 0;
                if (pendingSpace) {
                    if (kept + 1 >= maxChars) {
                        break;
                    }
                    out.append(' ');
                    kept++;
                    pendingSpace = false;
                }
            }
            out.appendCodePoint(cp);
            kept++;
        }
        return out.toString();
    }

    /** Applies a box's style: UPPER → capitals (root locale), MOCK → alternating case per letter, NONE → as is. */
    public static String styled(String text, TextStyle style) {
        if (style == null) {
            return text;
        }
        return switch (style) {
            case UPPER -> text.toUpperCase(Locale.ROOT);
            case NONE -> text;
            case MOCK -> mock(text);
        };
    }

    private static String mock(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean upper = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                out.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp));
                upper = !upper;
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85; // 0x85: NEXT LINE
    }

    private static boolean isDropped(int cp) {
        int type = Character.getType(cp);
        if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                || type == Character.PRIVATE_USE || type == Character.UNASSIGNED) {
            return true;
        }
        return (cp >= 0xFE00 && cp <= 0xFE0F)          // variation selectors
                || (cp >= 0xE0100 && cp <= 0xE01EF)    // variation selectors supplement
                || (cp >= 0x1F3FB && cp <= 0x1F3FF)    // emoji skin-tone modifiers
                || cp == 0x034F                         // combining grapheme joiner (invisible)
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0; // Hangul fillers (blank)
    }

    private static boolean isCombiningMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }
}
