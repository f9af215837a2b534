package dev.memebattle.store;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, empty database for one test: an SQLite file in the test's temp folder, or a new schema
 * on the PostgreSQL server named by {@code MEMEBATTLE_TEST_PG_URL} (the test is skipped when it
 * is not set; {@code .ci/postgres.sh} starts one). The same test classes run on both.
 */
public final class TestDatabase implements AutoCloseable {

    public static final String PG_URL_VARIABLE = "MEMEBATTLE_TEST_PG_URL";

    public enum Kind { SQLITE, POSTGRESQL }

    private final Kind kind;
    private final String url;
    private final String schema;

    private TestDatabase(Kind kind, String url, String schema) {
        this.kind = kind;
        this.url = url;
        this.schema = schema;
    }

    /** For {@code @MethodSource}: every kind; PostgreSQL tests skip themselves without a server. */
    public static Stream<Kind> kinds() {
        return Stream.of(Kind.values());
    }

    public static TestDatabase create(Kind kind, Path tempDir) {
        if (kind == Kind.SQLITE) {
            return new TestDatabase(kind, "jdbc:sqlite:" + tempDir.resolve("memebattle.db"), null);
        }
        String base = System.getenv(PG_URL_VARIABLE);
        Assumptions.assumeTrue(base != null && !base.isBlank(),
                PG_URL_VARIABLE + " is not set: PostgreSQL tests skipped (run .ci/postgres.sh to get a server)");
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute(base, "CREATE SCHEMA " + schema);
        return new TestDatabase(kind, base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema, schema);
    }

    public Kind kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    /** A new pool on the same database: opening twice is "another process" or "after a restart". */
    public Database open() {
        return Database.open(url);
    }

    /** A plain JDBC connection outside any pool, to see what is really committed. */
    public Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() {
        if (schema != null) {
            execute(System.getenv(PG_URL_VARIABLE), "DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed: " + e.getMessage(), e);
        }
    }
}
