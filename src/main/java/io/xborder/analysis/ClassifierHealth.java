package io.xborder.analysis;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the classifier. While its rules and model load after start (a second or two) the service is ready
 * and says so: {@code classifier: loading}; requests that classify wait for it, every other request is answered at
 * once. DOWN only when the classifier could not be loaded (a broken build), with the reason.
 */
@Readiness
@ApplicationScoped
public class ClassifierHealth implements HealthCheck {

    private final AnalysisService analysis;

    public ClassifierHealth(AnalysisService analysis) {
        this.analysis = analysis;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("classifier").up();
        switch (analysis.state()) {
            case LOADING -> response.withData("classifier", "loading (requests that classify wait for it)");
            case READY -> response.withData("classifier", "ready").withData("rules", analysis.rulesetVersion());
            case FAILED -> response.down().withData("classifier", "could not be loaded: "
                    + analysis.failure().map(Throwable::toString).orElse("unknown"));
        }
        return response.build();
    }
}
