package dev.memebattle.chat;

import dev.memebattle.caption.FilterLevel;
import dev.memebattle.engine.MemeRequest;
import dev.memebattle.engine.MemeText;
import dev.memebattle.render.ImageFormat;
import dev.memebattle.template.MemeTemplate;
import dev.memebattle.template.TemplateCatalog;
import dev.memebattle.template.TemplateMatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which memes to offer for a typed query, page by page (Telegram's inline mode, and any face that
 * lets users pick among candidates): {@code doge wow} — candidates of one template with different
 * seeds; {@code drake a | b} — the user's own text, one image; {@code random wow} — another
 * template per candidate; nothing — popular templates (the catalog's order); anything else — the
 * closest templates. The same query always gives the same candidates, so renders and uploads are
 * reused while the user types and scrolls.
 */
public final class InlineCandidates {

    /** At most this many candidates per query (Telegram shows at most 50 results per answer). */
    public static final int MAX_CANDIDATES = 50;

    private final TemplateCatalog catalog;
    private final TemplateResolver templates;
    private final int perPage;

    public InlineCandidates(TemplateCatalog catalog, TemplateResolver templates, int perPage) {
        this.catalog = catalog;
        this.templates = templates;
        this.perPage = perPage;
    }

    /**
     * @param requests the memes of this page, in order
     * @param more     whether a next page has candidates
     */
    public record Plan(List<MemeRequest> requests, boolean more) {
        public Plan {
            requests = List.copyOf(requests);
        }
    }

    /** @param page 0 for the first page */
    public Plan plan(String text, int page) {
        int from = page * perPage;
        if (from >= MAX_CANDIDATES) {
            return new Plan(List.of(), false);
        }
        int to = Math.min(MAX_CANDIDATES, from + perPage);
        if (text.isBlank()) {
            return browse(catalog.all(), from, to);
        }
        String[] words = text.strip().split(" ", 2);
        if (words[0].equalsIgnoreCase(MemeCommand.RANDOM)) {
            return random(words.length > 1 ? words[1] : "", from, to);
        }
        Optional<TemplateResolver.Split> split = templates.splitLeading(text);
        if (split.isEmpty()) {
            return browse(catalog.search(text, MAX_CANDIDATES).stream().map(TemplateMatch::template).toList(), from, to);
        }
        MemeTemplate template = split.get().template();
        MemeText memeText = MemeText.parse(split.get().rest());
        if (memeText instanceof MemeText.Own) { // the user's own text: one image, whatever the seed
            return new Plan(page == 0 ? List.of(request(template, memeText, 0)) : List.of(), false);
        }
        List<MemeRequest> requests = new ArrayList<>();
        for (int i = from; i < to; i++) {
            requests.add(request(template, memeText, seed(template, split.get().rest(), i)));
        }
        return new Plan(requests, to < MAX_CANDIDATES);
    }

    /**
     * {@code random [text]}: each candidate another template the model knows, in an order fixed by
     * the text (the same query keeps its candidates while the user scrolls).
     */
    private Plan random(String rest, int from, int to) {
        MemeText memeText = MemeText.parse(rest);
        int boxesNeeded = memeText instanceof MemeText.Own own ? own.boxes().size() : 1;
        List<MemeTemplate> pool = catalog.all().stream()
                .filter(t -> t.aiCapable() && t.boxes().size() >= boxesNeeded)
                .sorted(Comparator.comparingLong(t -> seed(t, rest, 0)))
                .toList();
        List<MemeRequest> requests = new ArrayList<>();
        for (int i = from; i < Math.min(to, pool.size()); i++) {
            requests.add(request(pool.get(i), memeText, seed(pool.get(i), rest, i)));
        }
        return new Plan(requests, to < Math.min(MAX_CANDIDATES, pool.size()));
    }

    /** Templates with the AI's caption (no prefix): for browsing. */
    private Plan browse(List<MemeTemplate> list, int from, int to) {
        List<MemeRequest> requests = new ArrayList<>();
        for (int i = from; i < Math.min(to, list.size()); i++) {
            requests.add(request(list.get(i), new MemeText.Ai(""), 0));
        }
        return new Plan(requests, to < Math.min(MAX_CANDIDATES, list.size()));
    }

    private static MemeRequest request(MemeTemplate template, MemeText text, long seed) {
        return new MemeRequest(template, text, seed, ImageFormat.JPEG, FilterLevel.STANDARD);
    }

    /**
     * The same query gives the same candidates (so their uploads are reused while the user types
     * and scrolls); different positions give different seeds.
     */
    static long seed(MemeTemplate template, String text, int position) {
        long h = 1125899906842597L;
        for (byte b : (template.key() + '\u0000' + text).getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        h ^= position * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
