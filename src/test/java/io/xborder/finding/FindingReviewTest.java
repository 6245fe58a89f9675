package io.xborder.finding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class FindingReviewTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private long finding;
    private long otherCategoryOfSamePassage;
    private long conflicting;

    @BeforeEach
    void ingest() {
        String marker = UUID.randomUUID().toString();
        long document = given().contentType(ContentType.JSON).body(Map.of(
                "title", "Review test " + marker,
                "text", "关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储。"
                        + "因业务需要，确需向境外提供的，应当按照国家网信部门的办法进行安全评估。编号" + marker + "。"
                        + "Since 2021, Tesla has stored all Chinese vehicle data in Shanghai and does not send any data "
                        + "to the United States.",
                "jurisdiction", "CN", "publishedAt", "2017-06-01"))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        List<Map<String, Object>> items = given().queryParam("documentId", document).queryParam("size", 200)
                .when().get("/api/v1/findings").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(items).hasSizeGreaterThanOrEqualTo(2);
        finding = ((Number) items.get(0).get("id")).longValue();
        otherCategoryOfSamePassage = -1;
        for (Map<String, Object> a : items) {
            for (Map<String, Object> b : items) {
                if (a != b
                        && ((Map<?, ?>) a.get("passage")).get("id").equals(((Map<?, ?>) b.get("passage")).get("id"))) {
                    conflicting = ((Number) a.get("id")).longValue();
                    otherCategoryOfSamePassage = ((Number) b.get("id")).longValue();
                }
            }
        }
    }

    private static String etagOf(long id) {
        return given().when().get("/api/v1/findings/" + id).then().statusCode(200).extract().header("ETag");
    }

    @Test
    void getReturnsTheFindingWithAStrongEtagFromItsVersion() {
        given().when().get("/api/v1/findings/" + finding)
                .then().statusCode(200)
                .header("ETag", equalTo("\"v0\""))
                .body("id", equalTo((int) finding))
                .body("version", equalTo(0))
                .body("reviewStatus", equalTo("UNREVIEWED"))
                .body("reviewedBy", nullValue())
                .body("classifierOriginal", nullValue())
                .body("passage.text", notNullValue())
                .body("document.title", notNullValue());
    }

    @Test
    void getAnswers404ForAnUnknownIdAnd400ForABadOne() {
        given().when().get("/api/v1/findings/999999999").then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("finding 999999999 does not exist"));
        given().when().get("/api/v1/findings/abc").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void confirmingWithCorrectionsUpdatesTheFindingAndKeepsTheClassifierOriginal() {
        Map<String, Object> before = given().when().get("/api/v1/findings/" + finding).then().extract().jsonPath()
                .getMap("");
        ExtractableResponse<Response> reviewed = given().contentType(MERGE_PATCH).header("If-Match", etagOf(finding))
                .body(Map.of("status", "CONFIRMED", "modality", "PROHIBITION", "mechanisms",
                        List.of("CONSENT", "CONSENT"),
                        "jurisdictions", List.of("cn", "EU"), "dataCategories", List.of("HEALTH_DATA"),
                        "comment", "  Checked against the official text.  "))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", equalTo("\"v1\""))
                .body("reviewStatus", equalTo("CONFIRMED"))
                .body("modality", equalTo("PROHIBITION"))
                .body("mechanisms", equalTo(List.of("CONSENT")))
                .body("jurisdictions", equalTo(List.of("CN", "EU")))
                .body("dataCategories", equalTo(List.of("HEALTH_DATA")))
                .body("reviewComment", equalTo("Checked against the official text."))
                .body("reviewedBy", equalTo("key:bootstrap-admin"))
                .body("reviewedAt", notNullValue())
                .body("category", equalTo(before.get("category")))
                .body("classifierOriginal.modality", equalTo(before.get("modality")))
                .body("classifierOriginal.mechanisms", equalTo(before.get("mechanisms")))
                .body("classifierOriginal.jurisdictions", equalTo(before.get("jurisdictions")))
                .extract();
        assertThat(reviewed.jsonPath().getInt("version")).isEqualTo(1);

        // a second review keeps the first review's record of the classifier's values, and the comment when absent
        given().contentType(ContentType.JSON).header("If-Match", "\"v1\"")
                .body(Map.of("status", "REJECTED", "modality", "REPORT"))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(200)
                .header("ETag", equalTo("\"v2\""))
                .body("reviewStatus", equalTo("REJECTED"))
                .body("reviewComment", equalTo("Checked against the official text."))
                .body("classifierOriginal.modality", equalTo(before.get("modality")));

        // search sees the reviewed values
        given().queryParam("reviewStatus", "REJECTED").queryParam("mechanism", "CONSENT")
                .queryParam("dataCategory", "HEALTH_DATA").queryParam("jurisdiction", "EU")
                .when().get("/api/v1/findings")
                .then().statusCode(200).body("items.id", hasItem((int) finding));
    }

    @Test
    void aReviewWithoutIfMatchIsRefusedWith428() {
        given().contentType(ContentType.JSON).body(Map.of("status", "CONFIRMED"))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(428).contentType("application/problem+json").body("status", equalTo(428));
        given().contentType(ContentType.JSON).header("If-Match", "*").body(Map.of("status", "CONFIRMED"))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(428);
        given().when().get("/api/v1/findings/" + finding).then().body("reviewStatus", equalTo("UNREVIEWED"));
    }

    @Test
    void aReviewOnAStaleOrForeignEtagIsRefusedWith412() {
        given().contentType(ContentType.JSON).header("If-Match", "\"v7\"").body(Map.of("status", "CONFIRMED"))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(412).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"something-else\"")
                .body(Map.of("status", "CONFIRMED"))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(412);
        given().when().get("/api/v1/findings/" + finding).then().header("ETag", equalTo("\"v0\""));
    }

    @Test
    void aReviewOfAnUnknownFindingIs404() {
        given().contentType(ContentType.JSON).header("If-Match", "\"v0\"").body(Map.of("status", "CONFIRMED"))
                .when().patch("/api/v1/findings/999999999")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{}",
            "[]",
            "\"CONFIRMED\"",
            "{\"status\": \"UNREVIEWED\"}",
            "{\"status\": \"confirmed\"}",
            "{\"status\": 1}",
            "{\"status\": \"CONFIRMED\", \"category\": \"PRIVACY\"}",
            "{\"status\": \"CONFIRMED\", \"category\": null}",
            "{\"status\": \"CONFIRMED\", \"modality\": \"MAYBE\"}",
            "{\"status\": \"CONFIRMED\", \"mechanisms\": [\"TELEPATHY\"]}",
            "{\"status\": \"CONFIRMED\", \"mechanisms\": \"CONSENT\"}",
            "{\"status\": \"CONFIRMED\", \"mechanisms\": [1]}",
            "{\"status\": \"CONFIRMED\", \"jurisdictions\": [\"XX\"]}",
            "{\"status\": \"CONFIRMED\", \"jurisdictions\": [\" \"]}",
            "{\"status\": \"CONFIRMED\", \"dataCategories\": [\"SECRETS\"]}",
            "{\"status\": \"CONFIRMED\", \"comment\": 5}",
            "{\"status\": \"CONFIRMED\", \"reviewedBy\": \"mallory\"}",
            "{\"status\": \"CONFIRMED\", \"confidence\": 1}",
            "{\"status\": \"CONFIRMED\"",
    })
    void invalidReviewsAreRefusedWith400AndChangeNothing(String body) {
        given().contentType(ContentType.JSON).header("If-Match", "\"v0\"").body(body)
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(400).contentType("application/problem+json");
        given().when().get("/api/v1/findings/" + finding).then().header("ETag", equalTo("\"v0\""))
                .body("reviewStatus", equalTo("UNREVIEWED"));
    }

    @Test
    void anOverlongCommentIsRefusedWith400() {
        given().contentType(ContentType.JSON).header("If-Match", "\"v0\"")
                .body(Map.of("status", "CONFIRMED", "comment", "x".repeat(FindingReview.MAX_COMMENT + 1)))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(400).body("errors[0].field", equalTo("comment"));
    }

    @Test
    void correctingTheCategoryToOneThePassageAlreadyHasIsAConflict() {
        assertThat(otherCategoryOfSamePassage).as("the test text must give one passage two categories; if the "
                + "classifier no longer does, change the text").isPositive();
        String other = given().when().get("/api/v1/findings/" + otherCategoryOfSamePassage).then().extract()
                .jsonPath().getString("category");
        given().contentType(ContentType.JSON).header("If-Match", "\"v0\"")
                .body(Map.of("status", "CONFIRMED", "category", other))
                .when().patch("/api/v1/findings/" + conflicting)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void twoReviewersOnTheSameEtagTheFirstWinsTheSecondGets412() {
        String seenByAlice = etagOf(finding);
        String seenByBob = etagOf(finding);
        assertThat(seenByAlice).isEqualTo(seenByBob);
        given().contentType(MERGE_PATCH).header("If-Match", seenByAlice)
                .body(Map.of("status", "CONFIRMED", "comment", "Alice"))
                .when().patch("/api/v1/findings/" + finding).then().statusCode(200);
        given().contentType(MERGE_PATCH).header("If-Match", seenByBob)
                .body(Map.of("status", "REJECTED", "comment", "Bob"))
                .when().patch("/api/v1/findings/" + finding)
                .then().statusCode(412).body("detail", containsString("changed by someone else"));
        given().when().get("/api/v1/findings/" + finding).then()
                .body("reviewStatus", equalTo("CONFIRMED")).body("reviewComment", equalTo("Alice"))
                .header("ETag", equalTo("\"v1\""));
    }

    @Test
    void concurrentReviewsOfOneVersionApplyExactlyOnce() throws Exception {
        String etag = etagOf(finding);
        int reviewers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(reviewers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < reviewers; i++) {
                String comment = "reviewer " + i;
                Callable<Integer> call = () -> {
                    start.await();
                    return given().contentType(ContentType.JSON).header("If-Match", etag)
                            .body(Map.of("status", "CONFIRMED", "comment", comment))
                            .when().patch("/api/v1/findings/" + finding).then().extract().statusCode();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(200, 412);
            assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        given().when().get("/api/v1/findings/" + finding).then().header("ETag", equalTo("\"v1\""));
    }

    @Test
    void theReviewApiIsInTheOpenApiDocument() {
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/findings/{id}'.patch.responses.'412'", notNullValue())
                .body("paths.'/api/v1/findings/{id}'.patch.responses.'428'", notNullValue())
                .body("paths.'/api/v1/findings/{id}'.get.responses.'200'.headers.ETag", notNullValue())
                .body("paths.'/api/v1/findings/{id}'.patch.requestBody.content.'application/merge-patch+json'",
                        notNullValue());
    }
}
