package io.xborder.schema;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

/**
 * Brings the schema of an external database ({@code DB_URL}) up to date at start, first of all start work: it reads
 * the migration history and runs Flyway (validate, then migrate) only when the history differs from the packaged
 * migrations. Flyway's own start (its configuration, plugins and validation) was a tenth of the start's Java time,
 * spent on every start of a database that was current. The embedded database and the tests run Flyway at every start
 * as before ({@code quarkus.flyway.migrate-at-start=true}, set by their profiles and the embedded database's config
 * source), and then this does nothing. With an external database Quarkus' Flyway is inactive
 * ({@code quarkus.flyway.active} follows {@code migrate-at-start}, application.properties): Quarkus built its Flyway
 * configuration at every start even when nothing ran it (a tenth of a second with the JDK 25 AOT cache, more on JDK
 * 17), so this builds Flyway itself, with Quarkus' defaults, when the history differs.
 */
@ApplicationScoped
public class SchemaAtStart {

    private static final Logger LOG = Logger.getLogger(SchemaAtStart.class);

    private final AgroalDataSource dataSource;
    private final boolean flywayAtStart;
    private final boolean outOfOrder;

    public SchemaAtStart(AgroalDataSource dataSource,
            @ConfigProperty(name = "quarkus.flyway.migrate-at-start") boolean flywayAtStart,
            @ConfigProperty(name = "quarkus.flyway.out-of-order", defaultValue = "false") boolean outOfOrder) {
        this.dataSource = dataSource;
        this.flywayAtStart = flywayAtStart;
        this.outOfOrder = outOfOrder;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) throws SQLException {
        if (flywayAtStart) {
            return; // Quarkus ran Flyway before the start event
        }
        bringUpToDate(dataSource, PackagedMigrations.fromClasspath(SchemaAtStart.class.getClassLoader()),
                () -> flyway(dataSource, outOfOrder).migrate());
    }

    /**
     * Flyway on the packaged migrations, configured as Quarkus configures it by default, with the one Flyway setting
     * the documentation names ({@code quarkus.flyway.out-of-order}, learning.md); other {@code quarkus.flyway.*}
     * settings do not apply with an external database.
     */
    static Flyway flyway(DataSource dataSource, boolean outOfOrder) {
        return Flyway.configure(SchemaAtStart.class.getClassLoader()).dataSource(dataSource)
                .locations("classpath:" + PackagedMigrations.LOCATION).outOfOrder(outOfOrder).load();
    }

    /** Runs {@code migrate} unless the database's history is exactly {@code packaged}; whether it ran. */
    static boolean bringUpToDate(DataSource dataSource, PackagedMigrations packaged, Runnable migrate)
            throws SQLException {
        Optional<String> difference;
        try (Connection c = dataSource.getConnection()) {
            difference = packaged.differenceFrom(c);
        }
        if (difference.isEmpty()) {
            LOG.infof("Schema is current: the %d packaged migrations are applied with the same checksums; Flyway "
                    + "not run", packaged.all().size());
            return false;
        }
        LOG.infof("Schema differs from the packaged migrations (%s): running Flyway", difference.get());
        migrate.run();
        return true;
    }
}
