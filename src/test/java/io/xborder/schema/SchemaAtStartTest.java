package io.xborder.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * With an external database the start runs Flyway only when the migration history differs from the packaged
 * migrations: on a fresh database it runs, on the same database again it does not, and a history that differs in a
 * checksum, a missing, extra or failed migration hands over to Flyway (whose validation then stops a changed one).
 * Against an embedded PostgreSQL of its own, with Flyway as the start builds it making the history. Quarkus' own
 * Flyway is inactive where Quarkus does not run it at start (its configuration was built at every start all the same).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaAtStartTest {

    private static EmbeddedPostgres postgres;
    private static DataSource db;
    private static Flyway flyway;
    private static final PackagedMigrations PACKAGED = PackagedMigrations
            .fromClasspath(SchemaAtStartTest.class.getClassLoader());

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(Files.createTempDirectory("xborder-schema-test"))
                .setCleanDataDirectory(true).start();
        db = postgres.getPostgresDatabase();
        flyway = SchemaAtStart.flyway(db, false); // as the start builds it with an external database
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @Order(1)
    void aFreshDatabaseIsMigratedByFlyway() throws SQLException {
        try (Connection c = db.getConnection()) {
            assertThat(PACKAGED.differenceFrom(c))
                    .hasValueSatisfying(d -> assertThat(d).contains("no migration history"));
        }
        assertThat(SchemaAtStart.bringUpToDate(db, PACKAGED, flyway::migrate)).as("Flyway ran").isTrue();
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    @Order(2)
    void theChecksumsAreFlywaysOwn() {
        List<MigrationInfo> applied = List.of(flyway.info().applied());
        assertThat(applied.stream().map(i -> i.getScript() + "=" + i.getChecksum()).toList())
                .containsExactlyElementsOf(PACKAGED.all().stream()
                        .sorted((a, b) -> Integer.compare(Integer.parseInt(a.version()), Integer.parseInt(b.version())))
                        .map(m -> m.script() + "=" + m.checksum()).toList());
        assertThat(PACKAGED.all()).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    @Order(3)
    void aDatabaseWhoseHistoryMatchesIsNotHandedToFlyway() throws SQLException {
        try (Connection c = db.getConnection()) {
            assertThat(PACKAGED.differenceFrom(c)).isEmpty();
        }
        assertThat(SchemaAtStart.bringUpToDate(db, PACKAGED, () -> {
            throw new AssertionError("Flyway must not run on a current schema");
        })).isFalse();
    }

    @Test
    @Order(3)
    void aHistoryWrittenByQuarkusFlywayWithTheLocationInTheScriptNameMatches() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE flyway_schema_history SET script = 'db/migration/' || script");
                assertThat(PACKAGED.differenceFrom(c)).isEmpty();
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    @Order(4)
    void theStartsFlywayAcceptsAHistoryThatQuarkusFlywayWrote() throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE flyway_schema_history SET script = 'db/migration/' || script");
            try {
                flyway.validate(); // Flyway compares version, type, description and checksum, not the script's path
            } finally {
                st.executeUpdate("UPDATE flyway_schema_history SET script = substring(script from 14)");
            }
        }
    }

    @Test
    @Order(4)
    void aPendingOrAnUnknownMigrationIsHandedToFlyway() throws SQLException {
        List<PackagedMigrations.Migration> withNext = new ArrayList<>(PACKAGED.all());
        withNext.add(new PackagedMigrations.Migration("999", "V999__next.sql", 42));
        AtomicInteger runs = new AtomicInteger();
        assertThat(SchemaAtStart.bringUpToDate(db, new PackagedMigrations(withNext), runs::incrementAndGet)).isTrue();
        try (Connection c = db.getConnection()) {
            assertThat(new PackagedMigrations(withNext).differenceFrom(c))
                    .hasValueSatisfying(d -> assertThat(d).isEqualTo("pending: V999__next.sql"));
            List<PackagedMigrations.Migration> older = PACKAGED.all().stream()
                    .filter(m -> !m.version().equals("12")).toList();
            assertThat(new PackagedMigrations(older).differenceFrom(c))
                    .hasValueSatisfying(d -> assertThat(d).startsWith("applied but not packaged: SQL V12__"));
        }
        assertThat(runs).hasValue(1);
    }

    @Test
    @Order(5)
    void aFailedMigrationInTheHistoryIsHandedToFlyway() throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE flyway_schema_history SET success = false WHERE version = '12'");
                assertThat(PACKAGED.differenceFrom(c))
                        .hasValueSatisfying(d -> assertThat(d).contains("failed SQL V12__"));
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    @Order(6)
    void aChangedMigrationIsHandedToFlywayWhoseValidationStopsTheStart() throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");
            assertThat(PACKAGED.differenceFrom(c)).hasValueSatisfying(d -> assertThat(d).startsWith("changed: V3__"));
        }
        try {
            assertThatThrownBy(() -> SchemaAtStart.bringUpToDate(db, PACKAGED, flyway::migrate))
                    .isInstanceOf(FlywayValidateException.class);
        } finally {
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE flyway_schema_history SET checksum = checksum - 1 WHERE version = '3'");
            }
        }
        assertThat(SchemaAtStart.bringUpToDate(db, PACKAGED, () -> {
            throw new AssertionError("current again");
        })).isFalse();
    }

    @Test
    void whenQuarkusRunsFlywayAtStartThereIsNothingLeftToDo() throws SQLException {
        // the data source is not touched (null here)
        new SchemaAtStart(null, true, false).onStart(null);
    }

    @Test
    void theChecksumIgnoresLineEndsAndAByteOrderMarkAsFlywayDoes() throws IOException {
        assertThat(checksum("CREATE TABLE t (id int);\r\nSELECT 1;\r\n"))
                .isEqualTo(checksum("CREATE TABLE t (id int);\nSELECT 1;\n"))
                .isEqualTo(checksum("\uFEFFCREATE TABLE t (id int);\nSELECT 1;"))
                .isNotEqualTo(checksum("CREATE TABLE t (id int);\nSELECT 2;\n"));
    }

    @Test
    void thePackagedJarsMigrationsAreListedAsTheFolderIs(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("app.jar");
        Map<String, String> files = Map.of("V1__one.sql", "SELECT 1;\n", "V2_1__two.sql", "SELECT 2;\n",
                "R__repeatable.sql", "SELECT 3;\n", "README.txt", "not a migration");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("db/"));
            out.putNextEntry(new JarEntry("db/migration/"));
            for (var f : files.entrySet()) {
                out.putNextEntry(new JarEntry("db/migration/" + f.getKey()));
                write(out, f.getValue());
            }
            out.putNextEntry(new JarEntry("db/migration/sub/V3__nested.sql"));
            write(out, "SELECT 4;\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() }, null)) {
            assertThat(PackagedMigrations.fromClasspath(loader).all().stream()
                    .map(m -> m.version() + " " + m.script()).collect(Collectors.toList()))
                    .containsExactly("1 V1__one.sql", "2.1 V2_1__two.sql");
        }
    }

    private static int checksum(String text) throws IOException {
        return PackagedMigrations.checksum(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theStartsFlywayTakesOutOfOrderAsTheDocumentationSays() {
        assertThat(SchemaAtStart.flyway(db, true).getConfiguration().isOutOfOrder()).isTrue();
        assertThat(flyway.getConfiguration().isOutOfOrder()).isFalse();
    }

    @Test
    void quarkusFlywayIsActiveOnlyWhereQuarkusRunsItAtStart() {
        URL properties = SchemaAtStartTest.class.getClassLoader().getResource("application.properties");
        assertThat(flywayActive(properties, "prod", Map.of())).as("external database").isFalse();
        assertThat(flywayActive(properties, "prod", Map.of("quarkus.flyway.migrate-at-start", "true")))
                .as("embedded database (its config source)").isTrue();
        assertThat(flywayActive(properties, "dev", Map.of())).isTrue();
        assertThat(flywayActive(properties, "test", Map.of())).isTrue();
    }

    private static boolean flywayActive(URL properties, String profile, Map<String, String> set) {
        try {
            SmallRyeConfig config = new SmallRyeConfigBuilder().withProfile(profile)
                    .withSources(new PropertiesConfigSource(properties, 250),
                            new PropertiesConfigSource(set, "set", 300))
                    .build();
            return config.getValue("quarkus.flyway.active", Boolean.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
