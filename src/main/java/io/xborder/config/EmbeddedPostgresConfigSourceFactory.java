package io.xborder.config;

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
 * ({@code mvn package} also reads the datasource URL and must not start a server).
 */
public final class EmbeddedPostgresConfigSourceFactory implements ConfigSourceFactory {

    /** Above application.properties (250), below system properties (400) and environment variables (300). */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue("DB_URL")) || isExplicit(context.getValue("quarkus.datasource.jdbc.url"))
                || context.getProfiles().contains("test") || isBuildTime(context)) {
            return List.of();
        }
        String dataDir = valueOr(context.getValue("xborder.embedded-db.data-dir"), "xborder-data/pg");
        int port = Integer.parseInt(valueOr(context.getValue("xborder.embedded-db.port"), "0"));
        return List.of(new EmbeddedPostgresConfigSource(Path.of(dataDir).toAbsolutePath(), port, ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isBuildTime(ConfigSourceContext context) {
        if (context.getProfiles().contains("dev")) {
            return false;
        }
        try {
            Class.forName("io.quarkus.deployment.QuarkusAugmentor", false,
                    Thread.currentThread().getContextClassLoader());
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

    private static String valueOr(ConfigValue value, String fallback) {
        return isSet(value) ? value.getValue().trim() : fallback;
    }
}
