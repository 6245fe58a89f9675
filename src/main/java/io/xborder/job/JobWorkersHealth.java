package io.xborder.job;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the job workers: DOWN while a worker of this instance is stalled (none of its threads made progress
 * within xborder.jobs.stall-timeout). An instance without workers is UP. A worker waiting for the database beats
 * on: the database has its own check.
 */
@Readiness
@ApplicationScoped
public class JobWorkersHealth implements HealthCheck {

    private final JobWorkers workers;

    public JobWorkersHealth(JobWorkers workers) {
        this.workers = workers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("job-workers").up();
        for (Map.Entry<String, JobWorker.Health> w : workers.health().entrySet()) {
            JobWorker.Health h = w.getValue();
            response.withData(w.getKey(), h.alive() + "/" + h.threads() + " threads, last beat "
                    + h.heartbeatAge().toMillis() + " ms ago" + (h.stalled() ? ", STALLED" : ""));
            if (h.stalled()) {
                response.down();
            }
        }
        return response.build();
    }
}
