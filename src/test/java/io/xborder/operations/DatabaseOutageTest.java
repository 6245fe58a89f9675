package io.xborder.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.xborder.testing.StoppableDatabaseProfile;
import io.xborder.testing.StoppablePostgresResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/**
 * The database goes away under a running service for 60 s: readiness turns DOWN, data endpoints answer 503
 * problem+json (not 500), classification without storage keeps working throughout for a key checked before; when the database is back the service recovers by
 * itself, with every stored finding still there.
 */
@QuarkusTest
@TestProfile(StoppableDatabaseProfile.class)
class DatabaseOutageTest {

    static final Duration OUTAGE = Duration.ofSeconds(60);

    @Test
    void serviceDegradesTo503AndRecoversWhenTheDatabaseReturns() throws Exception {
        long id = given().contentType(ContentType.JSON)
                .body(Map.of("text",
                        "Since 2021, Tesla has stored all Chinese vehicle data in Shanghai and does not send "
                                + "any data to the United States."))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Integer> findingsBefore = given().queryParam("documentId", id).when().get("/api/v1/findings")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(findingsBefore).isNotEmpty();
        // a viewer key, used once before the outage (its check is then remembered for 30 s only)
        String viewerKey = given().contentType(ContentType.JSON).body(Map.of("name", "outage-viewer", "role", "viewer"))
                .when().post("/api/v1/keys").then().statusCode(201).extract().jsonPath().getString("key");
        classify(viewerKey).then().statusCode(200);

        StoppablePostgresResource.stopDatabase();
        long outageStart = System.nanoTime();
        try {
            awaitStatus("/q/health/ready", s -> s == 503, Duration.ofSeconds(30));
            given().when().get("/q/health/live").then().statusCode(200);
            given().queryParam("documentId", id).when().get("/api/v1/findings")
                    .then().statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", equalTo("5"))
                    .body("status", equalTo(503));
            given().contentType(ContentType.JSON).body(Map.of("text", "A new text while the database is down."))
                    .when().post("/api/v1/documents")
                    .then().statusCode(503).contentType("application/problem+json");
            given().contentType(ContentType.JSON)
                    .body(Map.of("text", "Banks must store payment data only in India."))
                    .when().post("/api/v1/classify")
                    .then().statusCode(200).body("passages[0].findings.category", hasItem("DATA_LOCALIZATION"));
            // classification needs no database: it answers through a 60 s outage, past the key cache's 30 s
            int calls = 0;
            while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
                classify(viewerKey).then().statusCode(200)
                        .body("passages[0].findings.category", hasItem("DATA_LOCALIZATION"));
                calls++;
                Thread.sleep(2000);
            }
            assertThat(calls).as("classify calls during the outage, all 200").isGreaterThanOrEqualTo(15);
        } finally {
            StoppablePostgresResource.startDatabase();
        }

        awaitStatus("/q/health/ready", s -> s == 200, Duration.ofSeconds(60));
        awaitStatus("/api/v1/documents/" + id, s -> s == 200, Duration.ofSeconds(30));
        List<Integer> findingsAfter = given().queryParam("documentId", id).when().get("/api/v1/findings")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertThat(findingsAfter).containsExactlyElementsOf(findingsBefore);
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "After the outage, data must be stored locally in Vietnam."))
                .when().post("/api/v1/documents").then().statusCode(201);
    }

    private static Response classify(String key) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON)
                .body(Map.of("text", "Banks must store payment data only in India.")).when().post("/api/v1/classify");
    }

    private static void awaitStatus(String path, IntPredicate wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status;
        do {
            status = given().when().get(path).then().extract().statusCode();
            if (wanted.test(status)) {
                return;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " still answered " + status + " after " + timeout);
    }
}
