package dev.memebattle.caption;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Token ids of the caption model. Fixed ids first: {@link #START} (input before the first
 * character, also padding), {@link #END} (ends the caption), {@link #UNKNOWN} (rare characters),
 * {@link #SEPARATOR} ({@code |}, ends a box); then one id per kept character (Unicode code point).
 */
public final class CharVocabulary {
    public static final int START = 0;
    public static final int END = 1;
    public static final int UNKNOWN = 2;
    public static final int SEPARATOR = 3;
    static final int FIRST_CHAR = 4;

    private final int[] codePoints;          // id - FIRST_CHAR -> code point
    private final Map<Integer, Integer> ids; // code point -> id

    public CharVocabulary(List<Integer> characters) {
        codePoints = characters.stream().mapToInt(Integer::intValue).toArray();
        ids = new HashMap<>();
        for (int i = 0; i < codePoints.length; i++) {
            ids.put(codePoints[i], FIRST_CHAR + i);
        }
    }

    /** Keeps the characters seen at least {@code minCount} times (in code point order, so the ids are stable). */
    public static CharVocabulary build(Collection<String> modelTexts, int minCount) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (String t : modelTexts) {
            t.codePoints().forEach(cp -> counts.merge(cp, 1, Integer::sum));
        }
        List<Integer> kept = new ArrayList<>();
        counts.forEach((cp, n) -> {
            if (n >= minCount && cp != CaptionText.BOX_SEPARATOR) {
                kept.add(cp);
            }
        });
        return new CharVocabulary(kept);
    }

    public int size() {
        return FIRST_CHAR + codePoints.length;
    }

    public List<Integer> characters() {
        List<Integer> out = new ArrayList<>(codePoints.length);
        for (int cp : codePoints) {
            out.add(cp);
        }
        return out;
    }

    public int id(int codePoint) {
        if (codePoint == CaptionText.BOX_SEPARATOR) {
            return SEPARATOR;
        }
        return ids.getOrDefault(codePoint, UNKNOWN);
    }

    public boolean knows(int codePoint) {
        return codePoint == CaptionText.BOX_SEPARATOR || ids.containsKey(codePoint);
    }

    /** Target tokens of a caption: its characters, then {@link #END}. */
    public int[] encodeCaption(String modelText) {
        int[] cps = modelText.codePoints().toArray();
        int[] out = new int[cps.length + 1];
        for (int i = 0; i < cps.length; i++) {
            out[i] = id(cps[i]);
        }
        out[cps.length] = END;
        return out;
    }

    /** Text of one token; special tokens other than the separator give "". Unknown gives U+FFFD. */
    public String text(int id) {
        if (id == SEPARATOR) {
            return "|";
        }
        if (id == UNKNOWN) {
            return "\uFFFD";
        }
        if (id < FIRST_CHAR || id >= size()) {
            return "";
        }
        return new String(Character.toChars(codePoints[id - FIRST_CHAR]));
    }
}
