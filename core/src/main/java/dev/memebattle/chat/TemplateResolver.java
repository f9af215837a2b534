package dev.memebattle.chat;

import dev.memebattle.picture.OwnPictures;
import dev.memebattle.picture.SavedTemplates;
import dev.memebattle.template.ChatTemplates;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateKeys;
import dev.memebattle.template.TemplateMatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the template a user means, or explains that it does not know it and suggests close ones.
 * Shared by every command that takes a template, so users see one consistent answer. A chat sees
 * the shipped templates and its own saved ones ({@link SavedTemplates}); a saved name typed exactly
 * wins, because a chat saved it to use it.
 */
public final class TemplateResolver implements TemplateKeys {

    private static final int SUGGESTIONS = 3;
    /** The chat of callers outside any chat (the command line): it has no templates of its own. */
    public static final String NO_CHAT = "";

    private final TemplateCatalog catalog;
    private final ChatTemplates saved;
    private final TemplateKeys oneOffs;

    /**
     * @param saved   chats' own templates ({@link SavedTemplates})
     * @param oneOffs one-off templates of people's pictures, found again by key while kept ({@link OwnPictures#byKey})
     */
    public TemplateResolver(TemplateCatalog catalog, ChatTemplates saved, TemplateKeys oneOffs) {
        this.catalog = catalog;
        this.saved = saved;
        this.oneOffs = oneOffs;
    }

    /** The shipped templates and nothing else. */
    public static TemplateResolver shippedOnly(TemplateCatalog catalog) {
        return new TemplateResolver(catalog, ChatTemplates.NONE, key -> Optional.empty());
    }

    /** The shipped templates (what chats without templates of their own see). */
    public TemplateCatalog shipped() {
        return catalog;
    }

    /** A chat's own templates, then the shipped ones. */
    public List<MemeTemplate> all(String chatKey) {
        List<MemeTemplate> own = saved.templates(chatKey);
        if (own.isEmpty()) {
            return catalog.all();
        }
        List<MemeTemplate> all = new ArrayList<>(own);
        all.addAll(catalog.all());
        return all;
    }

    /** A chat's own templates only. */
    public List<MemeTemplate> saved(String chatKey) {
        return saved.templates(chatKey);
    }

    /** Shipped, saved (by any chat) or a kept one-off picture; empty when it is gone. */
    @Override
    public Optional<MemeTemplate> byKey(String key) {
        return catalog.byKey(key).or(() -> saved.byKey(key)).or(() -> oneOffs.byKey(key));
    }

    /** The chat's own template by exact name (or key), else a shipped one, else a close own one. */
    public Optional<MemeTemplate> find(String chatKey, String query) {
        List<MemeTemplate> own = saved.templates(chatKey);
        if (own.isEmpty()) {
            return catalog.find(query);
        }
        return exactOwn(own, query).or(() -> catalog.find(query)).or(() -> TemplateCatalog.of(own).find(query));
    }

    /** Ranked matches for autocomplete and "did you mean": by score, the chat's own first among equals. */
    public List<TemplateMatch> search(String chatKey, String query, int limit) {
        List<MemeTemplate> own = saved.templates(chatKey);
        if (own.isEmpty()) {
            return catalog.search(query, limit);
        }
        List<TemplateMatch> found = new ArrayList<>(TemplateCatalog.of(own).search(query, limit));
        found.addAll(catalog.search(query, limit));
        found.sort(Comparator.comparingDouble(m -> -m.score())); // stable: own ones stay first among equals
        return found.subList(0, Math.min(limit, found.size()));
    }

    /** What people type for a template: a saved one's name, a shipped one's key. */
    public static String handle(MemeTemplate template) {
        return SavedTemplates.isSaved(template) ? template.name() : template.key();
    }

    /** "I don't know … Did you mean …?" for a query that {@link #find} did not resolve. */
    public String unknownMessage(String chatKey, String query) {
        String shown = ChatText.quoted(query);
        List<TemplateMatch> close = search(chatKey, query, SUGGESTIONS);
        if (close.isEmpty()) {
            return "I don't know the template " + shown + ". Try /templates to see them all.";
        }
        return "I don't know the template " + shown + ". Did you mean: "
                + close.stream().map(m -> handle(m.template())).collect(Collectors.joining(", ")) + "?";
    }

    /** A chat's own template typed exactly as its first word, else {@link #splitLeading(String)}. */
    public Optional<Split> splitLeading(String chatKey, String text) {
        String first = text.strip().split("[\\s|]", 2)[0];
        List<MemeTemplate> own = first.isEmpty() ? List.of() : saved.templates(chatKey);
        Optional<MemeTemplate> mine = exactOwn(own, first);
        if (mine.isPresent()) {
            return Optional.of(new Split(mine.get(), first, text.strip().substring(first.length()).strip()));
        }
        return splitLeading(text);
    }

    private static Optional<MemeTemplate> exactOwn(List<MemeTemplate> own, String query) {
        String name = SavedTemplates.normalName(query);
        return own.stream().filter(t -> t.name().equals(name) || t.key().equals(query.strip())).findFirst();
    }

    /**
     * Splits (shipped templates only) "one does not simply walk in | …" into the words that name a template and the text
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
