package io.xborder.learning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.xborder.analysis.AnalysisService;
import io.xborder.job.JobWorker;
import io.xborder.job.JobWorkers;
import io.xborder.testing.TestCredentials;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's Models pages over HTTP: only admins see them (viewers and analysts get the "You do not have access to this page" page, and no
 * link), and every form is answered post/redirect/get or shown again with its reason beside what caused it: a
 * training started and followed to its comparison, a second one refused while it runs, a worse version's activation
 * refused with the measures, forced with a reason (audited), activation of a better one, and rollbacks. The training
 * runs on a worker of the test's own over {@link SmallTrainingData}.
 */
@QuarkusTest
class ModelConsoleTest {

    /** Codes and names that must not reach an analyst's page. */
    private static final List<String> JARGON = List.of("DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER", "macro", "F1",
            "ECE", "hard-neg", "SECURITY_ASSESSMENT", "READY", "RETIRED", "urn:xborder", "/api/v1", "force: true",
            "fitting heads");

    @Inject
    ModelVersions versions;
    @Inject
    AnalysisService analysis;
    @Inject
    ObjectMapper json;
    @Inject
    JobWorkers workers;

    long previous;

    @BeforeEach
    void smallData() {
        SmallTrainingData.install(versions, analysis, json);
        previous = given().get("/api/v1/models/active").then().statusCode(200).extract().jsonPath().getLong("id");
    }

    @AfterEach
    void restoreTheActiveVersion() {
        long now = given().get("/api/v1/models/active").then().extract().jsonPath().getLong("id");
        if (now != previous) {
            given().contentType(ContentType.JSON).body(Map.of("reason", "restored after a test"))
                    .post("/api/v1/models/" + previous + "/rollback").then().statusCode(200);
        }
    }

    @Test
    void viewersAndAnalystsGetTheNotAllowedPageAndNoLink() {
        for (String role : List.of("viewer", "analyst")) {
            String key = TestCredentials.key(role);
            for (String path : List.of("/models", "/models/1", "/models/1/progress")) {
                String page = given().header("X-API-Key", key).get(path).then().statusCode(403)
                        .contentType(startsWith("text/html")).extract().asString();
                assertThat(page).as(role + " " + path).contains("You do not have access to this page")
                        .contains("for admins only");
            }
            for (String path : List.of("/models/training", "/models/1/activation", "/models/1/forced-activation",
                    "/models/1/rollback")) {
                given().header("X-API-Key", key).contentType(ContentType.URLENC).formParam("reason", "x")
                        .post(path).then().statusCode(403).contentType(startsWith("text/html"))
                        .body(containsString("for admins only"));
            }
            given().header("X-API-Key", key).get("/").then().statusCode(200)
                    .body(not(containsString("href=\"/models\"")));
        }
        given().get("/").then().statusCode(200).body(containsString("href=\"/models\""));
        Document page = html(given().get("/models").then().statusCode(200).extract());
        assertThat(page.select("#in-use-version").text()).contains("Version " + previous);
        assertThat(page.select("#version-1 h3").text()).contains("Version 1");
        assertThat(page.select("#version-1").text()).contains("With the release").contains("shipped training data");
        assertThat(page.select("#train-weight option")).hasSize(10);
        assertPlain(page);
        given().get("/models/4000000000000").then().statusCode(404).body(containsString("no model version"));
        given().get("/models/abc").then().statusCode(404);
    }

