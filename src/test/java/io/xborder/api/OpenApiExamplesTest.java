package io.xborder.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every example of the served OpenAPI document is checked against the service: request examples are sent to their
 * operation and must be accepted; response examples are compared with what the operation really answers to the
 * matching request, field by field, except the values that differ per call (ids, counts, dates, the confidence of
 * a newer model). A new example must be added here ({@link #everyExampleOfTheDocumentIsCheckedHere}).
 */
@QuarkusTest
class OpenApiExamplesTest {

    /** The examples this test checks: path, method, "request" or the status, media type, example name. */
    static final Set<String> CHECKED = Set.of(
            "/api/v1/classify post request application/json English news",
            "/api/v1/classify post request application/json Chinese law",
            "/api/v1/classify post 200 application/json finding",
            "/api/v1/classify post 400 application/problem+json bad language",
            "/api/v1/classify post 413 application/problem+json too large",
            "/api/v1/classify post 415 application/problem+json wrong type",
            "/api/v1/documents post request application/json news",
            "/api/v1/documents post request text/plain news",
            "/api/v1/documents post 200 application/json several files",
            "/api/v1/documents post 400 application/problem+json bad language",
            "/api/v1/documents post 413 application/problem+json too large",
            "/api/v1/documents post 415 application/problem+json wrong type",
            "/api/v1/documents post 422 application/problem+json corrupt",
            "/api/v1/documents/fetch post request application/json news",
            "/api/v1/documents/fetch post 400 application/problem+json refused",
            "/api/v1/documents/{id} get 404 application/problem+json missing",
            "/api/v1/documents/{id} delete 404 application/problem+json missing",
            "/api/v1/feeds post request application/json feed",
            "/api/v1/feeds/{id} put request application/json feed",
            "/api/v1/findings/{id} patch request application/merge-patch+json correct and confirm",
            "/api/v1/findings/{id}/reviews get 200 application/json two reviews",
            "/api/v1/passages/{id}/findings post request application/json missed requirement",
            "/api/v1/passages/{id}/findings post 409 application/problem+json already found",
            "/api/v1/reviews/bulk post request application/json reject a selection",
            "/api/v1/reviews/bulk post request application/json reject the filtered queue",
            "/api/v1/reviews/bulk post 200 application/json one applied, one skipped",
            "/api/v1/reviews/export get 200 application/x-ndjson a reviewer's finding",
            "/api/v1/jobs post request application/json urls",
            "/api/v1/jobs post request application/json reclassify",
            "/api/v1/keys post request application/json benchmark",
            "/api/v1/saved-searches post request application/json China transfers",
            "/api/v1/saved-searches/{id} put request application/json China transfers",
            "/api/v1/saved-searches/{id}/feed.atom get 200 application/atom+xml feed",
            "/api/v1/saved-searches/{id}/feed.json get 200 application/feed+json feed",
            "/api/v1/webhooks post request application/json webhook",
            "/api/v1/webhooks post request application/json daily digest",
            "/api/v1/webhooks/{id} put request application/json webhook",
            "/api/v1/webhooks/{id}/replay post request application/json a day",
            "/api/v1/models/{id}/activation post 409 application/problem+json already active");

    /** One byte over the request body limit the examples name (10M, also in the test profile). */
    static final int OVER_THE_BODY_LIMIT = 10 * 1024 * 1024 + 1;

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    JsonNode openApi;

    @BeforeEach
    void readTheDocument() {
        openApi = json(given().accept(ContentType.JSON).when().get("/q/openapi").then().statusCode(200).extract()
                .asString());
    }

    @Test
    void everyExampleOfTheDocumentIsCheckedHere() {
        Set<String> found = new TreeSet<>();
        openApi.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String at = path.getKey() + " " + op.getKey() + " ";
            op.getValue().at("/requestBody/content").fields().forEachRemaining(
                    media -> media.getValue().path("examples").fieldNames().forEachRemaining(
                            name -> found.add(at + "request " + media.getKey() + " " + name)));
            op.getValue().path("responses").fields().forEachRemaining(status -> status.getValue().path("content")
                    .fields().forEachRemaining(media -> media.getValue().path("examples").fieldNames()
                            .forEachRemaining(name -> found.add(at + status.getKey() + " " + media.getKey() + " "
                                    + name))));
        }));
        assertThat(found).isEqualTo(new TreeSet<>(CHECKED));
    }

    // --- classify ------------------------------------------------------------------------------------------

    @Test
    void classifyExamplesAreAcceptedAndTheAnswerIsTheRealOne() {
        Response english = postJson("/api/v1/classify", example("/api/v1/classify post request application/json "
                + "English news"));
        assertThat(english.statusCode()).isEqualTo(200);
        assertMatches("classify 200", example("/api/v1/classify post 200 application/json finding"),
                json(english.asString()), "confidence");

        Response chinese = postJson("/api/v1/classify",
                example("/api/v1/classify post request application/json Chinese law"));
        assertThat(chinese.statusCode()).isEqualTo(200);
        assertThat(json(chinese.asString()).at("/passages/0/findings")).isNotEmpty();
    }

    @Test
    void classifyProblemExamplesAreTheRealProblems() {
        assertMatches("classify 400", example("/api/v1/classify post 400 application/problem+json bad language"),
                json(postJson("/api/v1/classify", json("{\"text\": \"Data stays in China.\", \"language\": \"fr\"}"))
                        .then().statusCode(400).extract().asString()));
        assertMatches("classify 413", example("/api/v1/classify post 413 application/problem+json too large"),
                json(given().contentType(ContentType.JSON).body(new byte[OVER_THE_BODY_LIMIT])
                        .post("/api/v1/classify").then().statusCode(413).extract().asString()));
        assertMatches("classify 415", example("/api/v1/classify post 415 application/problem+json wrong type"),
                json(given().contentType("text/csv").body("a,b").post("/api/v1/classify").then().statusCode(415)
                        .extract().asString()));
    }

    // --- models --------------------------------------------------------------------------------------------

    @Test
    void activationConflictExampleIsTheRealProblem() {
        long active = given().get("/api/v1/models/active").then().statusCode(200).extract().jsonPath().getLong("id");
        JsonNode example = json(example("/api/v1/models/{id}/activation post 409 application/problem+json "
                + "already active").toString().replace("version 1 ", "version " + active + " ")
                .replace("/models/1/", "/models/" + active + "/"));
        assertMatches("models/{id}/activation 409", example, json(given().contentType(ContentType.JSON).body("{}")
                .post("/api/v1/models/" + active + "/activation").then().statusCode(409).extract().asString()));
    }

    // --- documents -----------------------------------------------------------------------------------------

    @Test
    void documentRequestExamplesAreAccepted() {
        assertThat(postJson("/api/v1/documents", example("/api/v1/documents post request application/json news"))
                .statusCode()).isIn(200, 201);
        String text = example("/api/v1/documents post request text/plain news").asText();
        assertThat(given().contentType(ContentType.TEXT).body(text).post("/api/v1/documents").statusCode())
                .isIn(200, 201);
    }

    @Test
    void documentProblemExamplesAreTheRealProblems() {
        assertMatches("documents 400",
                example("/api/v1/documents post 400 application/problem+json bad language"),
                json(postJson("/api/v1/documents", json("{\"text\": \"Data stays in China.\", \"language\": \"fr\"}"))
                        .then().statusCode(400).extract().asString()));
        assertMatches("documents 413", example("/api/v1/documents post 413 application/problem+json too large"),
                json(given().contentType(ContentType.JSON).body(new byte[OVER_THE_BODY_LIMIT])
                        .post("/api/v1/documents").then().statusCode(413).extract().asString()));
        assertMatches("documents 415", example("/api/v1/documents post 415 application/problem+json wrong type"),
                json(given().contentType("text/csv").body("a,b").post("/api/v1/documents").then().statusCode(415)
                        .extract().asString()));
        byte[] corruptPdf = "%PDF-1.4\n1 0 obj\n<<".getBytes(StandardCharsets.US_ASCII);
        assertMatches("documents 422", example("/api/v1/documents post 422 application/problem+json corrupt"),
                json(given().multiPart("file", "law.pdf", corruptPdf, "application/pdf").post("/api/v1/documents")
                        .then().statusCode(422).extract().asString()));
    }

    @Test
    void missingDocumentExamplesAreTheRealProblems() {
        // the examples name document 42; the test database may hold one, so ask for an id that cannot exist
        long missing = 4_000_000_000_000L;
        for (String method : new String[] { "get", "delete" }) {
            JsonNode example = json(example("/api/v1/documents/{id} " + method
                    + " 404 application/problem+json missing").toString().replace("42", String.valueOf(missing)));
            Response actual = method.equals("get")
                    ? given().get("/api/v1/documents/" + missing)
                    : given().delete("/api/v1/documents/" + missing);
            assertMatches("documents/{id} " + method + " 404", example,
                    json(actual.then().statusCode(404).extract().asString()));
        }
    }

    @Test
    void uploadExamplesAreAcceptedAndTheSeveralFilesAnswerIsTheRealOne() {
        // the metadata example names pipl.pdf and memo.docx: both are uploaded (as text; the type is sniffed)
        JsonNode metadata = json(openApi.at("/components/schemas/UploadForm/properties/metadata/examples/0").asText());
        assertThat(metadata.isObject()).as("the metadata example").isTrue();
        Response withMetadata = given()
                .multiPart("file", "pipl.pdf", lawText().getBytes(StandardCharsets.UTF_8), "application/pdf")
                .multiPart("file", "memo.docx", memoText().getBytes(StandardCharsets.UTF_8),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                .multiPart("metadata", metadata.toString(), "application/json")
                .post("/api/v1/documents");
        assertThat(withMetadata.statusCode()).as(withMetadata.asString()).isEqualTo(200);
        assertThat(json(withMetadata.asString()).path("created").asInt()).isEqualTo(2);

        // the answer example: pipl.pdf stored, scan.png refused as an image
        ObjectNode piplOnly = ((ObjectNode) metadata.deepCopy()).retain("pipl.pdf");
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1,
                0, 0, 0, 1, 8, 2, 0, 0, 0 };
        Response several = given()
                .multiPart("file", "pipl.pdf", lawText().getBytes(StandardCharsets.UTF_8), "application/pdf")
                .multiPart("file", "scan.png", png, "image/png")
                .multiPart("metadata", piplOnly.toString(), "application/json")
                .post("/api/v1/documents");
        assertThat(several.statusCode()).as(several.asString()).isEqualTo(200);
        assertMatches("documents 200 several files",
                example("/api/v1/documents post 200 application/json several files"), json(several.asString()),
                "documentId", "location", "passageCount", "findingCount");
    }

    @Test
    void fetchExamplesAreAcceptedOrTheRealProblem() {
        // the example's host is public: the request passes every check; offline the host does not resolve (502)
        Response news = postJson("/api/v1/documents/fetch",
                example("/api/v1/documents/fetch post request application/json news"));
        assertThat(news.statusCode()).as(news.asString()).isIn(200, 201, 502, 504);
        assertMatches("fetch 400", example("/api/v1/documents/fetch post 400 application/problem+json refused"),
                json(postJson("/api/v1/documents/fetch", json("{\"url\": \"http://169.254.169.254/latest/meta-data\"}"))
                        .then().statusCode(400).extract().asString()));
    }

    // --- feeds, findings, jobs, keys -------------------------------------------------------------------------

    @Test
    void feedExamplesAreAccepted() {
        Response created = postJson("/api/v1/feeds", example("/api/v1/feeds post request application/json feed"));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        long id = json(created.asString()).path("id").asLong();
        try {
            given().contentType(ContentType.JSON)
                    .body(example("/api/v1/feeds/{id} put request application/json feed").toString())
                    .put("/api/v1/feeds/" + id).then().statusCode(200);
        } finally {
            given().delete("/api/v1/feeds/" + id).then().statusCode(204);
        }
    }

    @Test
    void theReviewExampleIsAccepted() {
        String text = "Operators shall store personal information collected in China within the territory. Ref "
                + UUID.randomUUID() + ".";
        long document = json(postJson("/api/v1/documents", json(JSON.createObjectNode().put("text", text)
                .put("language", "en").put("jurisdiction", "CN").toString())).then().statusCode(201).extract()
                .asString()).path("id").asLong();
        long finding = json(given().queryParam("documentId", document).get("/api/v1/findings").then().statusCode(200)
                .extract().asString()).at("/items/0/id").asLong();
        String etag = given().get("/api/v1/findings/" + finding).then().statusCode(200).extract().header("ETag");
        given().contentType("application/merge-patch+json").header("If-Match", etag)
                .body(example("/api/v1/findings/{id} patch request application/merge-patch+json correct and confirm")
                        .toString())
                .patch("/api/v1/findings/" + finding).then().statusCode(200);
    }

    @Test
    void jobExamplesAreAccepted() throws SQLException {
        for (String name : new String[] { "urls", "reclassify" }) {
            Response accepted = postJson("/api/v1/jobs", example("/api/v1/jobs post request application/json " + name));
            assertThat(accepted.statusCode()).as(name + ": " + accepted.asString()).isEqualTo(202);
            // the test profile runs no job worker; other tests run theirs on this database: leave nothing queued
            try (Connection c = dataSource.getConnection();
                    PreparedStatement delete = c.prepareStatement("delete from jobs where id = ?")) {
                delete.setLong(1, json(accepted.asString()).path("id").asLong());
                assertThat(delete.executeUpdate()).isEqualTo(1);
            }
        }
    }

    @Test
    void theKeyExampleIsAccepted() {
        Response created = postJson("/api/v1/keys", example("/api/v1/keys post request application/json benchmark"));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        // revoked again, so that the name is free for the next run
        given().delete("/api/v1/keys/" + json(created.asString()).at("/details/id").asLong()).then()
                .statusCode(200);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    /** The value of an example of the served document, by its key in {@link #CHECKED}. */
    private JsonNode example(String key) {
        assertThat(CHECKED).contains(key);
        String[] words = key.split(" ", 5); // path, method, "request" or status, media type, name
        JsonNode op = openApi.path("paths").path(words[0]).path(words[1]);
        JsonNode content = words[2].equals("request")
                ? op.at("/requestBody/content")
                : op.path("responses").path(words[2]).path("content");
        JsonNode value = content.path(words[3]).path("examples").path(words[4]).path("value");
        assertThat(value.isMissingNode()).as("example %s in /q/openapi", key).isFalse();
        return value;
    }

    private static Response postJson(String path, JsonNode body) {
        return given().contentType(ContentType.JSON).body(body.toString()).post(path);
    }

    /**
     * The example has the fields of the real answer (no more, no fewer, nulls aside) with the same values, except
     * the named fields, whose values need only be of the same JSON type.
     */
    static void assertMatches(String where, JsonNode example, JsonNode actual, String... varying) {
        match(where, example, actual, new HashSet<>(Arrays.asList(varying)));
    }

    private static void match(String at, JsonNode example, JsonNode actual, Set<String> varying) {
        if (example.isObject()) {
            assertThat(actual.isObject()).as("%s is an object: %s", at, actual).isTrue();
            assertThat(nonNullFields(example)).as("%s: the fields of the example and of the answer %s", at, actual)
                    .isEqualTo(nonNullFields(actual));
            example.fields().forEachRemaining(f -> {
                if (!f.getValue().isNull()) {
                    String field = at + "." + f.getKey();
                    if (varying.contains(f.getKey())) {
                        assertThat(actual.path(f.getKey()).getNodeType()).as(field)
                                .isEqualTo(f.getValue().getNodeType());
                    } else {
                        match(field, f.getValue(), actual.path(f.getKey()), varying);
                    }
                }
            });
        } else if (example.isArray()) {
            assertThat(actual.size()).as("%s: items in the example and the answer %s", at, actual)
                    .isEqualTo(example.size());
            for (int i = 0; i < example.size(); i++) {
                match(at + "[" + i + "]", example.get(i), actual.get(i), varying);
            }
        } else if (example.isNumber()) {
            assertThat(actual.isNumber()).as(at).isTrue();
            assertThat(actual.decimalValue()).as(at).isEqualByComparingTo(example.decimalValue());
        } else {
            assertThat(actual).as(at).isEqualTo(example);
        }
    }

    private static Set<String> nonNullFields(JsonNode object) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!object.get(name).isNull()) {
                names.add(name);
            }
        }
        return names;
    }

    private static String lawText() {
        return "第三十八条 个人信息处理者因业务需要，确需向中华人民共和国境外提供个人信息的，应当通过国家网信部门组织的安全评估。编号 "
                + UUID.randomUUID();
    }

    private static String memoText() {
        return "Customer data of our Chinese subsidiary must stay on servers in China. Ref " + UUID.randomUUID();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    // --- alerts ----------------------------------------------------------------------------------------------

    @Test
    void alertExamplesAreAcceptedAndTheFeedExamplesHaveTheRealShape() throws Exception {
        Response saved = postJson("/api/v1/saved-searches",
                example("/api/v1/saved-searches post request application/json China transfers"));
        assertThat(saved.statusCode()).as(saved.asString()).isEqualTo(201);
        long search = json(saved.asString()).path("id").asLong();
        given().contentType(ContentType.JSON)
                .body(example("/api/v1/saved-searches/{id} put request application/json China transfers").toString())
                .put("/api/v1/saved-searches/" + search).then().statusCode(200);
        String token = given().post("/api/v1/saved-searches/" + search + "/feed-token").then().statusCode(201)
                .extract().jsonPath().getString("token");

        // the Atom example is well-formed Atom; the JSON Feed example has the fields of a real feed
        String atom = openApi.at("/paths/~1api~1v1~1saved-searches~1{id}~1feed.atom/get/responses/200/content/"
                + "application~1atom+xml/examples/feed/value").asText();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        assertThat(factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(atom.getBytes(StandardCharsets.UTF_8))).getDocumentElement()
                .getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        JsonNode real = json(given().queryParam("token", token).get("/api/v1/saved-searches/" + search + "/feed.json")
                .then().statusCode(200).extract().asString());
        JsonNode documented = example("/api/v1/saved-searches/{id}/feed.json get 200 application/feed+json feed");
        assertThat(fieldNames(documented)).isEqualTo(fieldNames(real));

        // the webhook example's host is public: offline it does not resolve, the one refusal allowed here
        ObjectNode hook = (ObjectNode) example("/api/v1/webhooks post request application/json webhook");
        Response created = postJson("/api/v1/webhooks", hook.put("searchId", search));
        assertThat(created.statusCode()).as(created.asString()).isIn(201, 400);
        long webhook;
        if (created.statusCode() == 400) {
            assertThat(created.asString()).contains("cannot be resolved");
            webhook = json(postJson("/api/v1/webhooks", hook.put("url", "http://127.0.0.1:9/hook")).then()
                    .statusCode(201).extract().asString()).at("/webhook/id").asLong();
        } else {
            webhook = json(created.asString()).at("/webhook/id").asLong();
        }
        ObjectNode digest = (ObjectNode) example("/api/v1/webhooks post request application/json daily digest");
        digest.put("searchId", search).put("url", "http://127.0.0.1:9/hook");
        JsonNode daily = json(postJson("/api/v1/webhooks", digest).then().statusCode(201).extract().asString());
        assertThat(daily.at("/webhook/delivery").asText()).isEqualTo("DAILY_DIGEST");
        assertThat(daily.at("/webhook/digestHour").asInt()).isEqualTo(digest.path("digestHour").asInt());
        assertThat(daily.at("/webhook/nextDigestAt").asText()).isNotBlank();
        ObjectNode change = (ObjectNode) example("/api/v1/webhooks/{id} put request application/json webhook");
        change.put("searchId", search).put("url", "http://127.0.0.1:9/hook").put("active", false);
        given().contentType(ContentType.JSON).body(change.toString()).put("/api/v1/webhooks/" + webhook).then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(example("/api/v1/webhooks/{id}/replay post request application/json a day").toString())
                .post("/api/v1/webhooks/" + webhook + "/replay").then().statusCode(200);
        given().delete("/api/v1/saved-searches/" + search).then().statusCode(204);
    }

    // --- reviews ---------------------------------------------------------------------------------------------

    /** A new document with one localisation finding in China; the finding's id. */
    private static long newFinding() {
        String text = "Operators shall store personal information collected in China within the territory. Ref "
                + UUID.randomUUID() + ".";
        long document = json(postJson("/api/v1/documents", json(JSON.createObjectNode().put("text", text)
                .put("language", "en").put("jurisdiction", "CN").toString())).then().statusCode(201).extract()
                .asString()).path("id").asLong();
        return json(given().queryParam("documentId", document).get("/api/v1/findings").then().statusCode(200)
                .extract().asString()).at("/items/0/id").asLong();
    }

    private static void patchFinding(long finding, JsonNode body) {
        String etag = given().get("/api/v1/findings/" + finding).then().statusCode(200).extract().header("ETag");
        given().contentType(ContentType.JSON).header("If-Match", etag).body(body.toString())
                .patch("/api/v1/findings/" + finding).then().statusCode(200);
    }

    @Test
    void theHistoryExampleIsWhatTwoReviewsLeave() {
        JsonNode example = example("/api/v1/findings/{id}/reviews get 200 application/json two reviews");
        long finding = newFinding();
        for (JsonNode step : example) {
            ObjectNode body = JSON.createObjectNode().put("status", step.path("verdict").asText())
                    .put("category", step.path("category").asText()).put("modality", step.path("modality").asText())
                    .put("comment", step.path("comment").asText());
            body.set("mechanisms", step.path("mechanisms"));
            body.set("jurisdictions", step.path("jurisdictions"));
            body.set("dataCategories", step.path("dataCategories"));
            patchFinding(finding, body);
        }
        assertMatches("findings/{id}/reviews 200", example,
                json(given().get("/api/v1/findings/" + finding + "/reviews").then().statusCode(200).extract()
                        .asString()),
                "reviewer", "reviewerName", "reviewedAt");
    }

    @Test
    void theBulkExamplesAreAcceptedAndTheSummaryIsTheRealOne() {
        long first = newFinding();
        long second = newFinding();
        // the second was reviewed by someone else after the reviewer saw it
        patchFinding(second, json("{\"status\": \"CONFIRMED\"}"));
        ObjectNode selection = (ObjectNode) example(
                "/api/v1/reviews/bulk post request application/json reject a selection");
        ((ObjectNode) selection.path("findings").get(0)).put("id", first);
        ((ObjectNode) selection.path("findings").get(1)).put("id", second);
        Response result = postJson("/api/v1/reviews/bulk", selection);
        assertThat(result.statusCode()).as(result.asString()).isEqualTo(200);
        assertMatches("reviews/bulk 200",
                example("/api/v1/reviews/bulk post 200 application/json one applied, one skipped"),
                json(result.asString()), "id", "detail");

        long third = newFinding();
        long document = json(given().get("/api/v1/findings/" + third).then().statusCode(200).extract().asString())
                .at("/document/id").asLong();
        Response filtered = given().contentType(ContentType.JSON).queryParam("documentId", document)
                .body(example("/api/v1/reviews/bulk post request application/json reject the filtered queue")
                        .toString())
                .post("/api/v1/reviews/bulk");
        assertThat(filtered.statusCode()).as(filtered.asString()).isEqualTo(200);
        assertThat(json(filtered.asString()).at("/applied/0/id").asLong()).isEqualTo(third);
    }

    @Test
    void theMissedFindingExamplesAreAcceptedAndTheConflictIsTheRealOne() {
        JsonNode request = example("/api/v1/passages/{id}/findings post request application/json missed requirement");
        String words = request.at("/evidence/0/text").asText();
        long document = json(postJson("/api/v1/documents", json(JSON.createObjectNode()
                .put("text", words + ". Ref " + UUID.randomUUID() + ".").put("language", "en").toString()))
                .then().statusCode(201).extract().asString()).path("id").asLong();
        long passage = json(given().get("/api/v1/documents/" + document).then().statusCode(200).extract()
                .asString()).at("/passages/0/id").asLong();
        Response added = postJson("/api/v1/passages/" + passage + "/findings", request);
        assertThat(added.statusCode()).as(added.asString()).isEqualTo(201);
        long finding = json(added.asString()).path("id").asLong();
        JsonNode conflict = json(example("/api/v1/passages/{id}/findings post 409 application/problem+json "
                + "already found").toString().replace("2051", String.valueOf(passage))
                .replace("1051", String.valueOf(finding)));
        assertMatches("passages/{id}/findings 409", conflict,
                json(postJson("/api/v1/passages/" + passage + "/findings", request).then().statusCode(409).extract()
                        .asString()));
    }

    @Test
    void theExportExampleHasTheFieldsOfARealLine() {
        long finding = newFinding();
        patchFinding(finding, json("{\"status\": \"CONFIRMED\"}"));
        String line = given().get("/api/v1/reviews/export").then().statusCode(200).extract().asString().lines()
                .filter(l -> l.contains("\"findingId\":" + finding + ",")).findFirst().orElseThrow();
        JsonNode real = json(line);
        JsonNode documented = example("/api/v1/reviews/export get 200 application/x-ndjson a reviewer's finding");
        assertThat(fieldNames(documented)).isEqualTo(fieldNames(real));
        assertThat(fieldNames(documented.path("provenance"))).isEqualTo(fieldNames(real.path("provenance")));
        assertThat(fieldNames(documented.at("/provenance/findings/0")))
                .isEqualTo(fieldNames(real.at("/provenance/findings/0")));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
