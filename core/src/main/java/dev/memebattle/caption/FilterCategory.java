package dev.memebattle.caption;

/**
 * What a blocked caption contained, in the order {@link CaptionFilter} checks them. Each category
 * has its own word list(s) under this package's resources (see {@link #resource()}), and
 * {@code ldnoobw-en.tsv} adds words to a category through its first column.
 */
public enum FilterCategory {
    /** Ethnic, racial, homophobic and similar slurs, and hate slogans. */
    SLUR("slurs.txt", FilterLevel.STANDARD),
    /** Threats of violence against people or places ("i will kill you", "shoot up the school") and incitement to self-harm ("kys"). */
    THREAT("threats.txt", FilterLevel.STANDARD),
    /** Explicit sexual acts and terms, and anything sexual involving minors. */
    SEXUAL("sexual.txt", FilterLevel.STANDARD),
    /** Milder vulgarity ("fuck", "shit"), mild sexual words ("sexy", "boobs") and a few shock words ("nazi"). */
    PROFANITY("profanity.txt", FilterLevel.STRICT),
    /**
     * The Chinese dictionary of {@code com.github.houbb:sensitive-word} (politics, sex, insults and
     * crime mixed, without a usable split), blocked from STANDARD on as before.
     */
    CHINESE_DICTIONARY(null, FilterLevel.STANDARD);

    private final String resource;
    private final FilterLevel from;

    FilterCategory(String resource, FilterLevel from) {
        this.resource = resource;
        this.from = from;
    }

    /** This category's own list in the caption package's resources, or null. */
    public String resource() {
        return resource;
    }

    /** Whether a chat at {@code level} must not see this category (OFF blocks nothing). */
    public boolean blockedAt(FilterLevel level) {
        return level != null && level != FilterLevel.OFF && level.compareTo(from) >= 0;
    }
}
