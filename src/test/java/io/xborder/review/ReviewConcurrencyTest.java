package io.xborder.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.xborder.testing.TestCredentials;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Reviews racing each other: of two reviews of one version one wins and the other gets 412, and a bulk review racing
 * single reviews leaves every finding with exactly the verdicts that were applied, each one history step and one
 * audit entry; nothing is lost or doubled.
 */
@QuarkusTest
class ReviewConcurrencyTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static Response patch(String key, long finding, String status, String comment) {
        return given().header("X-API-Key", key).contentType(MERGE_PATCH).header("If-Match", "\"v0\"")
                .body(Map.of("status", status, "comment", comment)).when().patch("/api/v1/findings/" + finding);
    }

    private static long audited(long finding, String action) {
        return given().queryParam("targetType", "finding").queryParam("targetId", finding)
                .queryParam("action", action).when().get("/api/v1/audit").then().statusCode(200).extract()
                .jsonPath().getLong("total");
    }

    @RepeatedTest(3)
    void ofTwoReviewsOfOneVersionOneWinsAndTheOtherGets412() throws Exception {
        long finding = ReviewFixtures.findings(ReviewFixtures.rules(1, ReviewFixtures.marker())).get(0);
        String analyst = TestCredentials.key("analyst");
        String admin = TestCredentials.adminKey();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Response> a = pool.submit(() -> {
                start.await();
                return patch(analyst, finding, "CONFIRMED", "first");
            });
            Future<Response> b = pool.submit(() -> {
                start.await();
                return patch(admin, finding, "REJECTED", "second");
            });
            start.countDown();
            List<Integer> statuses = List.of(a.get().statusCode(), b.get().statusCode());
            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
            Response winner = statuses.get(0) == 200 ? a.get() : b.get();
            JsonPath history = given().when().get("/api/v1/findings/" + finding + "/reviews").then()
                    .statusCode(200).extract().jsonPath();
            // the winner's verdict and comment are the finding's and its history's only step
            assertThat(history.getList("verdict")).containsExactly(winner.jsonPath().getString("reviewStatus"));
            assertThat(history.getList("comment")).containsExactly(winner.jsonPath().getString("reviewComment"));
            assertThat(given().when().get("/api/v1/findings/" + finding).jsonPath().getInt("version")).isEqualTo(1);
            assertThat(audited(finding, "finding.review")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @RepeatedTest(2)
    void aBulkReviewRacingSingleReviewsLeavesExactlyTheAppliedVerdictsEachAuditedOnce() throws Exception {
        long document = ReviewFixtures.rules(12, ReviewFixtures.marker());
        List<Long> ids = ReviewFixtures.findings(document);
        ReviewFixtures.assertAtLeast(ids, 10);
        String analyst = TestCredentials.key("analyst");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<JsonPath> bulk = pool.submit(() -> {
                start.await();
                return given().contentType(ContentType.JSON).queryParam("documentId", document)
                        .body(Map.of("status", "REJECTED", "scope", "FILTER", "comment", "bulk"))
                        .when().post("/api/v1/reviews/bulk").then().statusCode(200).extract().jsonPath();
            });
            // two reviewers confirm every other finding, one at a time, at the version they read (v0)
            List<Future<Map<Long, Integer>>> singles = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                int offset = r;
                Callable<Map<Long, Integer>> reviewer = () -> {
                    start.await();
                    Map<Long, Integer> statuses = new HashMap<>();
                    for (int i = offset; i < ids.size(); i += 2) {
                        statuses.put(ids.get(i), patch(analyst, ids.get(i), "CONFIRMED", "single").statusCode());
                    }
                    return statuses;
                };
                singles.add(pool.submit(reviewer));
            }
            start.countDown();
            JsonPath result = bulk.get();
            Map<Long, Integer> single = new HashMap<>();
            for (Future<Map<Long, Integer>> s : singles) {
                single.putAll(s.get());
            }
            List<Long> bulkApplied = result.getList("applied.id", Long.class);
            for (long id : ids) {
                int expectedSteps = (bulkApplied.contains(id) ? 1 : 0) + (single.get(id) == 200 ? 1 : 0);
                assertThat(single.get(id)).as("single review of %d", id).isIn(200, 412);
                // both started from v0: exactly one of them can have been applied
                assertThat(expectedSteps).as("reviews applied to %d", id).isEqualTo(1);
                JsonPath history = given().when().get("/api/v1/findings/" + id + "/reviews").then().statusCode(200)
                        .extract().jsonPath();
                assertThat(history.getList("verdict")).as("history of %d", id)
                        .containsExactly(bulkApplied.contains(id) ? "REJECTED" : "CONFIRMED");
                assertThat(history.getList("comment")).containsExactly(bulkApplied.contains(id) ? "bulk" : "single");
                JsonPath finding = given().when().get("/api/v1/findings/" + id).jsonPath();
                assertThat(finding.getString("reviewStatus")).isEqualTo(history.getString("[0].verdict"));
                assertThat(finding.getInt("version")).isEqualTo(1);
                assertThat(audited(id, "finding.review")).as("audit entries of %d", id).isEqualTo(1);
            }
            // what the bulk review skipped, it skipped because a single review came first
            List<Long> skipped = result.getList("skipped.id", Long.class);
            assertThat(result.getList("skipped.reason")).allMatch("CHANGED"::equals);
            assertThat(skipped).allMatch(id -> single.get(id) == 200);
            assertThat(bulkApplied.size() + skipped.size()).isLessThanOrEqualTo(ids.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
