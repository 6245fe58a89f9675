package io.xborder.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.xborder.analysis.AnalysisService;
import io.xborder.ingest.IngestFixtures;
import io.xborder.testing.LocalHttpServer;
import io.xborder.testing.LocalHttpServer.Answer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The jobs API end to end, with a worker of the test's own (the test profile runs none). */
@QuarkusTest
class JobResourceTest {

    static LocalHttpServer server;

    @Inject
    JobWorkers workers;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    AnalysisService analysis;

    @BeforeAll
    static void serve() {
        server = new LocalHttpServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    JsonPath runToEnd(String location) throws InterruptedException {
        try (JobWorker worker = workers.newWorker("rest-" + UUID.randomUUID(), 2)) {
            worker.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                JsonPath job = given().get(location).then().statusCode(200).extract().jsonPath();
                if (!List.of("QUEUED", "RUNNING").contains(job.getString("state"))) {
                    return job;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("job did not finish: " + given().get(location).asString());
    }

    @Test
    void aUrlJobIngestsWhatItCanAndReportsEachFailureWithItsReason() throws Exception {
        String tag = UUID.randomUUID().toString();
        server.serve("/job/" + tag + "/a.html", Answer.ok("text/html",
                IngestFixtures.newsHtml("Job page " + tag, IngestFixtures.EN_LOCALIZE, IngestFixtures.ref())));
        server.serve("/job/" + tag + "/b.txt", Answer.ok("text/plain",
                IngestFixtures.EN_TRANSFER + " " + IngestFixtures.ref()));
        server.serve("/job/" + tag + "/c.png", Answer.ok("image/png", IngestFixtures.png()));
        var created = given().contentType(ContentType.JSON).body(Map.of("kind", "URLS", "urls", List.of(
                server.url("/job/" + tag + "/a.html"), server.url("/job/" + tag + "/b.txt"), "http://10.0.0.9/secret",
                server.url("/job/" + tag + "/c.png"), server.url("/job/" + tag + "/missing"))))
                .post("/api/v1/jobs");
        created.then().statusCode(202).header("Location", containsString("/api/v1/jobs/"))
                .body("state", equalTo("QUEUED")).body("total", equalTo(5)).body("kind", equalTo("URLS"));

        JsonPath job = runToEnd(created.header("Location"));
        assertThat(job.getString("state")).isEqualTo("PARTIAL");
        assertThat(job.getInt("done")).isEqualTo(2);
        assertThat(job.getInt("failed")).isEqualTo(3);
        assertThat(job.getList("failures.reason")).containsExactly("URL_REFUSED", "UNSUPPORTED_TYPE",
                "URL_UNREACHABLE");
        assertThat(job.getList("failures.index")).containsExactly(2, 3, 4);
        assertThat(job.getString("failures[0].detail")).contains("private address");
        given().get("/api/v1/jobs?size=5").then().statusCode(200).body("items[0].id", equalTo(job.getInt("id")));
    }

    @Test
    void aFileJobIngestsEveryGoodFileAndFailsOnlyTheBadOnes() throws Exception {
        String tag = UUID.randomUUID().toString();
        var created = given()
                .multiPart("file", "law.pdf", IngestFixtures.pdf("Law " + tag, IngestFixtures.EN_LOCALIZE, tag),
                        "application/pdf")
                .multiPart("file", "memo.docx", IngestFixtures.docx("Memo " + tag, IngestFixtures.EN_TRANSFER, tag))
                .multiPart("file", "broken.pdf", IngestFixtures.corruptPdf(), "application/pdf")
                .multiPart("file", "huge.txt", new byte[300 * 1024], "text/plain")
                .multiPart("jurisdiction", "CN")
                .post("/api/v1/jobs");
        created.then().statusCode(202).body("kind", equalTo("FILES")).body("total", equalTo(4));
        JsonPath job = runToEnd(created.header("Location"));
        assertThat(job.getString("state")).isEqualTo("PARTIAL");
        assertThat(job.getInt("done")).isEqualTo(2);
        assertThat(job.getList("failures.reason")).containsExactly("CORRUPT", "TOO_LARGE");
    }

    /** A multipart body of {@code files} small text files and {@code fields} form fields, built by hand (fast). */
    private static byte[] multipart(int files, int fields, String tag) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < files; i++) {
            b.append("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"n").append(i)
                    .append(".txt\"\r\nContent-Type: text/plain\r\n\r\nNote ").append(i).append(' ').append(tag)
                    .append("\r\n");
        }
        for (int i = 0; i < fields; i++) {
            b.append("--b0undary\r\nContent-Disposition: form-data; name=\"x").append(i).append("\"\r\n\r\n1\r\n");
        }
        return b.append("--b0undary--\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFileJobOfMoreThanAThousandFilesIsAccepted() {
        // Quarkus refuses a form of more than quarkus.http.limits.max-parameters parts (1,000 by default) with a
        // 500: the service sets it above xborder.jobs.max-items
        given().contentType("multipart/form-data; boundary=b0undary").body(multipart(1_200, 0, UUID.randomUUID()
                .toString())).post("/api/v1/jobs")
                .then().statusCode(202).body("kind", equalTo("FILES")).body("total", equalTo(1_200));
    }

    @Test
    void aFormOfMorePartsThanTheServiceParsesIs413() {
        given().contentType("multipart/form-data; boundary=b0undary").body(multipart(1, 10_200, "x"))
                .post("/api/v1/jobs")
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("more than 10,100 parts"));
    }

    @Test
    void reclassifyReplacesUnreviewedFindingsAndKeepsReviewedOnes() throws Exception {
        String text = IngestFixtures.EN_LOCALIZE + " " + IngestFixtures.EN_TRANSFER + " " + IngestFixtures.ref();
        JsonPath doc = given().contentType(ContentType.JSON).body(Map.of("text", text, "jurisdiction", "CN"))
                .post("/api/v1/documents").then().statusCode(201).extract().jsonPath();
        long id = doc.getLong("id");
        List<Integer> findingIds = doc.getList("passages.findings.flatten().id");
        assertThat(findingIds).hasSizeGreaterThanOrEqualTo(2);
        long confirmed = findingIds.get(0);
        // as if made by an older ruleset, one finding confirmed by an analyst
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE findings SET ruleset_version = 'old-1', "
                    + "review_status = CASE WHEN id = ? THEN 'CONFIRMED' ELSE 'UNREVIEWED' END, "
                    + "reviewed_at = CASE WHEN id = ? THEN now() END WHERE document_id = ?")) {
                ps.setLong(1, confirmed);
                ps.setLong(2, confirmed);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c
                    .prepareStatement("UPDATE documents SET ruleset_version = 'old-1' WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
        var created = given().contentType(ContentType.JSON).body(Map.of("kind", "RECLASSIFY")).post("/api/v1/jobs");
        created.then().statusCode(202).body("kind", equalTo("RECLASSIFY"));
        assertThat(created.jsonPath().getInt("total")).isGreaterThanOrEqualTo(1);
        JsonPath job = runToEnd(created.header("Location"));
        assertThat(job.getString("state")).isEqualTo("DONE");

        JsonPath after = given().get("/api/v1/documents/" + id).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> findings = after.getList("passages.findings.flatten()");
        assertThat(findings).hasSize(findingIds.size());
        for (Map<String, Object> f : findings) {
            if (((Number) f.get("id")).longValue() == confirmed) {
                assertThat(f).containsEntry("reviewStatus", "CONFIRMED").containsEntry("rulesetVersion", "old-1");
            } else {
                assertThat(f).containsEntry("reviewStatus", "UNREVIEWED")
                        .containsEntry("rulesetVersion", analysis.rulesetVersion());
                assertThat(findingIds).doesNotContain(((Number) f.get("id")).intValue());
            }
        }
        assertThat(findings).anyMatch(f -> ((Number) f.get("id")).longValue() == confirmed);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
            "bad JSON               | {\"kind\":                                   | 400",
            "no kind                | {}                                           | 400",
            "unknown kind           | {\"kind\": \"DELETE_ALL\"}                   | 400",
            "FILES as JSON          | {\"kind\": \"FILES\"}                        | 400",
            "no URLs                | {\"kind\": \"URLS\"}                         | 400",
            "empty URLs             | {\"kind\": \"URLS\", \"urls\": []}           | 400",
            "bad URL                | {\"kind\": \"URLS\", \"urls\": [\"ftp://x\"]} | 400",
            "URL not a string       | {\"kind\": \"URLS\", \"urls\": [5]}          | 400",
            "bad jurisdiction       | {\"kind\": \"URLS\", \"urls\": [\"http://a.example/\"], \"jurisdiction\": \"XX\"} | 400" })
    void badJobRequestsAre400(String name, String json, int status) {
        given().contentType(ContentType.JSON).body(json.strip()).post("/api/v1/jobs")
                .then().statusCode(status).contentType("application/problem+json");
    }

    @Test
    void unknownJobsAre404AndOtherErrorsAreProblems() {
        given().get("/api/v1/jobs/987654321").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("job 987654321"));
        given().get("/api/v1/jobs/x").then().statusCode(400).contentType("application/problem+json");
        given().get("/api/v1/jobs?page=-1").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("URLS").post("/api/v1/jobs")
                .then().statusCode(415).contentType("application/problem+json");
        given().multiPart("language", "en").post("/api/v1/jobs")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("file"));
        // over the request body limit, with a Content-Length (RequestSizeLimitTest sends bodies without one)
        byte[] head = ("--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes();
        byte[] body = Arrays.copyOf(head, head.length + 11 * 1024 * 1024);
        given().contentType("multipart/form-data; boundary=b0undary").body(body).post("/api/v1/jobs")
                .then().statusCode(413).contentType("application/problem+json");
    }
}
