package io.xborder.review;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.xborder.classify.Category;
import io.xborder.classify.model.LabelledPassage;
import io.xborder.document.DocumentService;
import io.xborder.testing.TestCredentials;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The review API: the queue and its order, history steps with the reviewer's name, findings added by reviewers,
 * bulk review with its summary, the training-data export, the error paths (never a 500) and who may do what.
 */
@QuarkusTest
class ReviewApiTest {

    private static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    DocumentService documents;

    private static RequestSpecification as(String role) {
        return given().header("X-API-Key", TestCredentials.key(role));
    }

    private static String etag(long finding) {
        return given().when().get("/api/v1/findings/" + finding).then().statusCode(200).extract().header("ETag");
    }

    private static JsonPath review(RequestSpecification who, long finding, Map<String, Object> body) {
        return who.contentType(MERGE_PATCH).header("If-Match", etag(finding)).body(body)
                .when().patch("/api/v1/findings/" + finding).then().statusCode(200).extract().jsonPath();
    }

    // --- queue ------------------------------------------------------------------------------------------------

    @Test
    void theQueueListsUnreviewedFindingsClosestToTheirCategorysThresholdFirst() {
        String marker = ReviewFixtures.marker();
        long document = ReviewFixtures.rules(6, marker);
        List<Long> ids = ReviewFixtures.findings(document);
        ReviewFixtures.assertAtLeast(ids, 4);
        review(given(), ids.get(0), Map.of("status", "CONFIRMED"));

        JsonPath queue = as("viewer").queryParam("documentId", document).queryParam("size", 50)
                .when().get("/api/v1/reviews/queue").then().statusCode(200).extract().jsonPath();
        // the thresholds are the model's: transfers are reported from 0.6, localisation from 0.5
        assertThat(queue.getDouble("thresholds.DATA_LOCALIZATION")).isEqualTo(0.5);
        assertThat(queue.getDouble("thresholds.CROSS_BORDER_TRANSFER")).isEqualTo(0.6);
        assertThat(queue.getString("order")).isEqualTo("UNCERTAINTY");
        List<Number> queued = queue.getList("items.finding.id");
        assertThat(queued).hasSize(ids.size() - 1).noneMatch(id -> id.longValue() == ids.get(0));
        assertThat(queue.getLong("total")).isEqualTo(ids.size() - 1);
        List<Float> distances = queue.getList("items.distance", Float.class);
        for (int i = 0; i < distances.size(); i++) {
            Map<String, Object> f = queue.getMap("items[" + i + "].finding");
            double threshold = queue.getDouble("thresholds." + f.get("category"));
            assertThat(distances.get(i).doubleValue())
                    .isCloseTo(Math.abs(((Number) f.get("confidence")).doubleValue() - threshold),
                            org.assertj.core.data.Offset.offset(0.002));
            assertThat(queue.getLong("items[" + i + "].position")).isEqualTo(i);
            if (i > 0) {
                assertThat(distances.get(i)).isGreaterThanOrEqualTo(distances.get(i - 1));
            }
        }
        // NEWEST lists the same findings in search order
        List<Number> newest = given().queryParam("documentId", document).queryParam("order", "NEWEST")
                .queryParam("size", 50).when().get("/api/v1/reviews/queue").then().statusCode(200).extract()
                .jsonPath().getList("items.finding.id");
        assertThat(newest).containsExactlyInAnyOrderElementsOf(queued);
    }

    static Stream<Arguments> badQueueRequests() {
        return Stream.of(
                Arguments.of("order", "LOUDEST"),
                Arguments.of("reviewStatus", "CONFIRMED"),
                Arguments.of("cursor", "bm90LWEtY3Vyc29y"),
                Arguments.of("size", "0"),
                Arguments.of("category", "PRIVACY"),
                Arguments.of("minConfidence", "2"));
    }

