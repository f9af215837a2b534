package dev.memebattle.caption;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How caption text is normalised for the model: lowercase, one space between words, {@code |} between boxes. */
public final class CaptionText {
    public static final char BOX_SEPARATOR = '|';

    private CaptionText() {
    }

    public static String normalizeBox(String box) {
        String s = box.toLowerCase(Locale.ROOT).replace(BOX_SEPARATOR, '/');
        return s.replaceAll("\\s+", " ").strip();
    }

    public static String join(List<String> boxes) {
        List<String> normalized = new ArrayList<>(boxes.size());
        for (String b : boxes) {
            normalized.add(normalizeBox(b));
        }
        return String.join(String.valueOf(BOX_SEPARATOR), normalized);
    }

    /** Splits model text back into boxes (the inverse of {@link #join}). */
    public static List<String> split(String modelText) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < modelText.length(); i++) {
            if (modelText.charAt(i) == BOX_SEPARATOR) {
                out.add(modelText.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(modelText.substring(start).strip());
        return out;
    }

    /** imgflip's own training filter: 10–82 characters (boxes joined), ASCII only. */
    public static boolean passesImgflipFilter(String modelText) {
        int n = modelText.length();
        if (n < 10 || n > 82) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (modelText.charAt(i) > 127) {
                return false;
            }
        }
        return true;
    }

    /** Stable 64-bit FNV-1a hash of the text; decides the train/validation split. */
    public static long stableHash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
