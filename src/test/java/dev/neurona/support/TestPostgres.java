package dev.neurona.support;

import static org.assertj.core.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL the tests use: database {@code test} on 127.0.0.1:5432 as user {@code postgres} (CI has it), or
 * {@code -Dneurona.test.postgres-url=jdbc:postgresql://host:port/db} with {@code -Dneurona.test.postgres-user} and
 * {@code -Dneurona.test.postgres-password}. A test works in a schema of its own, dropped before it starts.
 */
public final class TestPostgres {

    public static final String URL =
            System.getProperty("neurona.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String USER = System.getProperty("neurona.test.postgres-user", "postgres");
    public static final String PASSWORD = System.getProperty("neurona.test.postgres-password", "");

    private TestPostgres() {}

    /** The URL with {@code currentSchema} set, as the postgres profile builds it from NEURONA_DB_SCHEMA. */
    public static String url(String schema) {
        return URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * Drops the schema with everything in it; Flyway creates it again when the service starts (as it would for a
     * new deployment). Fails the test, naming the server, when PostgreSQL cannot be reached: a skipped test would
     * hide that nothing was checked.
     */
    public static void dropSchema(String schema) {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            fail("Cannot reset schema " + schema + " in " + URL + ": " + e.getMessage(), e);
        }
    }

    public static Connection connect() throws SQLException {
        try {
            return DriverManager.getConnection(URL, USER, PASSWORD);
        } catch (SQLException e) {
            return fail(
                    "PostgreSQL is not reachable at " + URL + " as user " + USER + " (" + e.getMessage()
                            + "). This test needs a PostgreSQL server there; CI has one. Start one on 127.0.0.1:5432 with a "
                            + "database 'test', or point -Dneurona.test.postgres-url=jdbc:postgresql://host:port/database "
                            + "(and -Dneurona.test.postgres-user / -password) at another.",
                    e);
        }
    }
}
