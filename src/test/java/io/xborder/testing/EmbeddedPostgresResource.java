package io.xborder.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts a throw-away embedded PostgreSQL for the tests (no server needs to be installed). */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("xborder-test-pg");
            postgres = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", e);
        }
        Map<String, String> config = new HashMap<>(TestCredentials.config());
        config.putAll(Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", ""));
        return config;
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
