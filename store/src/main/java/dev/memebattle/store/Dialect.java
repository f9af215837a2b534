package dev.memebattle.store;

import dev.memebattle.config.ConfigException;

/**
 * The two databases we speak to. The SQL is otherwise shared (ON CONFLICT, partial indexes and
 * LIMIT/OFFSET exist in both); only row locks differ: SQLite has none because every write
 * transaction takes the database's single write lock at BEGIN (IMMEDIATE mode).
 */
public enum Dialect {
    SQLITE("", ""),
    POSTGRESQL(" FOR UPDATE", " FOR SHARE");

    private final String forUpdate;
    private final String forShare;

    Dialect(String forUpdate, String forShare) {
        this.forUpdate = forUpdate;
        this.forShare = forShare;
    }

    /** Appended to a SELECT that reads rows this transaction will change. */
    public String forUpdate() {
        return forUpdate;
    }

    /** Appended to a SELECT whose rows must not change until this transaction ends. */
    public String forShare() {
        return forShare;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new ConfigException("store.url must start with jdbc:sqlite: or jdbc:postgresql: — got \""
                + (jdbcUrl.length() > 40 ? jdbcUrl.substring(0, 40) + "…" : jdbcUrl) + "\"");
    }
}
