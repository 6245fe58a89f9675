package io.xborder.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.xborder.classify.Language;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * The classifier loads after start: readiness is UP and says {@code loading} meanwhile, a call that classifies waits
 * for it and then classifies, and a classifier that cannot be loaded makes readiness DOWN with the reason.
 */
class ClassifierHealthTest {

    private final AnalysisService analysis = new AnalysisService(new SimpleMeterRegistry());
    private final ClassifierHealth health = new ClassifierHealth(analysis);

    @Test
    void whileLoadingTheServiceIsReadyAndSaysTheClassifierIsLoading() {
        HealthCheckResponse response = health.call();
        assertThat(analysis.state()).isEqualTo(AnalysisService.State.LOADING);
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData()).hasValueSatisfying(d -> assertThat(d.get("classifier").toString())
                .startsWith("loading"));
    }

    @Test
    void aCallThatClassifiesWaitsUntilTheLoaderSaysReadyThenClassifies() throws Exception {
        CompletableFuture<TextAnalyzer.AnalyzedText> call = CompletableFuture
                .supplyAsync(() -> analysis.analyze("Banks shall store payment data only in India.", Language.EN,
                        null, false));
        Thread.sleep(300);
        assertThat(call).as("waits while loading").isNotDone();

        analysis.ready();

        assertThat(call.get(60, TimeUnit.SECONDS).passages()).isNotEmpty();
        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow()).containsEntry("classifier", "ready")
                .containsEntry("rules", analysis.rulesetVersion());
    }

    @Test
    void aClassifierThatCannotBeLoadedMakesReadinessDownAndCallsFail() {
        analysis.failed(new IllegalStateException("no model/xborder-model.bin on the class path"));

        HealthCheckResponse response = health.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow().get("classifier").toString())
                .contains("could not be loaded").contains("no model/xborder-model.bin");
        assertThatThrownBy(analysis::analyzer).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be loaded");
    }
}
