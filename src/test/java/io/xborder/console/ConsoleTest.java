package io.xborder.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConsoleTest {

    static final String HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(1)>";

    private String marker;
    private long document;

    @BeforeEach
    void ingest() {
        marker = "m" + UUID.randomUUID().toString().replace("-", "");
        document = given().contentType(ContentType.JSON).body(Map.of(
                "title", "=HYPERLINK(\"http://evil\") " + HOSTILE + " " + marker,
                "text", "Mr. Musk (" + marker + ") is seeking approval to transfer data collected in China overseas " + HOSTILE + ". "
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
        assertThat(html).contains("value=\"Musk (" + marker + "\"").contains("<mark>").contains("/documents/" + document + "#p-")
                .contains("2024-04-29").contains("href=\"/findings/")
                .contains("<option value=\"en\" selected>English</option>");
        given().when().get("/?q=境内存储&language=zh").then().statusCode(200)
                .body(containsString("<mark>")).body(containsString("境内存储"));
    }

    @Test
    void invalidFiltersAreReportedOnThePageNotAs400() {
        given().when().get("/?jurisdiction=XX&minConfidence=7&category=NOPE&cursor=zz")
                .then().statusCode(200).contentType(ContentType.HTML)
                .body(containsString("Some filters were ignored"))
                .body(containsString("jurisdiction: must be an ISO 3166-1 alpha-2 code"))
                .body(containsString("minConfidence: must be between"));
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
                .body(containsString("<em class=\"ev\">"))
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
                .formParam("etag", "\"v0\"").formParam("status", "REJECTED").formParam("category", "CROSS_BORDER_TRANSFER")
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
        assertThat(csv).startsWith("\uFEFFid,date,document_id,document_title");
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
                .body(containsString("<th scope=\"row\">CN</th>"))
                .body(containsString("id=\"findings-chart\""))
                .body(containsString("2024-04"))
                .body(containsString("id=\"document-jurisdictions\""));
    }
}
