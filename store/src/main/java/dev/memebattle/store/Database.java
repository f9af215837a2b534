package dev.memebattle.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.memebattle.config.ConfigException;
import dev.memebattle.config.StoreConfig;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bot's database: a HikariCP pool over SQLite (one file, WAL mode) or PostgreSQL, migrated
 * by Flyway when opened. {@link #write} runs work in a transaction that is committed before it
 * returns, so anything acknowledged to a user survives a crash.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int ATTEMPTS = 6;
    /** How long an SQLite writer waits for another writer (thread or process) before giving up. */
    static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String shownUrl;

    private Database(HikariDataSource pool, Dialect dialect, String shownUrl) {
        this.pool = pool;
        this.dialect = dialect;
        this.shownUrl = shownUrl;
    }

    /** Opens the configured database; the password comes from {@code MEMEBATTLE_DB_PASSWORD}. */
    public static Database open(StoreConfig config, Map<String, String> env) {
        return open(config.url(), config.user(), env.getOrDefault("MEMEBATTLE_DB_PASSWORD", ""), config.poolSize());
    }

    public static Database open(String url) {
        return open(url, "", "", 0);
    }

    /**
     * @throws StoreException when the database cannot be reached or migrated
     * @throws IllegalArgumentException for a URL that is neither SQLite nor PostgreSQL
     */
    public static Database open(String url, String user, String password, int poolSize) {
        Dialect dialect = Dialect.of(url);
        String shown = shown(url);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("memebattle-db");
        hikari.setJdbcUrl(url);
        if (!user.isBlank()) {
            hikari.setUsername(user);
        }
        if (!password.isBlank()) {
            hikari.setPassword(password);
        }
        if (dialect == Dialect.SQLITE) {
            createParentDirectory(url);
            hikari.setDriverClassName("org.sqlite.JDBC");
            // Per-connection pragmas, applied by the driver on every new connection.
            hikari.addDataSourceProperty("journal_mode", "WAL");
            hikari.addDataSourceProperty("synchronous", "FULL"); // a commit is on disk before we acknowledge it
            hikari.addDataSourceProperty("foreign_keys", "true");
            hikari.addDataSourceProperty("busy_timeout", String.valueOf(SQLITE_BUSY_TIMEOUT_MS));
            // BEGIN IMMEDIATE: a write transaction takes the write lock first, so two read-then-write
            // transactions queue up instead of failing with SQLITE_BUSY when both try to upgrade.
            hikari.addDataSourceProperty("transaction_mode", "IMMEDIATE");
            hikari.setMaximumPoolSize(poolSize > 0 ? poolSize : 4);
        } else {
            hikari.setDriverClassName("org.postgresql.Driver");
            hikari.setMaximumPoolSize(poolSize > 0 ? poolSize : 8);
        }
        hikari.setMinimumIdle(1);
        hikari.setConnectionTimeout(15_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hikari);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot open the database " + shown + ": " + rootMessage(e), e);
        }
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("binary", dialect.binaryType()))
                    .load();
            int applied = flyway.migrate().migrationsExecuted;
            var current = flyway.info().current();
            log.info("Database {} ({}) at schema version {}{}", shown, dialect,
                    current == null ? "none" : current.getVersion(), applied > 0 ? " (" + applied + " migrations applied)" : "");
        } catch (FlywayException e) {
            pool.close();
            throw new StoreException("Cannot migrate the database " + shown + ": " + rootMessage(e), e);
        }
        return new Database(pool, dialect, shown);
    }

    /** The pool's own meters (HikariCP: connections active, idle, pending, wait and use times). */
    public void bindMetrics(MeterRegistry registry) {
        pool.setMetricRegistry(registry);
    }

    /** Whether the database answers now (a health check: one trivial query, within {@code timeout}). */
    public boolean reachable(Duration timeout) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
            s.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Work on one connection; it may throw SQLException. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction and commits it before returning. Lost races (SQLite busy
     * beyond its timeout, PostgreSQL serialization failures and deadlocks, a unique key another
     * process inserted first) are retried from the start, so {@code work} must only touch the
     * database and values it computes itself.
     */
    public <T> T write(Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(c);
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                if (!retryable(e) || attempt == ATTEMPTS) {
                    throw new StoreException("Database write failed on " + shownUrl + ": " + e.getMessage(), e);
                }
                last = e;
                log.debug("Retrying a write after a lost race ({}): {}", attempt, e.getMessage());
                pause(attempt);
            }
        }
        throw new StoreException("Database write failed on " + shownUrl, last);
    }

    /** Runs {@code work} on an auto-commit connection (reads). */
    public <T> T read(Work<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StoreException("Database read failed on " + shownUrl + ": " + e.getMessage(), e);
        }
    }

    static boolean retryable(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("40001") || state.equals("40P01") || state.equals("23505")) {
            return true; // serialization failure, deadlock, unique key inserted by a concurrent transaction
        }
        String message = String.valueOf(e.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("SQLITE_LOCKED");
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            log.debug("Rollback failed", e);
        }
    }

    private static void createParentDirectory(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        file = query < 0 ? file : file.substring(0, query);
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            // a setup mistake (store.url), not a fault: one line at start-up
            throw new ConfigException("store.url: cannot create the database folder " + parent + " ("
                    + e.getClass().getSimpleName() + "); point store.url at a writable place.");
        }
    }

    /** The URL without its query string, which may hold a password. */
    static String shown(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).lines().findFirst().orElse("unknown error");
    }

    @Override
    public void close() {
        pool.close();
    }
}
