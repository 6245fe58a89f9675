package io.xborder.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.commons.codec.digest.DigestUtils;
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
    /** The embedded database is migrated by Flyway at every start, as a fresh data folder needs. */
    private static final String FLYWAY_AT_START = "quarkus.flyway.migrate-at-start";
    /**
     * A stable id of this instance for the job workers: the data directory is locked by one live process at a time
     * (EmbeddedPostgresServer), so a process with the same id is a restart of this one.
     */
    private static final String INSTANCE_ID = "xborder.embedded-db.instance-id";

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
        return Set.of(URL, USER, PASSWORD, DEMO, FLYWAY_AT_START, INSTANCE_ID);
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
            case DEMO, FLYWAY_AT_START -> "true";
            case INSTANCE_ID -> instanceId(dataDir);
            default -> null;
        };
    }

    static String instanceId(Path dataDir) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "localhost";
        }
        // the first 64 bits of the digest
        return "embedded-" + DigestUtils.sha256Hex(host + "|" + dataDir.toAbsolutePath().normalize()).substring(0, 16);
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
