package io.xborder.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

/**
 * When the service starts the embedded PostgreSQL, and when it refuses to start: a build without it (the container
 * image) and no {@code DB_URL} must stop with one line naming the variable, not try a server on localhost.
 */
class EmbeddedPostgresConfigSourceFactoryTest {

    /** application.properties' default, which must not count as a configured database. */
    private static final ConfigValue DEFAULT_URL = value("quarkus.datasource.jdbc.url",
            "jdbc:postgresql://127.0.0.1:5432/postgres", 250);

    /** application.properties' defaults of the embedded database. */
    private static final List<ConfigValue> EMBEDDED_DEFAULTS = List.of(
            value("xborder.embedded-db.data-dir", "xborder-data/pg", 250),
            value("xborder.embedded-db.port", "0", 250));

    record Context(Map<String, ConfigValue> values, List<String> profiles) implements ConfigSourceContext {

        @Override
        public ConfigValue getValue(String name) {
            return values.get(name);
        }

        @Override
        public Iterator<String> iterateNames() {
            return values.keySet().iterator();
        }

        @Override
        public List<String> getProfiles() {
            return profiles;
        }
    }

    static ConfigValue value(String name, String value, int ordinal) {
        return ConfigValue.builder().withName(name).withValue(value).withConfigSourceOrdinal(ordinal).build();
    }

    static Context prod(ConfigValue... values) {
        Map<String, ConfigValue> map = new HashMap<>();
        map.put(DEFAULT_URL.getName(), DEFAULT_URL);
        for (ConfigValue v : EMBEDDED_DEFAULTS) {
            map.put(v.getName(), v);
        }
        for (ConfigValue v : values) {
            map.put(v.getName(), v);
        }
        return new Context(map, List.of("prod"));
    }

    @Test
    void refusesToStartWithoutDbUrlWhenTheEmbeddedDatabaseIsNotPackaged() {
        assertThatThrownBy(() -> EmbeddedPostgresConfigSourceFactory.sources(prod(), false, false))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("DB_URL is not set")
                .hasMessageContaining("set DB_URL to the JDBC URL")
                .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
    }

    @Test
    void detectsThatTheEmbeddedDatabaseIsNotOnTheClasspath() {
        // a class loader that sees neither zonky nor Quarkus' build classes: the packaged app without the profile
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            assertThatThrownBy(() -> new EmbeddedPostgresConfigSourceFactory().getConfigSources(prod()))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(EmbeddedPostgresConfigSourceFactory.NO_DATABASE);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void startsWithDbUrlWhetherOrNotTheEmbeddedDatabaseIsPackaged() {
        Context configured = prod(value("DB_URL", "jdbc:postgresql://db:5432/xborder", 300));
        assertThat(EmbeddedPostgresConfigSourceFactory.sources(configured, false, false)).isEmpty();
        assertThat(EmbeddedPostgresConfigSourceFactory.sources(configured, false, true)).isEmpty();
    }

    @Test
    void anExplicitDatasourceUrlCountsAsConfigured() {
        Context configured = prod(value("quarkus.datasource.jdbc.url", "jdbc:postgresql://db:5432/xborder", 300));
        assertThat(EmbeddedPostgresConfigSourceFactory.sources(configured, false, false)).isEmpty();
    }

    @Test
    void startsTheEmbeddedDatabaseLazilyWhenPackagedAndNothingIsConfigured() {
        List<ConfigSource> sources = EmbeddedPostgresConfigSourceFactory.sources(prod(), false, true);
        assertThat(sources).singleElement().satisfies(s -> {
            assertThat(s.getName()).isEqualTo("xborder-embedded-postgresql");
            assertThat(s.getOrdinal()).isEqualTo(EmbeddedPostgresConfigSourceFactory.ORDINAL);
        });
    }

    @Test
    void neitherTestsNorTheBuildStartOrRefuseAnything() {
        Context test = new Context(Map.of(), List.of("test"));
        assertThat(EmbeddedPostgresConfigSourceFactory.sources(test, false, false)).isEmpty();
        assertThat(EmbeddedPostgresConfigSourceFactory.sources(prod(), true, false)).isEmpty();
    }

    @Test
    void theFactoryIsRegisteredForSmallRyeConfig() throws IOException {
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/services/io.smallrye.config.ConfigSourceFactory")) {
            assertThat(in).isNotNull();
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .contains(EmbeddedPostgresConfigSourceFactory.class.getName());
        }
    }
}