    @Test
    void aTrainingStartedOnThePageIsFollowedToItsComparisonThenRefusedForcedAndRolledBack() throws Exception {
        SmallTrainingData.reviewSome();
        // a weight outside 1-10 is refused beside the weight
        Document refused = html(given().contentType(ContentType.URLENC).formParam("reviewWeight", "11")
                .post("/models/training").then().statusCode(400).extract());
        assertThat(refused.select("#train-weight-error").text()).contains("from 1 to 10");
        assertThat(refused.select("#train-waiting").text()).contains("for a verdict on another finding")
                .contains("only the categories with a verdict");
        assertThat(refused.select("[data-get-url]").attr("data-get-url")).isEqualTo("/models");

        // start: see other, to the new version's page
        ExtractableResponse<Response> started = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("reviewWeight", "2").post("/models/training").then().statusCode(303).extract();
        String location = started.header("Location");
        assertThat(location).matches(".*/models/\\d+\\?done=started");
        long id = Long.parseLong(location.replaceAll(".*/models/(\\d+).*", "$1"));
        Document training = html(given().get("/models/" + id + "?done=started").then().statusCode(200).extract());
        assertThat(training.select("#version-notice").text()).contains("Training started");
        assertThat(training.select("#version-state").text()).isEqualTo("Being trained");
        assertThat(training.select("#model-training progress")).hasSize(1);
        assertThat(training.select("#comparison")).as("nothing to compare while it trains").isEmpty();
        assertThat(training.select("#provenance-trained").text()).startsWith("Asked for by ");
        assertThat(training.select("#model-training").attr("data-progress")).isEqualTo("/models/" + id + "/progress");
        given().get("/models/" + id + "/progress").then().statusCode(200).contentType(ContentType.JSON)
                .body("state", equalTo("TRAINING")).body("stage", equalTo("Waiting to start"));

        // a second training while it runs: refused beside the Start button, the list shows the running one
        Document busy = html(given().contentType(ContentType.URLENC).formParam("reviewWeight", "1")
                .post("/models/training").then().statusCode(409).extract());
        assertThat(busy.select("#train-error").text()).contains("a model is being trained now");
        assertThat(busy.select("#model-training").attr("data-progress")).isEqualTo("/models/" + id + "/progress");

        try (JobWorker worker = workers.newWorker("models-console-" + UUID.randomUUID(), 1)) {
            worker.start();
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            String state = "TRAINING";
            while (state.equals("TRAINING") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                state = given().get("/models/" + id + "/progress").then().statusCode(200).extract().path("state");
            }
            assertThat(state).as(given().get("/api/v1/models/" + id).asString()).isEqualTo("READY");
        }

        // the comparison, in words; the check says beforehand that activation will be refused
        Document ready = html(given().get("/models/" + id).then().statusCode(200).extract());
        assertThat(ready.select("#version-state").text()).isEqualTo("Ready to activate");
        assertThat(ready.select("#provenance-from").text()).contains("shipped passages").contains("counted 2 times")
                .contains("partly reviewed").contains("taught only the categories with a verdict");
        JsonPath trained = given().get("/api/v1/models/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(trained.getInt("training.partlyReviewedPassages")).as("the partly reviewed passage taught")
                .isPositive().isLessThan(trained.getInt("training.reviewedPassages"));
        assertThat(trained.getInt("comparison.reviewed.items")).as("measured on the settled passages only")
                .isEqualTo(trained.getInt("training.reviewedPassages")
                        - trained.getInt("training.partlyReviewedPassages"));
        assertThat(ready.select("#compare-reviewed th[scope=row]").eachText()).anyMatch(t -> t.startsWith("Overall"));
        assertThat(ready.select("#comparison-heading").text()).contains("version " + previous);
        assertThat(ready.select("#compare-passages-all th[scope=row]").eachText())
                .anyMatch(t -> t.startsWith("Overall score")).anyMatch(t -> t.startsWith("Data localization"))
                .anyMatch(t -> t.startsWith("Cross-border transfer")).anyMatch(t -> t.startsWith("Mechanisms"))
                .anyMatch(t -> t.startsWith("Countries")).anyMatch(t -> t.startsWith("Data categories"))
                .anyMatch(t -> t.startsWith("Modality")).anyMatch(t -> t.startsWith("Look-alike"))
                .anyMatch(t -> t.startsWith("Confidence off by"));
        assertThat(ready.select("#compare-passages-all td.change-blocks")).isNotEmpty();
        assertThat(ready.select("#compare-documents")).hasSize(1);
        assertThat(ready.select("#activate-warning").text()).contains("will be refused");
        assertThat(ready.select("#force-form")).hasSize(1);
        assertPlain(ready);

        // activate: refused, the measures beside the button, the address bar back on the page
        Document notActivated = html(given().contentType(ContentType.URLENC).post("/models/" + id + "/activation")
                .then().statusCode(409).extract());
        assertThat(notActivated.select("#activate-refused").text()).contains("Not activated")
                .contains("worse than version " + previous).contains(" against ");
        assertThat(notActivated.select("#activate-refused")).hasSize(1);
        assertThat(notActivated.select("#activate-refused li")).isNotEmpty();
        assertThat(notActivated.select("[data-get-url]").attr("data-get-url")).isEqualTo("/models/" + id);
        assertPlain(notActivated);
        given().get("/api/v1/models/active").then().body("id", equalTo((int) previous));

        // force without a reason or the tick: refused beside each
        Document noReason = html(given().contentType(ContentType.URLENC).formParam("reason", " ")
                .post("/models/" + id + "/forced-activation").then().statusCode(400).extract());
        assertThat(noReason.select("#force-reason-error").text()).contains("Say why");
        assertThat(noReason.select("#force-confirm-error").text()).contains("Tick the box");
        assertThat(noReason.select("#force-reason").attr("aria-invalid")).isEqualTo("true");

        // force with a reason: in use, audited with the reason
        String reason = "The reviewed hosting phrasing matters more than the test set " + UUID.randomUUID();
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("reason", reason)
                .formParam("confirm", "yes").post("/models/" + id + "/forced-activation").then().statusCode(303)
                .header("Location", containsString("/models/" + id + "?done=forced"));
        Document forced = html(given().get("/models/" + id + "?done=forced").then().statusCode(200).extract());
        assertThat(forced.select("#version-state").text()).isEqualTo("In use");
        assertThat(forced.select("#provenance-activated").text()).contains("although it was worse").contains(reason);
        given().get("/api/v1/audit?action=model.activated-forced&targetId=" + id).then().statusCode(200)
                .body("items[0].after.reason", equalTo(reason));

        // the earlier version is activated again: it passes the check (it is the better one)
        given().redirects().follow(false).contentType(ContentType.URLENC).post("/models/" + previous + "/activation")
                .then().statusCode(303).header("Location", containsString("/models/" + previous + "?done=activated"));
        given().get("/api/v1/models/active").then().body("id", equalTo((int) previous));

        // rollback: to the forced version (it was in use), then back; a version never in use is refused
        Document retired = html(given().get("/models/" + id).then().statusCode(200).extract());
        assertThat(retired.select("#version-state").text()).isEqualTo("Was in use");
        assertThat(retired.select("#rollback-form").attr("data-confirm")).contains("Go back to version " + id);
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("reason", "compare again")
                .post("/models/" + id + "/rollback").then().statusCode(303)
                .header("Location", containsString("?done=rolled-back"));
        given().get("/api/v1/models/active").then().body("id", equalTo((int) id));
        given().redirects().follow(false).contentType(ContentType.URLENC).post("/models/" + previous + "/rollback")
                .then().statusCode(303);
        given().get("/api/v1/models/active").then().body("id", equalTo((int) previous));
        given().get("/api/v1/audit?action=model.rolled-back&targetId=" + id).then().statusCode(200)
                .body("items[0].after.reason", equalTo("compare again"));
        Document tooLong = html(given().contentType(ContentType.URLENC).formParam("reason", "x".repeat(501))
                .post("/models/" + id + "/rollback").then().statusCode(400).extract());
        assertThat(tooLong.select("#rollback-reason-error").text()).contains("under 500 characters");
    }

    @Test
    void activatingOrRollingBackToTheVersionInUseIsRefusedInWords() {
        Document rollback = html(given().contentType(ContentType.URLENC).post("/models/" + previous + "/rollback")
                .then().statusCode(409).extract());
        assertThat(rollback.select("#version-state").text()).isEqualTo("In use");
        assertThat(rollback.select("#rollback-error")).hasSize(1);
        assertThat(rollback.select("#rollback-error").text()).isEqualTo("Not rolled back: Version " + previous
                + " is the active version already.");
        Document activate = html(given().contentType(ContentType.URLENC).post("/models/" + previous + "/activation")
                .then().statusCode(409).extract());
        assertThat(activate.select("#activate-refused")).hasSize(1);
        assertThat(activate.select("#activate-refused").text()).contains("Not activated")
                .contains("active version already");
        assertThat(activate.select("#in-use").text()).contains("classifies new texts with this version");
        assertPlain(activate);
        given().contentType(ContentType.URLENC).post("/models/4000000000000/activation").then().statusCode(404);
    }

    private static Document html(ExtractableResponse<Response> response) {
        assertThat(response.contentType()).startsWith("text/html");
        return Jsoup.parse(response.asString());
    }

    /** The visible text says no code, measure name or API detail. */
    private static void assertPlain(Document page) {
        String text = page.select("main").text();
        for (String j : JARGON) {
            assertThat(text).as("page text without “" + j + "”").doesNotContain(j);
        }
    }
}
