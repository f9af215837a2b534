package dev.memebattle.store;

import dev.memebattle.config.ConfigException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The two databases we speak to. The SQL is otherwise shared (ON CONFLICT, partial indexes and
 * LIMIT/OFFSET exist in both); only locks and the binary column type differ. SQLite needs no locks
 * because every write transaction takes the database's single write lock at BEGIN (IMMEDIATE mode).
 */
public enum Dialect {
    SQLITE("", "", "", "BLOB"),
    // hashtext folds any name into the lock's integer key; two names that collide only wait for each other
    POSTGRESQL(" FOR UPDATE", " FOR SHARE", "SELECT pg_advisory_xact_lock(hashtext(?))", "BYTEA");

    private final String forUpdate;
    private final String forShare;
    private final String lockStatement;
    private final String binaryType;

    Dialect(String forUpdate, String forShare, String lockStatement, String binaryType) {
        this.forUpdate = forUpdate;
        this.forShare = forShare;
        this.lockStatement = lockStatement;
        this.binaryType = binaryType;
    }

    /** Appended to a SELECT that reads rows this transaction will change. */
    public String forUpdate() {
        return forUpdate;
    }

    /** Appended to a SELECT whose rows must not change until this transaction ends. */
    public String forShare() {
        return forShare;
    }

    /**
     * Holds the lock called {@code name} until this transaction ends, so transactions that take the
     * same name run one after another even where there is no row to lock yet (e.g. before a chat's
     * first template is inserted). On SQLite there is nothing to do: the transaction already holds
     * the database's write lock.
     */
    public void lock(Connection transaction, String name) throws SQLException {
        if (lockStatement.isEmpty()) {
            return;
        }
        try (PreparedStatement s = transaction.prepareStatement(lockStatement)) {
            s.setString(1, name);
            s.execute();
        }
    }

    /** The column type for bytes (pictures): the {@code ${binary}} placeholder in migrations. */
    public String binaryType() {
        return binaryType;
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
