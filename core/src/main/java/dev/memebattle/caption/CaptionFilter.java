package dev.memebattle.caption;

import com.github.houbb.sensitive.word.bs.SensitiveWordBs;
import com.github.houbb.sensitive.word.support.deny.WordDenys;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides whether a caption may be posted at a chat's {@link FilterLevel}.
 * <ul>
 *   <li>OFF: everything passes.</li>
 *   <li>STANDARD: no slurs, no threats of violence or incitement to self-harm, no explicit sexual
 *       content (categories {@link FilterCategory#SLUR}, {@link FilterCategory#THREAT},
 *       {@link FilterCategory#SEXUAL}), and nothing from the Chinese dictionary of
 *       {@code com.github.houbb:sensitive-word}.</li>
 *   <li>STRICT: additionally no {@link FilterCategory#PROFANITY} (vulgarity, mild sexual words).</li>
 * </ul>
 * English words come from each category's list ({@code slurs.txt}, {@code threats.txt},
 * {@code sexual.txt}, {@code profanity.txt}) plus the maintained LDNOOBW list
 * ({@code ldnoobw-en.tsv}, CC BY 4.0, whose first column sorts each entry into a category). We use
 * LDNOOBW rather than a list of our own because it is maintained, widely used and licensed for
 * reuse; no English list is published on Maven Central, and sensitive-word's own English list is
 * tiny and blocks words like "duck" and "chicken", so only its Chinese dictionary is used. Threats
 * need patterns (a verb of violence followed by a person or place), which no word list has:
 * {@code threats.txt} holds them in {@link Blocklist}'s pattern syntax.
 */
public final class CaptionFilter {
    /** The vendored LDNOOBW English list with our category column. */
    static final String LDNOOBW = "ldnoobw-en.tsv";

    private final Map<FilterCategory, Blocklist> lists;
    private final SensitiveWordBs chinese;

    public CaptionFilter(Map<FilterCategory, Blocklist> lists, SensitiveWordBs chinese) {
        this.lists = new EnumMap<>(FilterCategory.class);
        this.lists.putAll(lists);
        this.chinese = chinese;
    }

    /** Only slurs (STANDARD) and profanity (STRICT): for tests with lists of their own. */
    public CaptionFilter(Blocklist slurs, Blocklist profanity, SensitiveWordBs chinese) {
        this(Map.of(FilterCategory.SLUR, slurs, FilterCategory.PROFANITY, profanity), chinese);
    }

    /** Our shipped lists plus the library's Chinese dictionary (takes a moment: ~60k entries). */
    public static CaptionFilter standard() {
        return new CaptionFilter(englishLists(), chineseDictionary());
    }

    /** The shipped English lists, one blocklist per category: its own file plus its LDNOOBW rows. */
    static Map<FilterCategory, Blocklist> englishLists() {
        Map<FilterCategory, List<String>> entries = new EnumMap<>(FilterCategory.class);
        for (FilterCategory c : FilterCategory.values()) {
            if (c.resource() != null) {
                entries.put(c, new ArrayList<>(Blocklist.resourceLines(c.resource())));
            }
        }
        for (String line : Blocklist.resourceLines(LDNOOBW)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 2);
            if (cols.length != 2) {
                throw new IllegalStateException(LDNOOBW + ": expected 'category<TAB>entry': " + line);
            }
            String category = cols[0].strip();
            if (category.equals("-")) {
                continue; // not used, see the file's header
            }
            FilterCategory c = FilterCategory.valueOf(category.toUpperCase(Locale.ROOT));
            entries.get(c).add(cols[1]);
        }
        Map<FilterCategory, Blocklist> lists = new EnumMap<>(FilterCategory.class);
        entries.forEach((c, e) -> lists.put(c, new Blocklist(e)));
        return lists;
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
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Han characters (and their surrogates) all lie at U+2E80 and above: skip the common case fast
            if (c >= 0x2E80 && Character.UnicodeScript.of(s.codePointAt(i)) == Character.UnicodeScript.HAN) {
                return true;
            }
        }
        return false;
    }

    public boolean allows(String text, FilterLevel level) {
        return check(text, level).allowed();
    }

    /** The word or phrase that blocks {@code text} at this level, or null when it may be posted. */
    public String blockedBy(String text, FilterLevel level) {
        return check(text, level) instanceof FilterVerdict.Blocked b ? b.match() : null;
    }

    /** Whether {@code text} may be posted at this level, and if not, which category blocked it. */
    public FilterVerdict check(String text, FilterLevel level) {
        if (level == null || level == FilterLevel.OFF || text == null || text.isEmpty()) {
            return FilterVerdict.ALLOWED;
        }
        List<String> words = Blocklist.words(text);
        for (FilterCategory c : FilterCategory.values()) {
            if (c.blockedAt(level)) {
                String hit = match(c, text, words);
                if (hit != null) {
                    return new FilterVerdict.Blocked(c, hit);
                }
            }
        }
        return FilterVerdict.ALLOWED;
    }

    /** What of category {@code c} the text contains (whatever the level), or null: for surveys. */
    public String match(FilterCategory c, String text) {
        return text == null || text.isEmpty() ? null : match(c, text, Blocklist.words(text));
    }

    private String match(FilterCategory c, String text, List<String> words) {
        if (c == FilterCategory.CHINESE_DICTIONARY) {
            return chinese != null && hasCjk(text) ? chinese.findFirst(text) : null;
        }
        Blocklist list = lists.get(c);
        return list == null ? null : list.firstMatch(words);
    }
}
