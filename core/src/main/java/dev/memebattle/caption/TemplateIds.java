package dev.memebattle.caption;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The model's template ids. Id 0 is the generic template (used for template dropout in training
 * and for templates that have no training captions); 1..n are the corpus templates by imgflip id.
 */
public record TemplateIds(List<Entry> entries) {
    public static final int GENERIC = 0;

    /** @param memegen memegen key, or null */
    public record Entry(int id, String imgflipId, String name, String memegen) {
    }

    public TemplateIds {
        entries = List.copyOf(entries);
    }

    public static TemplateIds fromCorpus(Collection<CorpusCaption> captions) {
        Map<Long, CorpusCaption> byId = new TreeMap<>();
        for (CorpusCaption c : captions) {
            if (c.imgflipId() != null) {
                byId.putIfAbsent(parseId(c.imgflipId()), c);
            }
        }
        List<Entry> out = new ArrayList<>();
        int id = 1;
        for (CorpusCaption c : byId.values()) {
            out.add(new Entry(id++, c.imgflipId(), c.template(), c.memegen()));
        }
        return new TemplateIds(out);
    }

    private static long parseId(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE - (s.hashCode() & 0xffff);
        }
    }

    /** Number of ids including the generic one. */
    public int count() {
        return entries.size() + 1;
    }

    public int byImgflipId(String imgflipId) {
        if (imgflipId != null) {
            for (Entry e : entries) {
                if (e.imgflipId().equals(imgflipId.strip())) {
                    return e.id();
                }
            }
        }
        return GENERIC;
    }

    /** Matches the imgflip id first, then the memegen key, then the name; generic when none matches. */
    public int lookup(String imgflipId, String memegenKey, String name) {
        int id = byImgflipId(imgflipId);
        if (id != GENERIC) {
            return id;
        }
        for (Entry e : entries) {
            if (memegenKey != null && memegenKey.equals(e.memegen())) {
                return e.id();
            }
        }
        for (Entry e : entries) {
            if (name != null && e.name() != null
                    && e.name().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT).strip())) {
                return e.id();
            }
        }
        return GENERIC;
    }
}
