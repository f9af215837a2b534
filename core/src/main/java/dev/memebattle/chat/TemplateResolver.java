package dev.memebattle.chat;

import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateMatch;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the template a user means, or explains that it does not know it and suggests close ones.
 * Shared by every command that takes a template, so users see one consistent answer.
 */
public final class TemplateResolver {

    private static final int SUGGESTIONS = 3;

    private final TemplateCatalog catalog;

    public TemplateResolver(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every template, for a random pick. */
    public List<MemeTemplate> all() {
        return catalog.all();
    }

    public Optional<MemeTemplate> find(String query) {
        return catalog.find(query);
    }

    /** "I don't know … Did you mean …?" for a query that {@link #find} did not resolve. */
    public String unknownMessage(String query) {
        String shown = ChatText.quoted(query);
        List<TemplateMatch> close = catalog.search(query, SUGGESTIONS);
        if (close.isEmpty()) {
            return "I don't know the template " + shown + ". Try /templates to see them all.";
        }
        return "I don't know the template " + shown + ". Did you mean: "
                + close.stream().map(m -> m.template().key()).collect(Collectors.joining(", ")) + "?";
    }

    /**
     * Splits "one does not simply walk in | …" into the words that name a template and the text
     * after them. The name never reaches past a "|". A first word that is exactly a key, name or
     * alias wins ("drake no | yes" is drake + "no | yes", not the alias "drake no yes"); then the
     * longest exact multi-word name; then a unique name start of 3+ words ("one does not simply");
     * last, a typo-tolerant first word ("dgoe wow").
     */
    public Optional<Split> splitLeading(String text) {
        String head = text.strip();
        int bar = head.indexOf('|');
        String[] words = (bar < 0 ? head : head.substring(0, bar)).strip().split(" ");
        String[] all = head.split(" ");
        if (words.length == 0 || words[0].isEmpty()) {
            return Optional.empty();
        }
        Optional<MemeTemplate> first = catalog.findExact(words[0]);
        if (first.isPresent()) {
            return Optional.of(new Split(first.get(), words[0], rest(all, 1)));
        }
        int longest = Math.min(words.length, 8);
        for (int n = longest; n >= 2; n--) {
            Optional<MemeTemplate> exact = catalog.findExact(join(words, n));
            if (exact.isPresent()) {
                return Optional.of(new Split(exact.get(), join(words, n), rest(all, n)));
            }
        }
        for (int n = longest; n >= 3; n--) {
            Optional<MemeTemplate> named = catalog.find(join(words, n));
            if (named.isPresent()) {
                return Optional.of(new Split(named.get(), join(words, n), rest(all, n)));
            }
        }
        return catalog.find(words[0]).map(t -> new Split(t, words[0], rest(all, 1)));
    }

    private static String join(String[] words, int n) {
        return String.join(" ", java.util.Arrays.copyOfRange(words, 0, n));
    }

    private static String rest(String[] words, int from) {
        return String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length)).strip();
    }

    /** @param query the words that named the template; {@code rest} is the text after them */
    public record Split(MemeTemplate template, String query, String rest) {
    }
}