    @ParameterizedTest
    @MethodSource("badQueueRequests")
    void aBadQueueParameterIsA400NamingIt(String parameter, String value) {
        given().queryParam(parameter, value).when().get("/api/v1/reviews/queue").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(parameter));
    }

    // --- history ----------------------------------------------------------------------------------------------

    @Test
    void everyReviewIsAStepOfTheHistoryWithItsReviewersNameAndOwnComment() {
        long finding = ReviewFixtures.findings(ReviewFixtures.rules(1, ReviewFixtures.marker())).get(0);
        given().when().get("/api/v1/findings/" + finding + "/reviews").then().statusCode(200)
                .body("size()", equalTo(0));

        review(as("analyst"), finding, Map.of("status", "REJECTED", "comment", "Only a heading."));
        String bo = TestCredentials.namedToken("bo@example.com", "Bo Chen", "analyst");
        review(given().header("Authorization", "Bearer " + bo), finding,
                Map.of("status", "CONFIRMED", "mechanisms", List.of("CONSENT"), "comment", "It is the rule."));
        review(given(), finding, Map.of("status", "CONFIRMED"));

        JsonPath history = as("viewer").when().get("/api/v1/findings/" + finding + "/reviews").then()
                .statusCode(200).extract().jsonPath();
        assertThat(history.getList("findingVersion")).containsExactly(1, 2, 3);
        assertThat(history.getList("verdict")).containsExactly("REJECTED", "CONFIRMED", "CONFIRMED");
        assertThat(history.getString("[0].reviewerName")).startsWith("test-analyst-");
        assertThat(history.getString("[0].reviewer")).isEqualTo("key:" + history.getString("[0].reviewerName"));
        assertThat(history.getString("[1].reviewerName")).isEqualTo("Bo Chen");
        assertThat(history.getString("[1].reviewer")).isEqualTo("bo@example.com");
        assertThat(history.getString("[2].reviewerName")).isEqualTo("bootstrap-admin");
        // each step keeps its own comment: none appended to another, none copied forward
        assertThat(history.getList("comment")).containsExactly("Only a heading.", "It is the rule.", null);
        assertThat(history.getList("[0].mechanisms")).isEmpty();
        assertThat(history.getList("[1].mechanisms")).containsExactly("CONSENT");
        // the finding holds the current verdict
        given().when().get("/api/v1/findings/" + finding).then().body("reviewStatus", equalTo("CONFIRMED"))
                .body("version", equalTo(3)).body("mechanisms", equalTo(List.of("CONSENT")));
        // and the audit log one entry per step
        assertThat(given().queryParam("targetType", "finding").queryParam("targetId", finding)
                .queryParam("action", "finding.review").when().get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getLong("total")).isEqualTo(3);
    }

    @Test
    void theHistoryOfAnUnknownFindingIs404AndOfABadIdIs400() {
        given().when().get("/api/v1/findings/999999999/reviews").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().get("/api/v1/findings/x/reviews").then().statusCode(400)
                .contentType("application/problem+json");
    }

    // --- missed findings --------------------------------------------------------------------------------------

    /** A passage that states a rule the tests add by hand: its id and text. */
    private static Map<String, Object> passage(String text) {
        long document = ReviewFixtures.document("Missed " + ReviewFixtures.marker(), text);
        return ReviewFixtures.passages(document).get(0);
    }

    private static Map<String, Object> missed(String category, String text, String words) {
        int start = text.indexOf(words);
        return Map.of("category", category, "modality", "REQUIREMENT", "jurisdictions", List.of("VN"),
                "dataCategories", List.of("PERSONAL_INFORMATION"),
                "evidence", List.of(Map.of("start", start, "end", start + words.length(), "text", words)),
                "comment", "missed");
    }

    @Test
    void aReviewerAddsAMissedFindingThatSearchSeesAndReclassificationKeeps() {
        String marker = ReviewFixtures.marker();
        String text = "The weather in Hanoi was mild this spring, said the ministry " + marker + ".";
        Map<String, Object> p = passage(text);
        long passage = ((Number) p.get("id")).longValue();
        String passageText = (String) p.get("text");
        var response = as("analyst").contentType(ContentType.JSON)
                .body(missed("CROSS_BORDER_TRANSFER", passageText, "said the ministry"))
                .when().post("/api/v1/passages/" + passage + "/findings")
                .then().statusCode(201).header("ETag", equalTo("\"v0\"")).extract();
        JsonPath added = response.jsonPath();
        long id = added.getLong("id");
        assertThat(response.header("Location")).endsWith("/api/v1/findings/" + id);
        assertThat(added.getString("origin")).isEqualTo("REVIEWER");
        assertThat(added.getString("reviewStatus")).isEqualTo("CONFIRMED");
        assertThat(added.getDouble("confidence")).isEqualTo(1.0);
        assertThat(added.getList("jurisdictions")).containsExactly("VN");
        assertThat(added.getString("evidence[0].text")).isEqualTo("said the ministry");
        int start = added.getInt("evidence[0].start") - added.getInt("passage.start");
        assertThat(passageText.substring(start, start + "said the ministry".length())).isEqualTo("said the ministry");

        // search and its filters see it
        given().queryParam("q", marker).queryParam("category", "CROSS_BORDER_TRANSFER")
                .queryParam("jurisdiction", "VN").queryParam("reviewStatus", "CONFIRMED")
                .when().get("/api/v1/findings").then().statusCode(200).body("items.id", hasItem((int) id));
        // a history step marked as the addition, and an audit entry
        given().when().get("/api/v1/findings/" + id + "/reviews").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].added", equalTo(true));
        assertThat(given().queryParam("targetType", "finding").queryParam("targetId", id)
                .queryParam("action", "finding.add").when().get("/api/v1/audit").then().statusCode(200)
                .extract().jsonPath().getLong("total")).isEqualTo(1);

        // reclassification keeps it, and makes no classifier finding of its category beside it
        long document = added.getLong("document.id");
        documents.reclassify(document, true);
        JsonPath after = given().queryParam("documentId", document).when().get("/api/v1/findings").then()
                .statusCode(200).extract().jsonPath();
        assertThat(after.getList("items.id", Long.class)).contains(id);
        assertThat(after.getList("items.category")).containsOnlyOnce("CROSS_BORDER_TRANSFER");

        // a second one of the category is refused: review the existing one instead
        as("analyst").contentType(ContentType.JSON)
                .body(missed("CROSS_BORDER_TRANSFER", passageText, "weather"))
                .when().post("/api/v1/passages/" + passage + "/findings").then().statusCode(409)
                .contentType("application/problem+json");
    }

    static Stream<Arguments> badMissedFindings() {
        return Stream.of(
                Arguments.of("{\"modality\": \"REQUIREMENT\", \"evidence\": [{\"start\": 0, \"end\": 3}]}",
                        "category"),
                Arguments.of("{\"category\": \"PRIVACY\", \"modality\": \"REQUIREMENT\", "
                        + "\"evidence\": [{\"start\": 0, \"end\": 3}]}", "category"),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\"}", "evidence"),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\", "
                        + "\"evidence\": []}", "evidence"),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\", "
                        + "\"evidence\": [{\"start\": 5, \"end\": 5}]}", "evidence[0]"),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\", "
                        + "\"evidence\": [{\"start\": 0, \"end\": 100000}]}", "evidence[0]"),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\", "
                        + "\"evidence\": [{\"start\": -1, \"end\": 3}]}", "start"),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\", "
                        + "\"evidence\": [{\"start\": 0, \"end\": 3, \"text\": \"xyz\"}]}", "evidence[0]"),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\", "
                        + "\"jurisdictions\": [\"XX\"], \"evidence\": [{\"start\": 0, \"end\": 3}]}",
                        "jurisdictions"),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\", "
                        + "\"mechanisms\": [\"TELEPATHY\"], \"evidence\": [{\"start\": 0, \"end\": 3}]}",
                        "mechanisms"),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\", "
                        + "\"evidence\": [{\"start\": 0, \"end\": 4}, {\"start\": 2, \"end\": 6}]}", "evidence"),
                Arguments.of("[]", null),
                Arguments.of("{\"category\": \"DATA_LOCALIZATION\"", null));
    }

    @ParameterizedTest
    @MethodSource("badMissedFindings")
    void aBadMissedFindingIsA400AndStoresNothing(String body, String field) {
        String marker = ReviewFixtures.marker();
        Map<String, Object> p = passage("Ministry statement on the weather " + marker + ".");
        long passage = ((Number) p.get("id")).longValue();
        var response = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/passages/" + passage + "/findings")
                .then().statusCode(400).contentType("application/problem+json");
        if (field != null) {
            response.body("errors.field", hasItem(org.hamcrest.Matchers.startsWith(field)));
        }
        given().queryParam("q", marker).when().get("/api/v1/findings").then().body("total", equalTo(0));
    }

    @Test
    void aMissedFindingOnAnUnknownPassageIs404() {
        given().contentType(ContentType.JSON)
                .body("{\"category\": \"DATA_LOCALIZATION\", \"modality\": \"REQUIREMENT\", "
                        + "\"evidence\": [{\"start\": 0, \"end\": 3}]}")
                .when().post("/api/v1/passages/999999999/findings").then().statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("x").when().post("/api/v1/passages/1/findings").then()
                .statusCode(415);
    }

    // --- bulk -------------------------------------------------------------------------------------------------

    @Test
    void aBulkReviewOfASelectionAppliesWhatIsCurrentAndSaysWhyItSkippedTheRest() {
        List<Long> ids = ReviewFixtures.findings(ReviewFixtures.rules(4, ReviewFixtures.marker()));
        ReviewFixtures.assertAtLeast(ids, 3);
        // the second was reviewed by someone else after the reviewer saw it at v0
        review(given(), ids.get(1), Map.of("status", "CONFIRMED"));
        List<Map<String, Object>> selection = new ArrayList<>();
        selection.add(Map.of("id", ids.get(0), "version", 0));
        selection.add(Map.of("id", ids.get(1), "version", 0));
        selection.add(Map.of("id", ids.get(2), "version", 0));
        selection.add(Map.of("id", ids.get(2), "version", 0));
        selection.add(Map.of("id", 999999999L, "version", 0));
        JsonPath result = as("analyst").contentType(ContentType.JSON)
                .body(Map.of("status", "REJECTED", "scope", "SELECTION", "findings", selection, "comment", "news"))
                .when().post("/api/v1/reviews/bulk").then().statusCode(200).extract().jsonPath();
        assertThat(result.getInt("requested")).isEqualTo(5);
        assertThat(result.getList("applied.id", Long.class)).containsExactly(ids.get(0), ids.get(2));
        assertThat(result.getList("applied.version")).containsExactly(1, 1);
        Map<Long, String> reasons = new HashMap<>();
        for (int i = 0; i < result.getList("skipped").size(); i++) {
            reasons.put(result.getLong("skipped[" + i + "].id"), result.getString("skipped[" + i + "].reason"));
        }
        assertThat(reasons).containsEntry(ids.get(1), "CHANGED").containsEntry(ids.get(2), "DUPLICATE")
                .containsEntry(999999999L, "NOT_FOUND");
        given().when().get("/api/v1/findings/" + ids.get(1)).then().body("reviewStatus", equalTo("CONFIRMED"));
        given().when().get("/api/v1/findings/" + ids.get(0) + "/reviews").then()
                .body("[0].verdict", equalTo("REJECTED")).body("[0].comment", equalTo("news"));
    }

    @Test
    void aBulkReviewOfAFilterReviewsEveryUnreviewedMatchUpToItsLimit() {
        long document = ReviewFixtures.rules(5, ReviewFixtures.marker());
        List<Long> ids = ReviewFixtures.findings(document);
        ReviewFixtures.assertAtLeast(ids, 4);
        review(given(), ids.get(0), Map.of("status", "CONFIRMED"));
        JsonPath first = given().contentType(ContentType.JSON).queryParam("documentId", document)
                .body(Map.of("status", "REJECTED", "scope", "FILTER", "limit", 2))
                .when().post("/api/v1/reviews/bulk").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("applied")).hasSize(2);
        assertThat(first.getBoolean("remaining")).isTrue();
        JsonPath rest = given().contentType(ContentType.JSON).queryParam("documentId", document)
                .body(Map.of("status", "REJECTED", "scope", "FILTER"))
                .when().post("/api/v1/reviews/bulk").then().statusCode(200).extract().jsonPath();
        assertThat(rest.getList("applied")).hasSize(ids.size() - 3);
        assertThat(rest.getBoolean("remaining")).isFalse();
        // the confirmed one was not in the queue, so it kept its verdict
        given().when().get("/api/v1/findings/" + ids.get(0)).then().body("reviewStatus", equalTo("CONFIRMED"));
        given().queryParam("documentId", document).queryParam("reviewStatus", "REJECTED").when()
                .get("/api/v1/findings").then().body("total", equalTo(ids.size() - 1));
        given().queryParam("documentId", document).when().get("/api/v1/reviews/queue").then()
                .body("total", equalTo(0));
    }

    static Stream<Arguments> badBulkRequests() {
        return Stream.of(
                Arguments.of("{\"scope\": \"FILTER\"}", "status"),
                Arguments.of("{\"status\": \"UNREVIEWED\", \"scope\": \"FILTER\"}", "status"),
                Arguments.of("{\"status\": \"REJECTED\"}", "scope"),
                Arguments.of("{\"status\": \"REJECTED\", \"scope\": \"SELECTION\"}", "findings"),
                Arguments.of("{\"status\": \"REJECTED\", \"scope\": \"SELECTION\", \"findings\": []}", "findings"),
                Arguments.of("{\"status\": \"REJECTED\", \"scope\": \"FILTER\", "
                        + "\"findings\": [{\"id\": 1, \"version\": 0}]}", "findings"),
                Arguments.of("{\"status\": \"REJECTED\", \"scope\": \"SELECTION\", "
                        + "\"findings\": [{\"id\": 1}]}", "version"),
                Arguments.of("{\"status\": \"REJECTED\", \"scope\": \"SELECTION\", "
                        + "\"findings\": [{\"id\": -4, \"version\": 0}]}", "id"),
                Arguments.of("{\"status\": \"REJECTED\", \"scope\": \"FILTER\", \"limit\": 5000}", "limit"),
                Arguments.of("{\"status\": \"REJECTED\", \"scope\": \"FILTER\", \"comment\": \""
                        + "x".repeat(2001) + "\"}", "comment"));
    }

    @ParameterizedTest
    @MethodSource("badBulkRequests")
    void aBadBulkReviewIsA400NamingTheField(String body, String field) {
        given().contentType(ContentType.JSON).queryParam("documentId", 999999999L).body(body)
                .when().post("/api/v1/reviews/bulk").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem(org.hamcrest.Matchers.containsString(field)));
    }

    @Test
    void aBulkReviewWithABadFilterIsA400() {
        given().contentType(ContentType.JSON).queryParam("category", "PRIVACY")
                .body(Map.of("status", "REJECTED", "scope", "FILTER"))
                .when().post("/api/v1/reviews/bulk").then().statusCode(400)
                .body("errors.field", hasItem("category"));
    }

    // --- roles ------------------------------------------------------------------------------------------------

    static Stream<Arguments> roles() {
        return Stream.of(Arguments.of("viewer", false), Arguments.of("analyst", true), Arguments.of("admin", true));
    }

    @ParameterizedTest
    @MethodSource("roles")
    void onlyAnalystsAndAdminsReviewAddAndExport(String role, boolean allowed) {
        long document = ReviewFixtures.rules(2, ReviewFixtures.marker());
        List<Long> ids = ReviewFixtures.findings(document);
        Function<Integer, Integer> denied = ok -> allowed ? ok : 403;
        as(role).contentType(MERGE_PATCH).header("If-Match", etag(ids.get(0))).body(Map.of("status", "CONFIRMED"))
                .when().patch("/api/v1/findings/" + ids.get(0)).then().statusCode(denied.apply(200));
        as(role).contentType(ContentType.JSON)
                .body(Map.of("status", "REJECTED", "scope", "SELECTION",
                        "findings", List.of(Map.of("id", ids.get(1), "version", 0))))
                .when().post("/api/v1/reviews/bulk").then().statusCode(denied.apply(200));
        Map<String, Object> p = ReviewFixtures.passages(document).get(0);
        String text = (String) p.get("text");
        as(role).contentType(ContentType.JSON).body(missed("CROSS_BORDER_TRANSFER", text, "Operators"))
                .when().post("/api/v1/passages/" + p.get("id") + "/findings").then()
                .statusCode(allowed ? org.hamcrest.Matchers.oneOf(201, 409) : equalTo(403));
        as(role).when().get("/api/v1/reviews/export").then().statusCode(denied.apply(200));
        // everyone with a role reads the queue and the history
        as(role).when().get("/api/v1/reviews/queue").then().statusCode(200);
        as(role).when().get("/api/v1/findings/" + ids.get(0) + "/reviews").then().statusCode(200);
        given().header(io.xborder.testing.AuthenticatedByDefault.ANONYMOUS, "1").when()
                .get("/api/v1/reviews/queue").then().statusCode(401);
    }

    // --- export -----------------------------------------------------------------------------------------------

    @Test
    void theExportIsTrainingDataWithRejectedPassagesAsHardNegativesAndAddedFindingsAsPositives() {
        String marker = ReviewFixtures.marker();
        long document = ReviewFixtures.rules(3, marker);
        // the findings of the first passage all rejected; of the second, its localisation confirmed, any other rejected
        List<Map<String, Object>> found = given().queryParam("documentId", document).queryParam("size", 200)
                .when().get("/api/v1/findings").then().statusCode(200).extract().jsonPath().getList("items");
        List<Long> passageIds = found.stream()
                .map(f -> ((Number) ((Map<?, ?>) f.get("passage")).get("id")).longValue()).distinct().sorted()
                .toList();
        ReviewFixtures.assertAtLeast(passageIds, 2);
        String rejectedText = null;
        String confirmedText = null;
        for (Map<String, Object> f : found) {
            Map<?, ?> passage = (Map<?, ?>) f.get("passage");
            long id = ((Number) f.get("id")).longValue();
            long passageId = ((Number) passage.get("id")).longValue();
            if (passageId == passageIds.get(0)) {
                rejectedText = (String) passage.get("text");
                review(given(), id, Map.of("status", "REJECTED"));
            } else if (passageId == passageIds.get(1)) {
                confirmedText = (String) passage.get("text");
                boolean localisation = "DATA_LOCALIZATION".equals(f.get("category"));
                review(given(), id, localisation
                        ? Map.of("status", "CONFIRMED", "mechanisms", List.of("CONSENT"))
                        : Map.of("status", "REJECTED"));
            }
        }
        Map<String, Object> missedPassage = passage("Ministry notice about holidays " + marker + ".");
        String text = (String) missedPassage.get("text");
        given().contentType(ContentType.JSON).body(missed("DATA_LOCALIZATION", text, "Ministry notice"))
                .when().post("/api/v1/passages/" + missedPassage.get("id") + "/findings").then().statusCode(201);

        var response = as("analyst").when().get("/api/v1/reviews/export").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith(ReviewResource.JSONL))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString(".jsonl")).extract();
        List<LabelledPassage> lines = LabelledPassage
                .read(new ByteArrayInputStream(response.asString().getBytes(StandardCharsets.UTF_8)));
        Map<String, LabelledPassage> byId = new HashMap<>();
        lines.forEach(l -> byId.put(l.id(), l));
        String missedId = "review-p" + missedPassage.get("id");
        Map<String, LabelledPassage> mine = new HashMap<>();
        mine.put(rejectedText, byId.get("review-p" + passageIds.get(0)));
        mine.put(confirmedText, byId.get("review-p" + passageIds.get(1)));
        mine.put(text, byId.get(missedId));
        assertThat(mine).doesNotContainValue(null);
        assertThat(mine.values()).allMatch(l -> mine.containsKey(l.text()));
        assertThat(mine.get(rejectedText).categories()).isEmpty();
        assertThat(mine.get(rejectedText).hardNegative()).isTrue();
        assertThat(mine.get(confirmedText).categories()).containsExactly(Category.DATA_LOCALIZATION);
        assertThat(mine.get(confirmedText).mechanisms()).extracting(Enum::name).containsExactly("CONSENT");
        assertThat(mine.get(confirmedText).modality()).isNotNull();
        assertThat(mine.get(confirmedText).origin()).isEqualTo(ReviewedExamples.ORIGIN);
        assertThat(mine.get(text).categories()).containsExactly(Category.DATA_LOCALIZATION);
        assertThat(mine.get(text).jurisdictions()).containsExactly("VN");
        // a passage with findings nobody reviewed yet is not an example
        if (passageIds.size() > 2) {
            assertThat(byId).doesNotContainKey("review-p" + passageIds.get(2));
        }
        // every line carries provenance
        String line = response.asString().lines().filter(l -> l.contains("\"review-p" + passageIds.get(0) + "\""))
                .findFirst().orElseThrow();
        JsonPath provenance = new JsonPath(line);
        assertThat(provenance.getLong("provenance.documentId")).isEqualTo(document);
        assertThat(provenance.getList("provenance.findings.verdict")).isNotEmpty();
        assertThat(response.asString().lines().count()).isEqualTo(lines.size());
        assertThat(lines).extracting(LabelledPassage::id).doesNotHaveDuplicates();
    }
}
