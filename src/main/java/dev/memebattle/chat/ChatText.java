package dev.memebattle.chat;

import java.text.Normalizer;

/**
 * Cleans text that users type before the core looks at it. Control characters, zero-width
 * characters and bidi overrides are removed (they hide or reorder text: "RTL tricks"); runs of
 * whitespace collapse to one space; the result is NFC-normalised so equal-looking text compares
 * and caches equal.
 */
public final class ChatText {

    /** Longer input is refused with a message rather than processed. */
    public static final int MAX_INPUT_CHARS = 1000;

    private ChatText() {
    }

    public static String clean(String raw) {
        if (raw == null) {
            return "";
        }
        String s = raw.length() > 4 * MAX_INPUT_CHARS ? raw.substring(0, 4 * MAX_INPUT_CHARS) : raw;
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (invisible(cp)) {
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** Characters that draw nothing or change the direction of what follows. Emoji joiners stay. */
    static boolean invisible(int cp) {
        if (cp == 0x200D) {
            return false; // zero-width joiner: part of emoji sequences (family, flags of professions)
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE;
    }

    /** Defence in depth next to the adapters' "no mentions": {@code @everyone}/{@code @here} cannot ping. */
    public static String mentionSafe(String text) {
        return text.replace("@everyone", "@\u2060everyone").replace("@here", "@\u2060here");
    }
}
