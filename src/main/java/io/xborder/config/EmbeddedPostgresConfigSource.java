package io.xborder.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * A config source that starts the embedded PostgreSQL the first time the datasource settings are read,
 * and answers them from the running server.
 */
final class EmbeddedPostgresConfigSource implements ConfigSource {

    private static final String URL = "quarkus.datasource.jdbc.url";
    private static final String USER = "quarkus.datasource.username";
    private static final String PASSWORD = "quarkus.datasource.password";
    private static final String DEMO = "xborder.demo.embedded";

    private final Path dataDir;
    private final int port;
    private final int ordinal;

    EmbeddedPostgresConfigSource(Path dataDir, int port, int ordinal) {
        this.dataDir = dataDir;
        this.port = port;
        this.ordinal = ordinal;
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(URL, USER, PASSWORD, DEMO);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String name) {
        return switch (name) {
            case URL -> EmbeddedPostgresServer.ensureStarted(dataDir, port);
            case USER -> "postgres";
            case PASSWORD -> "";
            case DEMO -> "true";
            default -> null;
        };
    }

    @Override
    public int getOrdinal() {
        return ordinal;
    }

    @Override
    public String getName() {
        return "xborder-embedded-postgresql";
    }
}
