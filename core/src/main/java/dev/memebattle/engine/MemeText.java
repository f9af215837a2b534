package dev.memebattle.engine;

import java.util.Arrays;
import java.util.List;

/** What the user asked to be written: their own text for each box, or a prefix for the AI. */
public sealed interface MemeText {

    /** The user's own text, one entry per box. */
    record Own(List<String> boxes) implements MemeText {
        public Own {
            boxes = List.copyOf(boxes);
        }
    }

    /** The AI writes the caption, starting with {@code prefix} ("" = entirely the AI's). */
    record Ai(String prefix) implements MemeText {
        public Ai {
            prefix = prefix == null ? "" : prefix.strip();
        }
    }

    /** Text with a {@code |} is the user's own text per box; without, it is a prefix for the AI. */
    static MemeText parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.indexOf('|') < 0) {
            return new Ai(t);
        }
        return own(t);
    }

    /** The user's own text: boxes separated by {@code |} (one box when there is no {@code |}). */
    static Own own(String text) {
        String t = text == null ? "" : text.strip();
        return new Own(Arrays.stream(t.split("\\|", -1)).map(String::strip).toList());
    }
}
