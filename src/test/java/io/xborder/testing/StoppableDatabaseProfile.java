package io.xborder.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Runs a test class on its own embedded PostgreSQL that the test can stop and restart. */
public class StoppableDatabaseProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoppablePostgresResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
