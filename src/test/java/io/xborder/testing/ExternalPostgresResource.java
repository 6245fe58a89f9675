package io.xborder.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Points the service at the PostgreSQL server named by {@code TEST_DB_URL} ({@code TEST_DB_USER},
 * {@code TEST_DB_PASSWORD}), in a fresh database created for this run and dropped afterwards.
 */
public class ExternalPostgresResource implements QuarkusTestResourceLifecycleManager {

    private String adminUrl;
    private String database;

    @Override
    public Map<String, String> start() {
        adminUrl = System.getenv("TEST_DB_URL");
        database = "xborder_test_" + Long.toHexString(System.nanoTime());
        try (Connection c = connect(adminUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on TEST_DB_URL: " + e.getMessage(), e);
        }
        Map<String, String> config = new HashMap<>(TestCredentials.config());
        config.putAll(Map.of(
                "quarkus.datasource.jdbc.url", withDatabase(adminUrl, database),
                "quarkus.datasource.username", user(),
                "quarkus.datasource.password", password()));
        return config;
    }

    @Override
    public void stop() {
        try (Connection c = connect(adminUrl); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            System.err.println("Could not drop test database " + database + ": " + e.getMessage());
        }
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, user(), password());
    }

    private static String user() {
        String user = System.getenv("TEST_DB_USER");
        return user == null || user.isBlank() ? "postgres" : user;
    }

    private static String password() {
        String password = System.getenv("TEST_DB_PASSWORD");
        return password == null ? "" : password;
    }

    /** jdbc:postgresql://host:port/db?params with db replaced. */
    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query >= 0 ? url.substring(0, query) : url;
        String params = query >= 0 ? url.substring(query) : "";
        int slash = base.indexOf('/', "jdbc:postgresql://".length());
        return (slash >= 0 ? base.substring(0, slash) : base) + "/" + database + params;
    }
}
