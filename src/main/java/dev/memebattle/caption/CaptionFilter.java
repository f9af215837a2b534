package dev.memebattle.caption;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.deny.WordDenys;

import java.util.List;

/**
 * Decides whether a caption may be posted at a chat's {@link FilterLevel}.
 * <ul>
 *   <li>OFF: everything passes.</li>
 *   <li>STANDARD: no slurs (our English list, {@code slurs.txt}) and nothing from the Chinese
 *       dictionary of {@code com.github.houbb:sensitive-word}.</li>
 *   <li>STRICT: additionally no vulgarity or sexual/violent words ({@code profanity.txt}).</li>
 * </ul>
 * The library's tiny English list (which blocks words like "duck" and "chicken") is not used:
 * our own whole-word lists cover English.
 */
public final class CaptionFilter {
    private final Blocklist slurs;
    private final Blocklist profanity;
    private final SensitiveWordBs chinese;

    public CaptionFilter(Blocklist slurs, Blocklist profanity, SensitiveWordBs chinese) {
        this.slurs = slurs;
        this.profanity = profanity;
        this.chinese = chinese;
    }

    /** Our shipped lists plus the library's Chinese dictionary (takes a moment: ~60k entries). */
    public static CaptionFilter standard() {
        return new CaptionFilter(Blocklist.resource("slurs.txt"), Blocklist.resource("profanity.txt"), chineseDictionary());
    }

    private static SensitiveWordBs chineseDictionary() {
        List<String> words = WordDenys.defaults().deny().stream()
                .filter(CaptionFilter::hasCjk)
                .toList();
        return SensitiveWordBs.newInstance()
                .wordDeny(() -> words)
                .enableNumCheck(false)
                .enableEmailCheck(false)
                .enableUrlCheck(false)
                .enableIpv4Check(false)
                .init();
    }

    private static boolean hasCjk(String s) {
        return s.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN);
    }

    public boolean allows(String text, FilterLevel level) {
        return blockedBy(text, level) == null;
    }

    /** The word or phrase that blocks {@code text} at this level, or null when it may be posted. */
    public String blockedBy(String text, FilterLevel level) {
        if (level == null || level == FilterLevel.OFF || text == null || text.isEmpty()) {
            return null;
        }
        String hit = slurs.firstMatch(text);
        if (hit == null && level == FilterLevel.STRICT) {
            hit = profanity.firstMatch(text);
        }
        if (hit == null && chinese != null && hasCjk(text)) {
            hit = chinese.findFirst(text);
        }
        return hit;
    }
}
