package io.xborder.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.xborder.testing.TestCredentials;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Reviews are made by the authenticated principal, refused to viewers, serialised by ETag/If-Match, and audited in
 * the same transaction; the audit log is append-only in the database; API key changes and deletions are audited;
 * rules show their review counts.
 */
@QuarkusTest
class ReviewAuditTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    DataSource dataSource;

    private static String newKey(String name, String role) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "role", role))
                .when().post("/api/v1/keys").then().statusCode(201).extract().path("key");
    }

    private static long findingOfNewDocument() {
        long document = given().contentType(ContentType.JSON)
                .body(Map.of("text", "All payment system providers shall store payment data only in India. Ref "
                        + UUID.randomUUID() + "."))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        return given().queryParam("documentId", document).when().get("/api/v1/findings")
                .then().statusCode(200).extract().jsonPath().getLong("items[0].id");
    }

    private static JsonPath audit(String targetType, Object targetId) {
        return given().queryParam("targetType", targetType).queryParam("targetId", targetId)
                .when().get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void twoAnalystsOnTheSameEtagOneWinsOneGets412AndTheAuditHoldsOnlyTheAppliedReview() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String alice = newKey("alice-" + suffix, "analyst");
        String bob = newKey("bob-" + suffix, "analyst");
        long finding = findingOfNewDocument();
        String etagAlice = given().header("X-API-Key", alice).get("/api/v1/findings/" + finding).header("ETag");
        String etagBob = given().header("X-API-Key", bob).get("/api/v1/findings/" + finding).header("ETag");
        assertThat(etagAlice).isEqualTo(etagBob).isEqualTo("\"v0\"");

        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Response> a = CompletableFuture
                .supplyAsync(() -> review(start, finding, alice, etagAlice, "CONFIRMED"));
        CompletableFuture<Response> b = CompletableFuture
                .supplyAsync(() -> review(start, finding, bob, etagBob, "REJECTED"));
        start.countDown();
        List<Response> responses = List.of(a.get(), b.get());
        List<Integer> statuses = responses.stream().map(Response::statusCode).sorted().toList();
        assertThat(statuses).containsExactly(200, 412);
        Response won = responses.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
        String winner = won == responses.get(0) ? "key:alice-" + suffix : "key:bob-" + suffix;
        String verdict = won == responses.get(0) ? "CONFIRMED" : "REJECTED";
        assertThat(won.jsonPath().getString("reviewedBy")).isEqualTo(winner);

        JsonPath log = audit("finding", finding);
        assertThat(log.getInt("total")).isEqualTo(1);
        assertThat(log.getString("items[0].actor")).isEqualTo(winner);
        assertThat(log.getString("items[0].action")).isEqualTo("finding.review");
        assertThat(log.getString("items[0].before.reviewStatus")).isEqualTo("UNREVIEWED");
        assertThat(log.getInt("items[0].before.version")).isZero();
        assertThat(log.getString("items[0].after.reviewStatus")).isEqualTo(verdict);
        assertThat(log.getString("items[0].after.reviewedBy")).isEqualTo(winner);
        assertThat(log.getInt("items[0].after.version")).isEqualTo(1);
    }

    private static Response review(CountDownLatch start, long finding, String key, String etag, String status) {
        try {
            start.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return given().header("X-API-Key", key).contentType(MERGE_PATCH).header("If-Match", etag)
                .body(Map.of("status", status, "comment", "verdict of " + key.substring(0, 6)))
                .when().patch("/api/v1/findings/" + finding);
    }

    @Test
    void theAuditLogFiltersByActorActionAndTime() {
        String name = "dora-" + UUID.randomUUID().toString().substring(0, 8);
        String dora = newKey(name, "analyst");
        long finding = findingOfNewDocument();
        Instant before = Instant.now().minusSeconds(1);
        given().header("X-API-Key", dora).contentType(MERGE_PATCH).header("If-Match", "\"v0\"")
                .body(Map.of("status", "CONFIRMED")).when().patch("/api/v1/findings/" + finding)
                .then().statusCode(200);
        Instant after = Instant.now().plusSeconds(1);

        JsonPath log = given().queryParam("actor", "key:" + name).queryParam("action", "finding.review")
                .queryParam("from", before.toString()).queryParam("to", after.toString())
                .when().get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertThat(log.getInt("total")).isEqualTo(1);
        assertThat(log.getString("items[0].targetId")).isEqualTo(String.valueOf(finding));
        given().queryParam("actor", "key:" + name).queryParam("action", "document.delete")
                .when().get("/api/v1/audit").then().statusCode(200).body("total", equalTo(0));
        given().queryParam("actor", "key:" + name).queryParam("to", before.toString())
                .when().get("/api/v1/audit").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void theReviewerIsThePrincipalNeverTheBody() {
        long finding = findingOfNewDocument();
        given().contentType(MERGE_PATCH).header("If-Match", "\"v0\"")
                .body(Map.of("status", "CONFIRMED", "reviewedBy", "someone-else"))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(400).body("errors.field", hasItem("reviewedBy"));
        given().header("Authorization",
                "Bearer " + TestCredentials.token("carol@example.com", "analyst"))
                .contentType(MERGE_PATCH).header("If-Match", "\"v0\"").body(Map.of("status", "REJECTED"))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(200).body("reviewedBy", equalTo("carol@example.com"));
        assertThat(audit("finding", finding).getString("items[0].actor")).isEqualTo("carol@example.com");
    }

    @Test
    void rulesCountConfirmedAndRejectedFindingsPerRule() {
        long finding = findingOfNewDocument();
        List<String> cues = given().get("/api/v1/findings/" + finding).jsonPath().getList("evidence.cue");
        Map<String, Integer> before = counts(cues.get(0));
        given().contentType(MERGE_PATCH).header("If-Match", "\"v0\"").body(Map.of("status", "REJECTED"))
                .when().patch("/api/v1/findings/" + finding).then().statusCode(200);
        Map<String, Integer> after = counts(cues.get(0));
        assertThat(after.get("rejected")).isEqualTo(before.get("rejected") + 1);
        assertThat(after.get("confirmed")).isEqualTo(before.get("confirmed"));
    }

    private static Map<String, Integer> counts(String rule) {
        List<Map<String, Object>> reviews = given().get("/api/v1/rules").then().statusCode(200).extract().jsonPath()
                .getList("reviews");
        return reviews.stream().filter(r -> rule.equals(r.get("rule"))).findFirst()
                .map(r -> Map.of("confirmed", ((Number) r.get("confirmed")).intValue(),
                        "rejected", ((Number) r.get("rejected")).intValue()))
                .orElse(Map.of("confirmed", 0, "rejected", 0));
    }

    @Test
    void deletionsAndKeyChangesAreAudited() {
        long finding = findingOfNewDocument();
        long document = given().get("/api/v1/findings/" + finding).jsonPath().getLong("document.id");
        given().contentType(MERGE_PATCH).header("If-Match", "\"v0\"").body(Map.of("status", "CONFIRMED"))
                .when().patch("/api/v1/findings/" + finding).then().statusCode(200);
        given().delete("/api/v1/documents/" + document).then().statusCode(204);
        JsonPath deleted = audit("document", document);
        assertThat(deleted.getString("items[0].action")).isEqualTo("document.delete");
        assertThat(deleted.getString("items[0].actor")).isEqualTo("key:bootstrap-admin");
        assertThat(deleted.getList("items[0].before.reviewedFindings.id", Long.class)).containsExactly(finding);
        assertThat(deleted.getString("items[0].after")).isNull();

        long key = given().contentType(ContentType.JSON)
                .body(Map.of("name", "audited-" + UUID.randomUUID(), "role", "viewer"))
                .when().post("/api/v1/keys").then().statusCode(201).extract().jsonPath().getLong("details.id");
        given().delete("/api/v1/keys/" + key).then().statusCode(200).body("revokedAt",
                notNullValue());
        JsonPath keyLog = audit("apikey", key);
        assertThat(keyLog.getList("items.action")).containsExactly("apikey.revoke", "apikey.create");
        assertThat(keyLog.getString("items[1].after.prefix")).startsWith("xb_");
        assertThat(keyLog.getString("items[1].after")).doesNotContain("hash");
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String name = "revoked-" + UUID.randomUUID();
        Map<String, Object> created = given().contentType(ContentType.JSON).body(Map.of("name", name, "role", "viewer"))
                .when().post("/api/v1/keys").then().statusCode(201).header("Cache-Control", "no-store")
                .extract().jsonPath().getMap("");
        String key = (String) created.get("key");
        given().header("X-API-Key", key).get("/api/v1/taxonomy").then().statusCode(200);
        // the key is now remembered: these are answered from the cache, on the event loop
        for (int i = 0; i < 2; i++) {
            given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("text", "Data stays in China."))
                    .post("/api/v1/classify").then().statusCode(200);
        }
        given().delete("/api/v1/keys/" + ((Map<?, ?>) created.get("details")).get("id")).then().statusCode(200);
        given().header("X-API-Key", key).get("/api/v1/taxonomy").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-API-Key", key).contentType(ContentType.JSON).body(Map.of("text", "Data stays in China."))
                .post("/api/v1/classify").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/v1/keys").then().statusCode(200).body("name", not(hasItem(name)));
    }

    @Test
    void theAuditLogRefusesUpdateDeleteAndTruncateInTheDatabase() throws SQLException {
        given().contentType(ContentType.JSON).body(Map.of("name", "append-" + UUID.randomUUID(), "role", "viewer"))
                .when().post("/api/v1/keys").then().statusCode(201);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("update audit_log set actor = 'mallory'"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("delete from audit_log"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.executeUpdate("truncate audit_log"))
                    .hasMessageContaining("append-only");
        }
    }
}
