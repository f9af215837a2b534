package dev.memebattle.caption;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whole-word blocklist. Entries: a word, a word with a trailing {@code *} (any word starting with it),
 * or a phrase of several words. Text is lowercased and look-alike characters folded before matching,
 * so "N1GG3R" and "fuuuck" are caught while "snigger" or "scunthorpe" are not.
 */
public final class Blocklist {
    private final Set<String> words = new HashSet<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<String> phrases = new ArrayList<>();

    public Blocklist(List<String> entries) {
        for (String raw : entries) {
            String e = raw.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty() || e.startsWith("#")) {
                continue;
            }
            if (e.contains(" ")) {
                phrases.add(" " + String.join(" ", words(e)) + " ");
            } else if (e.endsWith("*")) {
                prefixes.add(e.substring(0, e.length() - 1));
            } else {
                words.add(e);
            }
        }
    }

    /** Loads a list shipped in this package's resources (e.g. "slurs.txt"). */
    public static Blocklist resource(String name) {
        try (InputStream in = Blocklist.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("blocklist resource missing: " + name);
            }
            return new Blocklist(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean matches(String text) {
        return firstMatch(text) != null;
    }

    /** The first blocked word or phrase found, or null. */
    public String firstMatch(String text) {
        List<String> ws = words(text);
        for (String w : ws) {
            if (words.contains(w)) {
                return w;
            }
            for (String p : prefixes) {
                if (w.startsWith(p)) {
                    return w;
                }
            }
        }
        if (!phrases.isEmpty()) {
            String joined = " " + String.join(" ", ws) + " ";
            for (String p : phrases) {
                if (joined.contains(p)) {
                    return p.strip();
                }
            }
        }
        return null;
    }

    /** Lowercased words with look-alikes folded and runs of 3+ equal letters collapsed. */
    static List<String> words(String text) {
        String s = text.toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            folded.append(switch (c) {
                case '0' -> 'o';
                case '1' -> 'i';
                case '3' -> 'e';
                case '4', '@' -> 'a';
                case '5', '$' -> 's';
                case '7' -> 't';
                case '*' -> '*';
                default -> c;
            });
        }
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i <= folded.length(); i++) {
            char c = i < folded.length() ? folded.charAt(i) : ' ';
            if (Character.isLetter(c)) {
                w.append(c);
            } else if (w.length() > 0) {
                out.add(collapseDoubles(w.toString()));
                w.setLength(0);
            }
        }
        return out;
    }

    /** "fuuuuck" -> "fuck": runs of three or more equal letters rarely occur in real words. */
    private static String collapseDoubles(String w) {
        return w.replaceAll("(\\p{L})\\1{2,}", "$1");
    }
}
