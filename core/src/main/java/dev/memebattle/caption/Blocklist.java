package dev.memebattle.caption;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whole-word blocklist over folded words (see {@link #words}). One entry per line:
 * <ul>
 *   <li>{@code word}: that word; {@code word*}: any word starting with it;</li>
 *   <li>{@code two words}: a phrase (its last word may end with {@code *});</li>
 *   <li>{@code @name = w1 w2* ...}: defines a word set, used in patterns as {@code @name};</li>
 *   <li>a pattern: elements separated by spaces, each a word, {@code word*}, {@code @set} or
 *       alternatives {@code a|b*|@set}, optionally followed by {@code ?} (0 or 1) or
 *       {@code {m,n}} (m to n times), e.g. {@code @kill @filler{0,2} @person};</li>
 *   <li>{@code ! pattern}: an exception: a match whose first word lies inside a match of an
 *       exception is ignored ({@code ! photo shoot*} keeps "photo shoot" from reading as a threat,
 *       {@code ! shitake} keeps the mushroom from matching {@code shit*});</li>
 *   <li>{@code # comment} and blank lines.</li>
 * </ul>
 * Entries are folded exactly like the text, so "N1GG3R" and "fuuuck" are caught while "snigger",
 * "scunthorpe" or "grape" are not.
 */
public final class Blocklist {
    private final Set<String> words = new HashSet<>();
    private final Set<String> prefixes = new HashSet<>();
    private int shortestPrefix = Integer.MAX_VALUE;
    private int longestPrefix = 0;
    private final List<Pattern> patterns = new ArrayList<>();
    /** Patterns by the words their first element accepts (most patterns), so each word looks up only its own. */
    private final Map<String, List<Pattern>> byFirstWord = new HashMap<>();
    /** Patterns whose first element is optional or has prefixes: tried at every word. */
    private final List<Pattern> unindexed = new ArrayList<>();
    private final List<Pattern> exceptions = new ArrayList<>();

    public Blocklist(List<String> entries) {
        Map<String, WordSet> sets = new HashMap<>();
        List<String> rest = new ArrayList<>();
        for (String raw : entries) {
            String e = raw.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty() || e.startsWith("#")) {
                continue;
            }
            int eq = e.indexOf('=');
            if (e.startsWith("@") && eq > 0) {
                String name = e.substring(1, eq).strip();
                WordSet set = sets.computeIfAbsent(name, k -> new WordSet());
                for (String w : e.substring(eq + 1).strip().split("\\s+")) {
                    set.add(w);
                }
            } else {
                rest.add(e);
            }
        }
        for (String e : rest) {
            boolean exception = e.startsWith("!");
            String body = exception ? e.substring(1).strip() : e;
            if (!exception && isPlainWord(body)) { // a word or a phrase: folded like the text
                addWord(body);
                continue;
            }
            Pattern p = Pattern.parse(body, sets);
            if (p != null) {
                (exception ? exceptions : patterns).add(p);
            }
        }
        for (Pattern p : patterns) {
            WordSet first = p.sets().get(0);
            if (p.min()[0] == 0 || !first.prefixes.isEmpty()) {
                unindexed.add(p);
            } else {
                for (String w : first.words) {
                    byFirstWord.computeIfAbsent(w, k -> new ArrayList<>()).add(p);
                }
            }
        }
    }

    private static boolean isPlainWord(String s) {
        return s.indexOf('@') < 0 && s.indexOf('|') < 0 && s.indexOf('?') < 0 && s.indexOf('{') < 0;
    }

    /** A word, {@code prefix*}, or a phrase (whose last word may end with *). */
    private void addWord(String entry) {
        boolean prefix = entry.endsWith("*");
        List<String> folded = words(prefix ? entry.substring(0, entry.length() - 1) : entry);
        if (folded.size() != 1) { // "2g1c", "s&m": several words after folding: a phrase
            if (!folded.isEmpty()) {
                patterns.add(Pattern.phrase(folded, prefix));
            }
            return;
        }
        String w = folded.get(0);
        if (prefix) {
            prefixes.add(w);
            shortestPrefix = Math.min(shortestPrefix, w.length());
            longestPrefix = Math.max(longestPrefix, w.length());
        } else {
            words.add(w);
        }
    }

    /** Loads a list shipped in this package's resources (e.g. "slurs.txt"). */
    public static Blocklist resource(String name) {
        return new Blocklist(resourceLines(name));
    }

    static List<String> resourceLines(String name) {
        try (InputStream in = Blocklist.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("blocklist resource missing: " + name);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean matches(String text) {
        return firstMatch(text) != null;
    }

    /** The first blocked word or phrase found, or null. */
    public String firstMatch(String text) {
        return firstMatch(words(text));
    }

    /** As {@link #firstMatch(String)}, for text already split by {@link #words}. */
    public String firstMatch(List<String> ws) {
        int n = ws.size();
        for (int i = 0; i < n; i++) {
            String w = ws.get(i);
            if ((words.contains(w) || hasPrefix(w)) && !excepted(ws, i)) {
                return w;
            }
        }
        if (patterns.isEmpty()) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            String hit = matchAt(byFirstWord.getOrDefault(ws.get(i), List.of()), ws, i);
            if (hit == null) {
                hit = matchAt(unindexed, ws, i);
            }
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    private String matchAt(List<Pattern> candidates, List<String> ws, int i) {
        for (Pattern p : candidates) {
            int end = p.matchAt(ws, i);
            if (end > i && !excepted(ws, i)) {
                return String.join(" ", ws.subList(i, end));
            }
        }
        return null;
    }

    private boolean hasPrefix(String w) {
        if (prefixes.isEmpty()) {
            return false;
        }
        int max = Math.min(longestPrefix, w.length());
        for (int len = shortestPrefix; len <= max; len++) {
            if (prefixes.contains(w.substring(0, len))) {
                return true;
            }
        }
        return false;
    }

    /** Whether word {@code at} lies inside a match of an exception pattern. */
    private boolean excepted(List<String> ws, int at) {
        for (Pattern x : exceptions) {
            for (int s = Math.max(0, at - x.maxLength()); s <= at; s++) {
                if (x.matchAt(ws, s) > at) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Lowercased words with look-alikes folded (0→o, 1→i, 3→e, 4→a, 5→s, 7→t, @→a, $→s, and ! between
     * letters → i) and runs of 3+ equal letters collapsed to one. Anything but a letter separates words.
     */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? fold(Character.toLowerCase(text.charAt(i))) : ' ';
            if (c == '!' && w.length() > 0 && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))) {
                c = 'i';
            }
            if (Character.isLetter(c)) {
                w.append(c);
            } else if (w.length() > 0) {
                out.add(collapseRuns(w));
                w.setLength(0);
            }
        }
        return out;
    }

    private static char fold(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4', '@' -> 'a';
            case '5', '$' -> 's';
            case '7' -> 't';
            default -> c;
        };
    }

    /** "fuuuuck" -> "fuck": runs of three or more equal letters rarely occur in real words. */
    private static String collapseRuns(StringBuilder w) {
        int n = w.length();
        StringBuilder out = null;
        int i = 0;
        while (i < n) {
            char c = w.charAt(i);
            int j = i + 1;
            while (j < n && w.charAt(j) == c) {
                j++;
            }
            if (j - i >= 3 && out == null) {
                out = new StringBuilder(n).append(w, 0, i);
            }
            if (out != null) {
                if (j - i >= 3) {
                    out.append(c);
                } else {
                    out.append(w, i, j);
                }
            }
            i = j;
        }
        return out == null ? w.toString() : out.toString();
    }

    /** A word set: exact words and prefixes. */
    static final class WordSet {
        final Set<String> words = new HashSet<>();
        final Set<String> prefixes = new HashSet<>();

        void add(String entry) {
            boolean prefix = entry.endsWith("*");
            List<String> folded = words(prefix ? entry.substring(0, entry.length() - 1) : entry);
            if (folded.size() != 1) {
                throw new IllegalArgumentException("not one word after folding: " + entry
                        + " (write apostrophes as spaces, e.g. \"doesn t\")");
            }
            (prefix ? prefixes : words).add(folded.get(0));
        }

        void addAll(WordSet other) {
            words.addAll(other.words);
            prefixes.addAll(other.prefixes);
        }

        boolean contains(String w) {
            if (words.contains(w)) {
                return true;
            }
            for (String p : prefixes) {
                if (w.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A sequence of elements, each a word set repeated min..max times. */
    record Pattern(List<WordSet> sets, int[] min, int[] max) {
        static Pattern phrase(List<String> folded, boolean lastIsPrefix) {
            List<WordSet> sets = new ArrayList<>();
            for (int i = 0; i < folded.size(); i++) {
                WordSet s = new WordSet();
                (lastIsPrefix && i == folded.size() - 1 ? s.prefixes : s.words).add(folded.get(i));
                sets.add(s);
            }
            int[] one = new int[sets.size()];
            java.util.Arrays.fill(one, 1);
            return new Pattern(sets, one, one.clone());
        }

        static Pattern parse(String body, Map<String, WordSet> named) {
            List<WordSet> sets = new ArrayList<>();
            List<int[]> reps = new ArrayList<>();
            for (String part : body.split("\\s+")) {
                int lo = 1;
                int hi = 1;
                String el = part;
                if (el.endsWith("?")) {
                    lo = 0;
                    el = el.substring(0, el.length() - 1);
                } else if (el.endsWith("}") && el.indexOf('{') > 0) {
                    String[] r = el.substring(el.indexOf('{') + 1, el.length() - 1).split(",");
                    lo = Integer.parseInt(r[0].strip());
                    hi = Integer.parseInt(r[r.length - 1].strip());
                    el = el.substring(0, el.indexOf('{'));
                }
                WordSet s = new WordSet();
                for (String alt : el.split("\\|")) {
                    if (alt.startsWith("@")) {
                        WordSet ref = named.get(alt.substring(1));
                        if (ref == null) {
                            throw new IllegalArgumentException("undefined word set " + alt + " in: " + body);
                        }
                        s.addAll(ref);
                    } else {
                        s.add(alt);
                    }
                }
                sets.add(s);
                reps.add(new int[] {lo, hi});
            }
            if (sets.isEmpty()) {
                return null;
            }
            int[] min = new int[sets.size()];
            int[] max = new int[sets.size()];
            for (int i = 0; i < sets.size(); i++) {
                min[i] = reps.get(i)[0];
                max[i] = reps.get(i)[1];
            }
            return new Pattern(sets, min, max);
        }

        int maxLength() {
            int n = 0;
            for (int m : max) {
                n += m;
            }
            return n;
        }

        /** End (exclusive) of the longest match starting at word {@code start}, or -1. */
        int matchAt(List<String> ws, int start) {
            return match(ws, start, 0);
        }

        private int match(List<String> ws, int pos, int el) {
            if (el == sets.size()) {
                return pos;
            }
            WordSet s = sets.get(el);
            int count = 0;
            int best = -1;
            // try the most repetitions first (greedy), then fewer
            int limit = max[el];
            int p = pos;
            while (count < limit && p < ws.size() && s.contains(ws.get(p))) {
                count++;
                p++;
            }
            for (int k = count; k >= min[el]; k--) {
                int end = match(ws, pos + k, el + 1);
                if (end >= 0) {
                    best = Math.max(best, end);
                    break;
                }
            }
            return best;
        }
    }
}
