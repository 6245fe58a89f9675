package io.xborder.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs a test class against the external server of {@code TEST_DB_URL} instead of the embedded database. */
public class ExternalPostgresProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ExternalPostgresResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
