package io.xborder.document;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.xborder.testing.ExternalPostgresProfile;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link PersistenceTest} against the external PostgreSQL server of {@code TEST_DB_URL} (skipped when unset). */
@QuarkusTest
@TestProfile(ExternalPostgresProfile.class)
@EnabledIfEnvironmentVariable(named = "TEST_DB_URL", matches = ".+",
        disabledReason = "TEST_DB_URL is not set: no external PostgreSQL to test against")
class ExternalPersistenceTest extends PersistenceTest {
}
