package io.xborder.learning;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.xborder.testing.TestCredentials;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The model-version endpoints: the shipped model registered as version 1, the roles (viewer and analyst cannot
 * train, activate or roll back), every error path as problem+json, and the blind-set gate with its forced override
 * and a rollback, each audited. Training itself runs in {@link LearningScenarioIT}.
 */
@QuarkusTest
class ModelResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theShippedModelIsVersionOneAndActive() {
        given().get("/api/v1/models/1").then().statusCode(200).body("kind", equalTo("SHIPPED"))
                .body("training.shippedPassages", org.hamcrest.Matchers.greaterThan(1000))
                .body("training.trainedBy", equalTo("build"));
        given().get("/api/v1/models/active").then().statusCode(200).body("state", equalTo("ACTIVE"));
        given().get("/api/v1/models").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(1));
        String version = given().get("/api/v1/models/active").then().extract().path("modelVersion");
        given().get("/api/v1/rules").then().statusCode(200).body("version", containsString(version));
    }

    @Test
    void viewersAndAnalystsCannotTrainActivateOrRollBack() {
        for (String role : List.of("viewer", "analyst")) {
            Supplier<RequestSpecification> as = () -> given().header("X-API-Key", TestCredentials.key(role))
                    .contentType(ContentType.JSON);
            as.get().body(Map.of("reviewWeight", 2)).post("/api/v1/models/training").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            as.get().body(Map.of()).post("/api/v1/models/1/activation").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            as.get().body(Map.of()).post("/api/v1/models/1/rollback").then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            as.get().get("/api/v1/models").then().statusCode(200);
        }
    }

    @Test
    void badRequestsAreClearProblems() {
        for (Object weight : List.of(0, 11, -3)) {
            given().contentType(ContentType.JSON).body(Map.of("reviewWeight", weight)).post("/api/v1/models/training")
                    .then().statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("detail", containsString("reviewWeight"));
        }
        given().contentType(ContentType.JSON).body("{\"reviewWeight\": \"much\"}").post("/api/v1/models/training")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/models/training")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().get("/api/v1/models/4000000000000").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/api/v1/models/abc").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().get("/api/v1/models/0").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/models/4000000000000/activation")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(Map.of("force", true)).post("/api/v1/models/1/activation")
                .then().statusCode(400).body("detail", containsString("reason"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "x".repeat(501)))
                .post("/api/v1/models/1/rollback").then().statusCode(400).body("detail", containsString("reason"));
        long active = given().get("/api/v1/models/active").then().extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/models/" + active + "/activation")
                .then().statusCode(409).body("detail", containsString("active version already"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/models/" + active + "/rollback")
                .then().statusCode(409);
    }

    @Test
    void aCandidateWorseOnTheBlindSetIsRefusedUnlessForcedAndARollbackRestoresTheActiveOne() throws Exception {
        long previous = given().get("/api/v1/models/active").then().extract().jsonPath().getLong("id");
        long worse = insertWorseCandidate();
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/models/" + worse + "/rollback")
                .then().statusCode(409).body("detail", containsString("never active"));
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/models/" + worse + "/activation")
                .then().statusCode(409).contentType(startsWith("application/problem+json"))
                .body("type", equalTo(LearningService.WORSE))
                .body("detail", containsString("macro-F1"))
                .body("detail", containsString("force: true"));
        given().get("/api/v1/models/active").then().body("id", equalTo((int) previous));
        try {
            given().contentType(ContentType.JSON)
                    .body(Map.of("force", true, "reason", "a test of the forced override"))
                    .post("/api/v1/models/" + worse + "/activation").then().statusCode(200)
                    .body("state", equalTo("ACTIVE")).body("activation.forced", equalTo(true))
                    .body("activation.forceReason", equalTo("a test of the forced override"));
            given().get("/api/v1/models/active").then().body("id", equalTo((int) worse));
            given().get("/api/v1/audit?action=model.activated-forced&targetId=" + worse).then().statusCode(200)
                    .body("items[0].after.reason", equalTo("a test of the forced override"));
        } finally {
            given().contentType(ContentType.JSON).body(Map.of("reason", "back after the test"))
                    .post("/api/v1/models/" + previous + "/rollback").then().statusCode(200)
                    .body("state", equalTo("ACTIVE"));
        }
        given().get("/api/v1/models/" + worse).then().body("state", equalTo("RETIRED"));
        given().get("/api/v1/audit?action=model.rolled-back&targetId=" + previous).then().statusCode(200)
                .body("items[0].before.activeVersion", equalTo((int) worse));
    }

    /** A READY version with the shipped model's bytes but a blind-set score far under any real model's. */
    private long insertWorseCandidate() throws Exception {
        String evaluation = """
                {"passages": {"all": {"n": 100, "macroF1": 0.2, "categories": {
                  "DATA_LOCALIZATION": {"tp": 1, "fp": 9, "fn": 9, "precision": 0.1, "recall": 0.1, "f1": 0.1},
                  "CROSS_BORDER_TRANSFER": {"tp": 3, "fp": 7, "fn": 7, "precision": 0.3, "recall": 0.3, "f1": 0.3}},
                  "precision": 0.2, "recall": 0.2, "hardNegatives": 10, "hardNegativeFp": 0.5, "mechanismsF1": 0.2,
                  "dataCategoriesF1": 0.2, "jurisdictionsF1": 0.2, "modalityAccuracy": 0.2, "ece": 0.3}},
                 "documents": null}""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO model_versions (kind, state, model_version, rules_version, model, size_bytes,
                       trained_by, trained_at, evaluation)
                SELECT 'TRAINED', 'READY', ?, rules_version, model, size_bytes, 'test', now(), cast(? as jsonb)
                  FROM model_versions WHERE id = 1
                RETURNING id""")) {
            ps.setString(1, "model-worse-" + UUID.randomUUID().toString().substring(0, 8));
            ps.setString(2, evaluation);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }
}
