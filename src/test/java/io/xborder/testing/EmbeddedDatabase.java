package io.xborder.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Every {@code @QuarkusTest} and {@code @QuarkusIntegrationTest} runs on one embedded PostgreSQL. */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public final class EmbeddedDatabase {

    private EmbeddedDatabase() {
    }
}
