package io.xborder.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.ingest.IngestFixtures;
import io.xborder.job.JobWorker;
import io.xborder.job.JobWorkers;
import io.xborder.testing.LocalHttpServer;
import io.xborder.testing.LocalHttpServer.Answer;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class ConsoleTest {

    static final String HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)>";

    static LocalHttpServer server;

    @Inject
    JobWorkers workers;

    private String marker;
    private long document;

    @BeforeAll
    static void serve() {
        server = new LocalHttpServer();
    }

    @AfterAll
    static void stopServing() {
        server.close();
    }

    @BeforeEach
    void ingest() {
        marker = "m" + UUID.randomUUID().toString().replace("-", "");
        document = given().contentType(ContentType.JSON).body(Map.of(
                "title", "=HYPERLINK(\"http://evil\") " + HOSTILE + " " + marker,
                "text",
                "Mr. Musk (" + marker + ") is seeking approval to transfer data collected in China overseas " + HOSTILE
                        + ". "
                        + "关键信息基础设施的运营者在境内运营中收集和产生的个人信息和重要数据应当在境内存储" + marker + "。",
                "publishedAt", "2024-04-29"))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @Test
    void searchPageShowsHitsWithEvidenceMarkedAndTheQueryInTheForm() {
        String html = given().queryParam("q", "Musk (" + marker).queryParam("language", "en")
                .queryParam("from", "2024-01-01").queryParam("to", "2024-12-31")
                .when().get("/")
                .then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("Skip to content"))
                .extract().asString();
        assertThat(html).contains("value=\"Musk (" + marker + "\"").contains("<mark>")
                .contains("/documents/" + document + "#p-")
                .contains("2024-04-29").contains("href=\"/findings/")
                .contains("<option value=\"en\" selected>English</option>");
        given().when().get("/?q=境内存储&language=zh").then().statusCode(200)
                .body(containsString("<mark>")).body(containsString("境内存储"));
    }

    @Test
    void invalidFiltersAreReportedOnThePageNotAs400() {
        given().when().get("/?jurisdiction=XX&minConfidence=7&category=NOPE&cursor=zz")
                .then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("Some filters could not be used"))
                .body(containsString("Jurisdiction</a>: “XX” is not a country or region we know"))
                .body(containsString("Minimum confidence</a>: must be between"))
                .body(not(containsString("minConfidence:")));
    }

    @Test
    void invalidFiltersAreShownNextToTheirFieldsAndLeftOutOfTheSearch() {
        String html = given().when().get("/?jurisdiction=XX&minConfidence=7&language=en&size=5000")
                .then().statusCode(200).contentType(ContentType.HTML).extract().asString();
        assertThat(html)
                .containsPattern("id=\"jurisdiction\" name=\"jurisdiction\" value=\"XX\"[^>]* aria-invalid=\"true\"")
                .contains("<p class=\"field-error\" id=\"jurisdiction-error\">“XX” is not a country or region we know")
                .contains("<p class=\"field-error\" id=\"minConfidence-error\">must be between")
                // a wrong value stays in its field, to be corrected rather than typed again
                .contains("id=\"minConfidence\" name=\"minConfidence\" aria-invalid=\"true\" autofocus "
                        + "aria-describedby=\"minConfidence-error\" type=\"number\" min=\"0\" max=\"1\" step=\"0.05\" value=\"7\"")
                .contains("Result page</a>: must be less than or equal to 200")
                .doesNotContain("id=\"language-error\"")
                .contains("<option value=\"en\" selected>English</option>");
        // the valid filter stays in the links, the invalid ones are dropped
        assertThat(html).contains("href=\"/export.csv?language=en\"");
    }

    @Test
    void documentTextIsEscapedOnEveryPage() {
        String doc = given().when().get("/documents/" + document).then().statusCode(200).extract().asString();
        long finding = given().queryParam("documentId", document).when().get("/api/v1/findings")
                .then().extract().jsonPath().getLong("items[0].id");
        String review = given().when().get("/findings/" + finding).then().statusCode(200).extract().asString();
        String search = given().queryParam("q", marker).when().get("/").then().statusCode(200).extract().asString();
        for (String html : List.of(doc, review)) {
            assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                    .contains("&lt;img src=x onerror=alert(1)&gt;")
                    .doesNotContain("<script>alert(1)")
                    .doesNotContain("<img src=x");
        }
        assertThat(search).doesNotContain("<script>alert(1)").doesNotContain("<img src=x")
                .contains("&lt;img src=x onerror=alert(1)&gt;");
        // the only script element is the console's own file
        assertThat(doc.split("<script", -1)).hasSize(2);
        assertThat(doc).contains("<script src=\"/console/console.js\" defer></script>");
    }

    @Test
    void documentPageHighlightsPassagesByCategoryAndListsFindings() {
        given().when().get("/documents/" + document).then().statusCode(200)
                .body(containsString("class=\"hl cat-cbt\""))
                .body(containsString("class=\"hl cat-dl\""))
                .body(containsString("<em class=\"ev ev-dl\">"))
                .body(containsString("<em class=\"ev ev-cbt\">"))
                .body(containsString("class=\"jump\" href=\"#p-"))
                .body(containsString("Data localization"))
                .body(containsString("Cross-border transfer"))
                .body(containsString("lang=\"zh\""));
        given().when().get("/documents/99999999").then().statusCode(404).contentType(ContentType.HTML)
                .body(containsString("There is no document 99999999."));
        given().when().get("/documents/abc").then().statusCode(404).contentType(ContentType.HTML);
    }

    @Test
    void consoleResponsesCarrySecurityHeaders() {
        for (String path : List.of("/", "/overview", "/add", "/documents/" + document, "/console/console.js")) {
            given().when().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"));
        }
        String html = given().when().get("/documents/" + document).then().extract().asString();
        assertThat(html).doesNotContainPattern("<script>[^<]").doesNotContain(" style=\"").doesNotContain("onclick=");
    }

    @Test
    void pastingATextStoresItAndRedirectsToTheDocument() {
        String location = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("title", "Pasted " + marker)
                .formParam("text", "All payment system providers shall store payment data only in India. " + marker)
                .formParam("language", "en").formParam("jurisdiction", "in").formParam("publishedAt", "2018-04-06")
                .when().post("/add")
                .then().statusCode(303).header("Location", matchesPattern(".*/documents/\\d+\\?added=new"))
                .extract().header("Location");
        given().when().get(location).then().statusCode(200)
                .body(containsString("The document was added and classified."))
                .body(containsString("Pasted " + marker))
                .body(containsString("class=\"hl cat-dl\""));
    }

    @Test
    void aRefusedPasteShowsTheFormAgainWithTheErrorsInline() {
        given().contentType(ContentType.URLENC)
                .formParam("title", "Keep me " + marker).formParam("text", "   ")
                .formParam("jurisdiction", "XX").formParam("publishedAt", "yesterday")
                .when().post("/add")
                .then().statusCode(400).contentType(ContentType.HTML)
                .body(containsString("The document was not added"))
                .body(containsString("value=\"Keep me " + marker + "\""))
                .body(containsString("aria-invalid=\"true\""));
    }

    @Test
    void theReviewFormSavesAndAStalePageGetsAClearConflict() {
        long finding = given().queryParam("documentId", document).when().get("/api/v1/findings")
                .then().extract().jsonPath().getLong("items[0].id");
        given().when().get("/findings/" + finding).then().statusCode(200)
                .body(containsString("name=\"etag\" value=\"&quot;v0&quot;\""));
        given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("etag", "\"v0\"").formParam("status", "REJECTED")
                .formParam("category", "CROSS_BORDER_TRANSFER")
                .formParam("modality", "REPORT").formParam("jurisdictions", "cn, us").formParam("mechanisms", "CONSENT")
                .formParam("comment", "Not a rule " + marker)
                .when().post("/findings/" + finding)
                .then().statusCode(303).header("Location", containsString("/findings/" + finding + "?review=saved"));
        given().when().get("/api/v1/findings/" + finding).then().statusCode(200)
                .body("reviewStatus", equalTo("REJECTED")).body("jurisdictions", equalTo(List.of("CN", "US")))
                .body("mechanisms", equalTo(List.of("CONSENT"))).body("reviewComment", equalTo("Not a rule " + marker));
        // the same (now stale) page submitted again
        given().contentType(ContentType.URLENC)
                .formParam("etag", "\"v0\"").formParam("status", "CONFIRMED").formParam("comment", "mine " + marker)
                .when().post("/findings/" + finding)
                .then().statusCode(412)
                .body(containsString("Someone else reviewed this finding while you were editing it"))
                .body(containsString("mine " + marker));
        given().contentType(ContentType.URLENC).formParam("etag", "\"v1\"").formParam("status", "MAYBE")
                .when().post("/findings/" + finding)
                .then().statusCode(400).body(containsString("The review was not saved"));
    }

    @Test
    void csvExportHoldsTheSearchWithFormulasNeutralised() {
        byte[] body = given().queryParam("q", marker).when().get("/export.csv")
                .then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("attachment; filename=\"xborder-findings-"))
                .extract().asByteArray();
        String csv = new String(body, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFFFinding,Published,Document,Document title,Language,Category,Modality");
        List<String> lines = csv.lines().toList();
        assertThat(lines.size()).isGreaterThanOrEqualTo(3);
        assertThat(lines.get(1)).contains(",\"'=HYPERLINK(\"\"http://evil\"\")").contains("\"2024-04-29\"");
        assertThat(FindingsExport.cell("+1")).isEqualTo("\"'+1\"");
        assertThat(FindingsExport.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(FindingsExport.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(FindingsExport.cell("\tx")).isEqualTo("\"'\tx\"");
        assertThat(FindingsExport.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(FindingsExport.cell("a \"b\"")).isEqualTo("\"a \"\"b\"\"\"");
    }

    @Test
    void jsonExportIsAnArrayOfFindings() throws Exception {
        String json = given().queryParam("q", marker).when().get("/export.json")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asString();
        JsonNode array = new ObjectMapper().readTree(json);
        assertThat(array.isArray()).isTrue();
        assertThat(array.size()).isGreaterThanOrEqualTo(2);
        assertThat(array.get(0).get("document").get("id").asLong()).isEqualTo(document);
    }

    @Test
    void overviewShowsTheMatrixTheChartAndTheJurisdictions() {
        given().when().get("/overview").then().statusCode(200)
                .body(containsString("id=\"jurisdiction-matrix\""))
                .body(containsString(
                        "<th scope=\"row\" role=\"rowheader\"><a href=\"/countries/CN\">China · 中国</a></th>"))
                .body(not(containsString("\"rowheader\">CN</th>")))
                .body(containsString("id=\"findings-chart\""))
                // per month, or per year when the findings span more than three years
                .body(anyOf(containsString("<th scope=\"row\">2024-04</th>"),
                        containsString("<th scope=\"row\">2024</th>")))
                .body(containsString("id=\"document-jurisdictions\""));
    }

    /**
     * Runs the job to its end with a worker of the test's own (the test profile runs none), so that no queued item
     * is left for other test classes' workers.
     */
    void runToEnd(long job) throws InterruptedException {
        try (JobWorker worker = workers.newWorker("console-" + UUID.randomUUID(), 2)) {
            worker.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                String state = given().get("/api/v1/jobs/" + job).then().statusCode(200).extract().path("state");
                if (!List.of("QUEUED", "RUNNING").contains(state)) {
                    return;
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("job " + job + " did not finish");
    }

    // --- ingestion pages ----------------------------------------------------------------------------------------

    @Test
    void theAddPageOffersUploadAndUrlFormsWithLabelledInputs() {
        String html = given().when().get("/add").then().statusCode(200).extract().asString();
        assertThat(html).contains("action=\"/add/upload\" enctype=\"multipart/form-data\"")
                .contains("<label for=\"upload-file\">")
                .contains("id=\"upload-file\" name=\"file\" type=\"file\" multiple")
                .contains("<label for=\"upload-jurisdiction\">").contains("<label for=\"upload-publishedAt\">")
                .contains("action=\"/add/url\"").contains("<label for=\"url-urls\">")
                .contains("<label for=\"url-language\">")
                .contains("href=\"/feeds\"").contains("href=\"/jobs\"")
                .doesNotContain("TODO");
    }

    @Test
    void uploadingOneFileGoesToItsDocumentWithTheOriginalFileLinked() {
        byte[] file = ("Data localisation notice " + marker + "\n\n" + IngestFixtures.EN_LOCALIZE + "\n\n" + HOSTILE)
                .getBytes(StandardCharsets.UTF_8);
        String location = given().redirects().follow(false)
                .multiPart("file", "notice-" + marker + ".txt", file, "text/plain")
                .multiPart("jurisdiction", "CN").multiPart("publishedAt", "2024-05-01").multiPart("title", "")
                .when().post("/add/upload")
                .then().statusCode(303).header("Location", matchesPattern(".*/documents/\\d+\\?added=new"))
                .extract().header("Location");
        long id = Long.parseLong(location.replaceAll(".*/documents/(\\d+).*", "$1"));
        String html = given().when().get(location).then().statusCode(200).extract().asString();
        assertThat(html).contains("The document was added and classified.")
                .contains("href=\"/api/v1/documents/" + id + "/original\" id=\"original-link\"")
                .contains("notice-" + marker + ".txt").contains("class=\"hl cat-dl\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert(1)")
                .contains("id=\"reclassify-document\"");
        given().when().get("/api/v1/documents/" + id).then().body("jurisdiction", equalTo("CN"))
                .body("publishedAt", equalTo("2024-05-01"));
        given().when().get("/api/v1/documents/" + id + "/original").then().statusCode(200);
        // a pasted document has no original file
        assertThat(given().when().get("/documents/" + document).then().extract().asString())
                .doesNotContain("original-link");
    }

    @Test
    void aRefusedUploadShowsTheProblemOrTheFieldErrorsInline() {
        given().multiPart("file", "picture.png", IngestFixtures.png(), "image/png").multiPart("jurisdiction", "CN")
                .when().post("/add/upload")
                .then().statusCode(415).contentType(ContentType.HTML)
                .body(containsString("id=\"upload-errors\""))
                .body(containsString("The files were not added; the reason is next to the field below."))
                .body(containsString("id=\"upload-file-error\">This kind of file cannot be read"))
                .body(not(containsString("urn:xborder:problem")))
                .body(not(containsString("415")))
                .body(containsString("value=\"CN\""));
        given().multiPart("file", "a.txt", "one".getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("file", "b.txt", "two".getBytes(StandardCharsets.UTF_8), "text/plain")
                .multiPart("title", "One title " + marker).multiPart("jurisdiction", "XX")
                .when().post("/add/upload")
                .then().statusCode(400)
                .body(containsString("The files were not added"))
                .body(containsString("id=\"upload-title-error\""))
                .body(containsString("value=\"One title " + marker + "\""));
        // the browser sends an empty part when no file was chosen
        given().multiPart("file", "", new byte[0], "application/octet-stream")
                .when().post("/add/upload")
                .then().statusCode(400).body(containsString("id=\"upload-file-error\""));
    }

    @Test
    void severalFilesBecomeAJobWhosePageShowsItsProgress() throws InterruptedException {
        String location = given().redirects().follow(false)
                .multiPart("file", "a-" + marker + ".txt", IngestFixtures.text(IngestFixtures.EN_LOCALIZE, marker),
                        "text/plain")
                .multiPart("file", "b-" + marker + ".txt", IngestFixtures.text(IngestFixtures.EN_TRANSFER, marker),
                        "text/plain")
                .multiPart("language", "en")
                .when().post("/add/upload")
                .then().statusCode(303).header("Location", matchesPattern(".*/jobs/\\d+\\?started=files"))
                .extract().header("Location");
        long job = Long.parseLong(location.replaceAll(".*/jobs/(\\d+).*", "$1"));
        // the test profile runs no job worker: the job stays queued
        String html = given().when().get(location).then().statusCode(200).extract().asString();
        assertThat(html).contains("The files were queued as a job")
                .contains("data-job=\"/jobs/" + job + "/status\" data-state=\"QUEUED\"")
                .contains("<progress id=\"job-progress\" max=\"2\" value=\"0\"")
                .contains("id=\"job-state\">Queued<")
                .contains("<span id=\"job-finished\">0</span> of <span id=\"job-total\">2</span>")
                .contains("href=\"/jobs/" + job + "\" id=\"job-refresh\"");
        // the page's script polls this console route (the console session is not accepted under /api/)
        given().when().get("/jobs/" + job + "/status").then().statusCode(200)
                .body("state", equalTo("QUEUED")).body("total", equalTo(2));
        given().when().get("/jobs/987654321/status").then().statusCode(404);
        given().when().get("/jobs").then().statusCode(200)
                .body(containsString("<a href=\"/jobs/" + job + "\">Job " + job + "</a>"));
        runToEnd(job);
        given().when().get("/jobs/" + job).then().statusCode(200)
                .body(containsString("data-state=\"DONE\""))
                .body(containsString("<progress id=\"job-progress\" max=\"2\" value=\"2\""))
                .body(containsString("id=\"no-failures\">None.<"))
                .body(not(containsString("id=\"job-refresh\"")));
        given().when().get("/jobs/99999999").then().statusCode(404).body(containsString("There is no job 99999999."));
    }

    @Test
    void aRefusedUrlShowsTheApiProblemInline() {
        given().contentType(ContentType.URLENC).formParam("urls", "http://10.0.0.9/secret-" + marker)
                .formParam("jurisdiction", "CN")
                .when().post("/add/url")
                .then().statusCode(400).contentType(ContentType.HTML)
                .body(containsString("id=\"url-errors\""))
                .body(containsString("Nothing was fetched; the reason is next to the field below."))
                .body(containsString("id=\"url-urls-error\">This address is not fetched: the host 10.0.0.9"))
                .body(containsString("private address"))
                .body(not(containsString("urn:xborder:problem")))
                .body(not(containsString("xborder.fetch.allow")))
                .body(containsString(">http://10.0.0.9/secret-" + marker + "</textarea>"));
        given().contentType(ContentType.URLENC).formParam("urls", "ftp://example.com/x")
                .when().post("/add/url")
                .then().statusCode(400).body(containsString("id=\"url-urls-error\""));
    }

    @Test
    void aUrlIsFetchedAtOnceAndSeveralBecomeAJob() throws InterruptedException {
        server.serve("/console/" + marker + ".html", Answer.ok("text/html",
                IngestFixtures.newsHtml("Fetched " + marker, IngestFixtures.EN_LOCALIZE, IngestFixtures.ref())));
        String location = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("urls", server.url("/console/" + marker + ".html"))
                .when().post("/add/url")
                .then().statusCode(303).header("Location", matchesPattern(".*/documents/\\d+\\?added=new"))
                .extract().header("Location");
        given().when().get(location).then().statusCode(200).body(containsString("Fetched " + marker))
                .body(containsString("id=\"original-link\""));
        String job = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("urls",
                        server.url("/console/" + marker + ".html") + "\n " + server.url("/console/missing-" + marker))
                .when().post("/add/url")
                .then().statusCode(303).header("Location", matchesPattern(".*/jobs/\\d+\\?started=urls"))
                .extract().header("Location").replaceAll(".*/jobs/(\\d+).*", "$1");
        runToEnd(Long.parseLong(job));
        // the failed item with its reason
        given().when().get("/jobs/" + job).then().statusCode(200)
                .body(containsString("data-state=\"PARTIAL\""))
                .body(containsString("id=\"job-failures\""))
                .body(containsString("/console/missing-" + marker + "</th>"))
                .body(containsString("data-label=\"Reason\">Address could not be reached</td>"))
                .body(not(containsString("URL_UNREACHABLE")));
    }

    @Test
    void subscribingToAFeedListsItAndItCanBePolledAndDeleted() {
        String tag = marker;
        server.serve("/console/" + tag + "/1.html", Answer.ok("text/html",
                IngestFixtures.newsHtml("Feed item " + tag, IngestFixtures.EN_LOCALIZE, IngestFixtures.ref())));
        server.serve("/console/" + tag + ".xml", Answer.ok("application/rss+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Console feed %s</title><link>http://127.0.0.1/</link>
                <description>Test</description>
                <item><guid isPermaLink="false">%s-1</guid><title>Feed item %s</title><link>%s</link></item>
                </channel></rss>
                """.formatted(tag, tag, tag, server.url("/console/" + tag + "/1.html"))));
        String feedUrl = server.url("/console/" + tag + ".xml");
        String location = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("url", feedUrl).formParam("intervalMinutes", "30").formParam("jurisdiction", "cn")
                .when().post("/feeds")
                .then().statusCode(303).header("Location", matchesPattern(".*/feeds\\?subscribed=\\d+#feed-\\d+"))
                .extract().header("Location");
        long id = Long.parseLong(location.replaceAll(".*subscribed=(\\d+).*", "$1"));
        given().when().get(location).then().statusCode(200)
                .body(containsString("Subscribed."))
                .body(containsString("<tr role=\"row\" id=\"feed-" + id + "\">"))
                .body(containsString(">" + feedUrl + "</a>"))
                .body(containsString("30 min"));
        // the same URL again: refused inline
        given().contentType(ContentType.URLENC).formParam("url", feedUrl).formParam("intervalMinutes", "0")
                .when().post("/feeds")
                .then().statusCode(400).body(containsString("id=\"feed-intervalMinutes-error\""));
        given().contentType(ContentType.URLENC).formParam("url", feedUrl)
                .when().post("/feeds")
                .then().statusCode(409).body(containsString("id=\"feed-url-error\""))
                .body(containsString("already subscribes"));
        String polled = given().redirects().follow(false).when().post("/feeds/" + id + "/poll")
                .then().statusCode(303).extract().header("Location");
        given().when().get(polled).then().statusCode(200)
                .body(containsString("Polled: the feed lists 1 item; 1 new, 1 added, 0 failed."))
                .body(containsString("Console feed " + tag));
        given().redirects().follow(false).when().post("/feeds/" + id + "/delete").then().statusCode(303);
        given().when().get("/feeds").then().statusCode(200).body(not(containsString("id=\"feed-" + id + "\"")));
        given().when().post("/feeds/" + id + "/poll").then().statusCode(404);
    }

    @Test
    void reclassificationIsStartedFromTheJobsPage() throws InterruptedException {
        given().when().get("/jobs").then().statusCode(200).body(containsString("action=\"/jobs/reclassify\""));
        String location = given().redirects().follow(false).when().post("/jobs/reclassify")
                .then().statusCode(303).header("Location", matchesPattern(".*/jobs/\\d+\\?started=reclassify"))
                .extract().header("Location");
        given().when().get(location).then().statusCode(200).body(containsString("Reclassification started"))
                .body(containsString("<progress id=\"job-progress\""));
        runToEnd(Long.parseLong(location.replaceAll(".*/jobs/(\\d+).*", "$1")));
    }

    @ParameterizedTest(name = "GET {0} → {1}")
    @CsvSource({
            "/add/url, /add#url",
            "/add/upload, /add#upload",
            "/jobs/reclassify, /jobs#reclassify",
            "/feeds/7/poll, /feeds#feed-7",
            "/feeds/7/delete, /feeds#feed-7",
            "/documents/7/reclassify, /documents/7",
            "/documents/7/delete, /documents/7" })
    void aFormOnlyAddressOpenedDirectlyLeadsToItsFormNotToA405(String path, String location) {
        given().redirects().follow(false).when().get(path)
                .then().statusCode(303).header("Location", endsWith(location));
    }

    @Test
    void theDocumentLibraryIsAPageAndFiltersByCountryName() {
        given().when().get("/documents?q=" + marker).then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("id=\"document-" + document + "\""))
                .body(containsString("1 document<"));
        // the document has no jurisdiction: found under "Unknown jurisdiction", not under China
        given().when().get("/documents?q=" + marker + "&jurisdiction=Unknown+jurisdiction").then().statusCode(200)
                .body(containsString("id=\"document-" + document + "\""));
        given().when().get("/documents?q=" + marker + "&jurisdiction=中国").then().statusCode(200)
                .body(not(containsString("id=\"document-" + document + "\"")))
                .body(containsString("value=\"China (CN)\""));
        given().when().get("/documents?jurisdiction=Chinaa&from=yesterday").then().statusCode(200)
                .body(containsString("id=\"jurisdiction-error\">“Chinaa” is not a country"))
                .body(containsString("id=\"from-error\">"));
    }

    @Test
    void theDocumentLibraryFiltersBySourceInPlainWordsAndNamesAWrongSourceAtItsField() {
        String tag = marker;
        // a document from a site (its source URL's host), one from a feed, and the test's own, pasted without a URL
        long fromSite = given().contentType(ContentType.JSON).body(Map.of("title", "Site rule " + tag,
                "text", "Operators shall store personal data within the territory " + tag + ".",
                "sourceUrl", "https://Law-" + tag + ".example.org/rules/1?x=1"))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
        server.serve("/library/" + tag + "/1.html", Answer.ok("text/html",
                IngestFixtures.newsHtml("Feed story " + tag, IngestFixtures.EN_LOCALIZE, IngestFixtures.ref())));
        server.serve("/library/" + tag + ".xml", Answer.ok("application/rss+xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Library feed %s</title><link>http://127.0.0.1/</link>
                <description>Test</description>
                <item><guid isPermaLink="false">%s-1</guid><title>Feed story %s</title><link>%s</link></item>
                </channel></rss>
                """.formatted(tag, tag, tag, server.url("/library/" + tag + "/1.html"))));
        String location = given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParam("url", server.url("/library/" + tag + ".xml")).formParam("intervalMinutes", "30")
                .when().post("/feeds").then().statusCode(303).extract().header("Location");
        long feed = Long.parseLong(location.replaceAll(".*subscribed=(\\d+).*", "$1"));
        given().redirects().follow(false).when().post("/feeds/" + feed + "/poll").then().statusCode(303);
        Matcher row = Pattern.compile("<tr role=\"row\" id=\"document-(\\d+)\">")
                .matcher(given().queryParam("q", "Feed story " + tag)
                        .when().get("/documents").then().statusCode(200).extract().asString());
        assertThat(row.find()).as("the feed's document is in the library").isTrue();
        long fromFeed = Long.parseLong(row.group(1));

        // the choices are in words: the feed by its name, the site by its host, "Added by hand"
        given().when().get("/documents").then().statusCode(200)
                .body(containsString("<option value=\"hand\">Added by hand (pasted or uploaded)</option>"))
                .body(containsString("<option value=\"feed:" + feed + "\">Library feed " + tag + "</option>"))
                .body(containsString("<option value=\"site:law-" + tag + ".example.org\">law-" + tag
                        + ".example.org</option>"));
        Map<String, List<Long>> expected = Map.of(
                "site:law-" + tag + ".example.org", List.of(fromSite),
                "site:LAW-" + tag + ".example.org", List.of(fromSite),
                "feed:" + feed, List.of(fromFeed),
                "hand", List.of(document));
        expected.forEach((source, ids) -> {
            String html = given().queryParam("q", tag).queryParam("source", source).when().get("/documents").then()
                    .statusCode(200).extract().asString();
            for (long id : List.of(fromSite, fromFeed, document)) {
                assertThat(html.contains("id=\"document-" + id + "\"")).as(source + " lists " + id)
                        .isEqualTo(ids.contains(id));
            }
            // the choice stays chosen, in the form and in the address of the other pages
            assertThat(html).contains("<option value=\"" + source.toLowerCase(Locale.ROOT) + "\" selected>");
        });

        // a source that is not one, or a feed deleted since: named at the field, kept in it, and left out
        given().queryParam("q", tag).queryParam("source", "CROSS_BORDER").when().get("/documents").then()
                .statusCode(200)
                .body(containsString("id=\"source-error\">“CROSS_BORDER” is not a source: choose a site, a feed or"))
                .body(containsString("<option value=\"CROSS_BORDER\" selected>“CROSS_BORDER” (not a source)</option>"))
                .body(containsString("aria-describedby=\"source-error\""))
                .body(containsString("id=\"document-" + fromSite + "\""))
                .body(containsString("id=\"document-" + document + "\""));
        given().redirects().follow(false).when().post("/feeds/" + feed + "/delete").then().statusCode(303);
        given().queryParam("q", tag).queryParam("source", "feed:" + feed).when().get("/documents").then()
                .statusCode(200)
                .body(containsString("id=\"source-error\">the feed this address names no longer exists"))
                .body(containsString("<option value=\"feed:" + feed + "\" selected>A deleted feed</option>"))
                .body(containsString("id=\"document-" + fromSite + "\""));
    }

    @Test
    void theTermsPageDefinesEveryTermAndTheConfidence() {
        String html = given().when().get("/terms").then().statusCode(200).contentType(ContentType.HTML).extract()
                .asString();
        assertThat(html).contains("id=\"confidence\"").contains("about eight in ten were right");
        for (Enum<?>[] values : List.<Enum<?>[]>of(Category.values(),
                Modality.values(), Mechanism.values(),
                DataCategory.values())) {
            for (Enum<?> v : values) {
                assertThat(html).as(v.name()).contains("<dt>" + ConsoleExtensions.label(v) + "</dt>");
            }
        }
        assertThat(html).contains("An obligation: shall, must, 应当, 须.");
    }
}
