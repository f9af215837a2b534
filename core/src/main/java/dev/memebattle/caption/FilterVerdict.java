package dev.memebattle.caption;

/** Whether a caption may be posted at some {@link FilterLevel}, and if not, why. */
public sealed interface FilterVerdict permits FilterVerdict.Allowed, FilterVerdict.Blocked {
    FilterVerdict ALLOWED = new Allowed();

    boolean allowed();

    /** The caption may be posted. */
    record Allowed() implements FilterVerdict {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    /**
     * The caption must not be posted.
     *
     * @param category the first category (in {@link FilterCategory} order) that matched
     * @param match    the folded word or phrase that matched ("kill you", "fuck")
     */
    record Blocked(FilterCategory category, String match) implements FilterVerdict {
        @Override
        public boolean allowed() {
            return false;
        }
    }
}
