package dev.memebattle.template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The meme templates, loaded and validated from {@code templates/*.yml}, with lookup by key, name
 * or alias. Immutable and thread-safe once loaded.
 *
 * <p>Matching ignores case, accents, spaces and punctuation ("Is this a pigeon", "isthisapigeon").
 * {@link #find} answers a command argument with one template or none; {@link #search} ranks
 * suggestions for autocomplete and "did you mean".
 */
public final class TemplateCatalog implements TemplateKeys {

    private static final Logger log = LoggerFactory.getLogger(TemplateCatalog.class);

    /** Queries shorter than this never match by prefix in {@link #find} ("d" is not "doge"). */
    private static final int MIN_UNIQUE_PREFIX = 3;
    /** Typo-tolerant prefix matching in {@link #find} needs this much text to be safe. */
    private static final int MIN_FUZZY_PREFIX = 6;
    private static final int MAX_TYPOS = 3;

    static final double EXACT = 1.0;
    static final double PREFIX = 0.8;
    static final double WORD_PREFIX = 0.6;
    static final double SUBSTRING = 0.4;
    /** By number of typos (1..3); written out so scores print as 0.15, not 0.15000000000000002. */
    static final double[] FUZZY = {0.2, 0.15, 0.1, 0.05};

    /** A name a template can be found by; the kind orders which one is shown when several match. */
    private enum Kind { NAME, KEY, ALIAS, KEYWORD }

    private record Name(String folded, String display, Kind kind, int[] wordStarts, int entry) {
    }

    private record Entry(MemeTemplate template, int popularity) {
    }

    private final List<Entry> entries;
    private final List<Name> names;
    private final Map<String, Integer> exact;
    private final Map<String, MemeTemplate> byKey;
    private final List<MemeTemplate> all;
    private final List<MemeTemplate> aiCapable;
    private final List<MemeTemplate> defaultOrder;
    private final Comparator<Integer> ranking;
    private final int longestName;

    private TemplateCatalog(List<TemplateFileReader.Definition> definitions) {
        List<Entry> entries = new ArrayList<>();
        List<Name> names = new ArrayList<>();
        Map<String, Integer> exact = new HashMap<>();
        Map<String, MemeTemplate> byKey = new LinkedHashMap<>();
        List<TemplateFileReader.Definition> byKeyOrder = definitions.stream()
                .sorted(Comparator.comparing(d -> d.template().key())).toList();
        for (TemplateFileReader.Definition definition : byKeyOrder) {
            MemeTemplate t = definition.template();
            int index = entries.size();
            entries.add(new Entry(t, definition.popularity()));
            byKey.put(t.key(), t);
            addName(names, exact, t.name(), Kind.NAME, index);
            addName(names, exact, t.key(), Kind.KEY, index);
            t.aliases().forEach(alias -> addName(names, exact, alias, Kind.ALIAS, index));
            definition.keywords().forEach(keyword -> addName(names, exact, keyword, Kind.KEYWORD, index));
        }
        this.entries = List.copyOf(entries);
        this.names = List.copyOf(names);
        this.exact = Map.copyOf(exact);
        this.all = List.copyOf(byKey.values());
        this.byKey = Map.copyOf(byKey);
        this.aiCapable = all.stream().filter(MemeTemplate::aiCapable).toList();
        // AI-capable first (they can caption themselves), then the most captioned on imgflip, then by name.
        Comparator<Entry> popular = Comparator.comparing((Entry e) -> !e.template().aiCapable())
                .thenComparing(Comparator.comparingInt(Entry::popularity).reversed())
                .thenComparing(e -> e.template().name().toLowerCase(Locale.ROOT))
                .thenComparing(e -> e.template().key());
        this.ranking = (a, b) -> popular.compare(this.entries.get(a), this.entries.get(b));
        this.defaultOrder = this.entries.stream().sorted(popular).map(Entry::template).toList();
        this.longestName = names.stream().mapToInt(n -> n.folded().length()).max().orElse(0);
    }

    private static void addName(List<Name> names, Map<String, Integer> exact, String display, Kind kind, int entry) {
        String folded = TemplateNames.fold(display);
        // The same template's names were added last; "Doge" the name and "doge" the key need one entry.
        for (int i = names.size() - 1; i >= 0 && names.get(i).entry() == entry; i--) {
            if (names.get(i).folded().equals(folded) && names.get(i).kind() != Kind.KEYWORD) {
                return;
            }
        }
        names.add(new Name(folded, display, kind, TemplateNames.wordStarts(display), entry));
        if (kind != Kind.KEYWORD) {
            exact.putIfAbsent(folded, entry); // clashes were rejected at load
        }
    }

    /**
     * Loads every {@code *.yml} / {@code *.yaml} file in {@code templatesDir}.
     *
     * @throws TemplateDefinitionException listing every invalid file and field, including keys, names
     *                                     and aliases that two templates share
     */
    public static TemplateCatalog load(Path templatesDir) throws TemplateDefinitionException {
        long started = System.nanoTime();
        if (!Files.isDirectory(templatesDir)) {
            throw new TemplateDefinitionException("templates directory not found: " + templatesDir);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(templatesDir)) {
            files = listing.filter(p -> p.getFileName().toString().matches("[^.].*\\.ya?ml"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new TemplateDefinitionException("cannot list templates directory " + templatesDir + ": " + e);
        }
        if (files.isEmpty()) {
            throw new TemplateDefinitionException("no template files (*.yml) in " + templatesDir);
        }
        TemplateFileReader reader = new TemplateFileReader();
        List<String> problems = new ArrayList<>();
        List<TemplateFileReader.Definition> definitions = new ArrayList<>();
        for (Path file : files) {
            try {
                definitions.add(reader.read(file));
            } catch (TemplateDefinitionException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(clashes(definitions));
        if (!problems.isEmpty()) {
            throw new TemplateDefinitionException(problems);
        }
        TemplateCatalog catalog = new TemplateCatalog(definitions);
        log.info("Loaded {} templates ({} AI-capable) from {} in {} ms", catalog.all.size(),
                catalog.aiCapable.size(), templatesDir, (System.nanoTime() - started) / 1_000_000);
        return catalog;
    }

    /**
     * A catalog of templates made at run time (a chat's own), searched like the shipped ones. Their
     * keys and names must already be unique.
     */
    public static TemplateCatalog of(List<MemeTemplate> templates) {
        return new TemplateCatalog(templates.stream()
                .map(t -> new TemplateFileReader.Definition(t, List.of(), 0, t.key())).toList());
    }

    /** Which file and field first used a (folded) name. */
    private record Owner(String file, String field) {
    }

    /** Keys, names and aliases must each lead to one template; keywords ("The Office") may be shared. */
    private static List<String> clashes(List<TemplateFileReader.Definition> definitions) {
        List<String> problems = new ArrayList<>();
        Map<String, Owner> owners = new HashMap<>();
        Set<String> keys = new HashSet<>();
        // Keys and names first, so that a clash blames the alias rather than the other template's name.
        for (TemplateFileReader.Definition d : definitions) {
            MemeTemplate t = d.template();
            if (!keys.add(t.key())) {
                problems.add(d.fileName() + ": key: '" + t.key() + "' is defined by another file too");
                continue;
            }
            claim(owners, problems, d.fileName(), "key", t.key());
            claim(owners, problems, d.fileName(), "name", t.name());
        }
        for (TemplateFileReader.Definition d : definitions) {
            List<String> aliases = d.template().aliases();
            for (int i = 0; i < aliases.size(); i++) {
                claim(owners, problems, d.fileName(), "aliases[" + i + "]", aliases.get(i));
            }
        }
        return problems;
    }

    private static void claim(Map<String, Owner> owners, List<String> problems, String file, String field,
                              String value) {
        Owner first = owners.putIfAbsent(TemplateNames.fold(value), new Owner(file, field));
        if (first != null && !first.file().equals(file)) {
            problems.add(file + ": " + field + ": '" + value + "' is already used by " + first.file() + " ("
                    + first.field() + "); names are compared ignoring case, spaces and punctuation");
        }
    }

    /** All templates, ordered by key. */
    public List<MemeTemplate> all() {
        return all;
    }

    /** Templates the caption model was trained for, ordered by key. */
    public List<MemeTemplate> aiCapable() {
        return aiCapable;
    }

    /** The template with exactly this key ("doge"). */
    @Override
    public Optional<MemeTemplate> byKey(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(byKey.get(key));
    }

    public int size() {
        return all.size();
    }

    /** Only an exact key, name or alias (ignoring case, spaces, punctuation) — no prefixes, no typos. */
    public Optional<MemeTemplate> findExact(String query) {
        Integer hit = exact.get(TemplateNames.fold(query == null ? "" : query));
        return hit == null ? Optional.empty() : Optional.of(entries.get(hit).template());
    }

    /**
     * The one template a user means: exact key, name or alias (ignoring case, spaces, punctuation);
     * else the only template with a name starting with the query ("one does not simply");
     * else the only template within a few typos ("dgoe" → doge). Empty when nothing or more than one
     * template fits, so a caller can offer {@link #search} suggestions instead of guessing.
     */
    public Optional<MemeTemplate> find(String query) {
        String q = TemplateNames.fold(query == null ? "" : query);
        if (q.isEmpty() || q.length() > longestName + MAX_TYPOS) {
            return Optional.empty();
        }
        Integer hit = exact.get(q);
        if (hit != null) {
            return Optional.of(entries.get(hit).template());
        }
        if (q.length() >= MIN_UNIQUE_PREFIX) {
            int only = onlyEntry(q, (name, text) -> name.folded().startsWith(text) ? 0 : -1);
            if (only >= 0) {
                return Optional.of(entries.get(only).template());
            }
        }
        int typos = typoLimit(q.length());
        if (typos == 0) {
            return Optional.empty();
        }
        int only = onlyEntry(q, (name, text) -> {
            int d = TemplateNames.distance(text, name.folded(), typos);
            return d <= typos ? d : -1;
        });
        if (only < 0 && q.length() >= MIN_FUZZY_PREFIX) {
            only = onlyEntry(q, (name, text) -> {
                int d = bestPrefixDistance(text, name.folded(), typos);
                return d <= typos ? d : -1;
            });
        }
        return only < 0 ? Optional.empty() : Optional.of(entries.get(only).template());
    }

    /** Distance of a name to the query, or -1 when it does not match at all. */
    private interface Measure {
        int apply(Name name, String query);
    }

    /** The entry whose names come closest to the query, when no other entry comes as close; else -1. */
    private int onlyEntry(String q, Measure measure) {
        int best = Integer.MAX_VALUE;
        int bestEntry = -1;
        boolean tied = false;
        for (Name name : names) {
            if (name.kind() == Kind.KEYWORD) {
                continue; // shared by several templates by design: never a unique answer
            }
            int d = measure.apply(name, q);
            if (d < 0 || d > best) {
                continue;
            }
            if (d < best) {
                best = d;
                bestEntry = name.entry();
                tied = false;
            } else if (name.entry() != bestEntry) {
                tied = true;
            }
        }
        return tied ? -1 : bestEntry;
    }

    /**
     * Ranked suggestions: exact, then prefix, then prefix of a later word ("bling" for "Drake Hotline
     * Bling"), then substring, then within a few typos; ties go to AI-capable, then more popular
     * templates, then by name. An empty query lists the default order (AI-capable and popular
     * first). Never throws for odd input; returns at most {@code limit} matches.
     */
    public List<TemplateMatch> search(String query, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String q = TemplateNames.fold(query == null ? "" : query);
        if (q.isEmpty()) {
            // nothing typed yet (autocomplete): the popular ones; only symbols or emoji typed: no name matches
            return query == null || query.isBlank()
                    ? defaultOrder.stream().limit(limit).map(t -> new TemplateMatch(t, 0.0, t.name())).toList()
                    : List.of();
        }
        if (q.length() > longestName + MAX_TYPOS) {
            return List.of();
        }
        int typos = typoLimit(q.length());
        double[] scores = new double[entries.size()];
        Name[] matched = new Name[entries.size()];
        for (Name name : names) {
            double score = score(q, name, typos);
            int e = name.entry();
            if (score > scores[e] || (score > 0 && score == scores[e] && name.kind().compareTo(matched[e].kind()) < 0)) {
                scores[e] = score;
                matched[e] = name;
            }
        }
        List<Integer> hits = new ArrayList<>();
        for (int e = 0; e < scores.length; e++) {
            if (scores[e] > 0) {
                hits.add(e);
            }
        }
        hits.sort(Comparator.<Integer>comparingDouble(e -> -scores[e]).thenComparing(ranking));
        return hits.stream().limit(limit)
                .map(e -> new TemplateMatch(entries.get(e).template(), scores[e], matched[e].display()))
                .toList();
    }

    private static double score(String q, Name name, int typos) {
        String folded = name.folded();
        if (folded.startsWith(q)) {
            return folded.length() == q.length() ? EXACT : PREFIX;
        }
        for (int start : name.wordStarts()) {
            if (start > 0 && folded.startsWith(q, start)) {
                return WORD_PREFIX;
            }
        }
        if (q.length() >= 2 && folded.contains(q)) {
            return SUBSTRING;
        }
        if (typos > 0) {
            int d = bestPrefixDistance(q, folded, typos);
            if (d <= typos) {
                return FUZZY[d];
            }
        }
        return 0;
    }

    /** Fewest typos between the query and the name or a prefix of it ("drkae ho" → "drakeho…"). */
    private static int bestPrefixDistance(String q, String folded, int typos) {
        if (folded.length() < q.length() - typos) {
            return typos + 1;
        }
        int[] row = TemplateNames.prefixDistances(q, folded, typos);
        if (row == null) {
            return typos + 1;
        }
        int best = typos + 1;
        for (int j = Math.max(1, q.length() - typos); j < row.length; j++) {
            best = Math.min(best, row[j]);
        }
        return best;
    }

    /** Typos tolerated for a query of this many letters: none for short words, up to three for long names. */
    static int typoLimit(int length) {
        if (length < 4) {
            return 0;
        }
        if (length < 6) {
            return 1;
        }
        return length < 10 ? 2 : MAX_TYPOS;
    }
}
