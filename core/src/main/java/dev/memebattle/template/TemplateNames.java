package dev.memebattle.template;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * How template names are compared: folded to lowercase letters and digits (accents, spaces and
 * punctuation dropped, so "Is This a Pigeon?", "is this a pigeon" and "isthisapigeon" are the same
 * name), and an edit distance that counts a swap of two neighbouring letters as one typo.
 */
final class TemplateNames {

    private TemplateNames() {
    }

    /** Lowercase letters and digits only; "Y'all Got Any More" → "yallgotanymore". */
    static String fold(String text) {
        return folded(text, null);
    }

    /**
     * Where each word of {@code text} starts in {@link #fold fold(text)}, e.g. "Drake Hotline Bling" →
     * [0, 5, 12]. Lets "hotl" match as the prefix of a later word.
     */
    static int[] wordStarts(String text) {
        int[] starts = new int[text.length() + 1];
        folded(text, starts);
        int count = starts[starts.length - 1];
        return Arrays.copyOf(starts, count);
    }

    /** Folds text; when {@code starts} is given, records word starts in it (count in the last slot). */
    private static String folded(String text, int[] starts) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean inWord = false;
        int words = 0;
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) {
                continue; // accents: "Pokémon" folds to "pokemon" without splitting the word
            }
            if (Character.isLetterOrDigit(cp)) {
                if (!inWord && starts != null && words < starts.length - 1) {
                    starts[words++] = out.length();
                }
                inWord = true;
                out.appendCodePoint(cp);
            } else {
                inWord = false;
            }
        }
        if (starts != null) {
            starts[starts.length - 1] = words;
        }
        return out.toString();
    }

    /**
     * Optimal-string-alignment (restricted Damerau–Levenshtein) distances from {@code query} to the
     * prefixes of {@code name}: element j of the result is the distance to {@code name.substring(0, j)},
     * for j up to {@code min(name.length(), query.length() + limit)}. Returns null as soon as every
     * distance must exceed {@code limit}, which keeps a search over ~2,000 names in microseconds.
     */
    static int[] prefixDistances(String query, String name, int limit) {
        int m = query.length();
        int cols = Math.min(name.length(), m + limit);
        int[] before = new int[cols + 1];
        int[] previous = new int[cols + 1];
        int[] current = new int[cols + 1];
        for (int j = 0; j <= cols; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= m; i++) {
            char q = query.charAt(i - 1);
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j <= cols; j++) {
                char n = name.charAt(j - 1);
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + (q == n ? 0 : 1));
                if (i > 1 && j > 1 && q == name.charAt(j - 2) && query.charAt(i - 2) == n) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            if (rowMin > limit) {
                return null; // row minima never decrease, so no prefix can come back under the limit
            }
            int[] recycled = before;
            before = previous;
            previous = current;
            current = recycled;
        }
        return previous;
    }

    /** Edit distance between whole strings, or {@code limit + 1} when it is larger than {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] row = prefixDistances(a, b, limit);
        return row == null || row.length <= b.length() ? limit + 1 : Math.min(row[b.length()], limit + 1);
    }
}
