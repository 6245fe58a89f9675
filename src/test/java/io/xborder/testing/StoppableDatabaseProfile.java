package io.xborder.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Runs a test class on its own embedded PostgreSQL that the test can stop and restart, with the instance's own job
 * workers running (two threads) as in production, and one extraction thread with two places in its queue.
 */
public class StoppableDatabaseProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "xborder.jobs.workers", "2",
                "xborder.jobs.lease", "10s",
                "xborder.jobs.worker-id", "outage-test",
                "xborder.jobs.max-attempts", "5",
                // little extraction capacity, so that a test can saturate it beside a job
                "xborder.ingest.extract-threads", "1",
                "xborder.ingest.extract-queue", "2");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(StoppablePostgresResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
