package dev.memebattle.chat;

import dev.memebattle.render.DrawableText;

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
    static final int QUOTED_CHARS = 40;

    private ChatText() {
    }

    public static String clean(String raw) {
        // One set of rules for what counts as invisible or abusive, shared with the renderer.
        return Normalizer.normalize(DrawableText.sanitize(raw, 4 * MAX_INPUT_CHARS), Normalizer.Form.NFC);
    }

    /** What the user typed, in quotes, cut to {@value #QUOTED_CHARS} characters: echoing 1,000 back helps nobody. */
    public static String quoted(String text) {
        int cut = text.offsetByCodePoints(0, Math.min(QUOTED_CHARS, text.codePointCount(0, text.length())));
        return "\"" + (cut < text.length() ? text.substring(0, cut) + "…" : text) + "\"";
    }

    /** Defence in depth next to the adapters' "no mentions": {@code @everyone}/{@code @here} cannot ping. */
    public static String mentionSafe(String text) {
        return text.replace("@everyone", "@\u2060everyone").replace("@here", "@\u2060here");
    }
}
