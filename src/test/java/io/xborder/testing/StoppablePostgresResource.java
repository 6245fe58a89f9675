package io.xborder.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An embedded PostgreSQL that a fault test can stop and start again on the same port and data. */
public class StoppablePostgresResource implements QuarkusTestResourceLifecycleManager {

    private static Path dataDir;
    private static int port;
    private static EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("xborder-outage-pg");
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).start();
            port = postgres.getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> config = new HashMap<>(TestCredentials.config());
        config.putAll(Map.of(
                "quarkus.datasource.jdbc.url", postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "",
                "quarkus.datasource.jdbc.acquisition-timeout", "2S"));
        return config;
    }

    /** Stops the server, as a crash or a maintenance window would. */
    public static synchronized void stopDatabase() throws IOException {
        postgres.close();
    }

    /** Starts it again on the same port with the same data. */
    public static synchronized void startDatabase() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port)
                .start();
    }

    @Override
    public void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
