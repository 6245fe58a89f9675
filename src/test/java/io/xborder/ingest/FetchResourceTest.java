package io.xborder.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xborder.testing.LocalHttpServer;
import io.xborder.testing.LocalHttpServer.Answer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** POST /api/v1/documents/fetch against a local server on 127.0.0.1 (allow-listed in the test profile only). */
@QuarkusTest
class FetchResourceTest {

    static LocalHttpServer server;

    @BeforeAll
    static void serve() {
        server = new LocalHttpServer();
        server.serve("/redirect", Answer.redirect("/moved/page.html"))
                .serve("/to-metadata", Answer.redirect("http://169.254.169.254/latest/meta-data/"))
                .serve("/loop", Answer.redirect("/loop"))
                .serve("/big", Answer.ok("text/plain", new byte[300 * 1024]))
                .serve("/big-chunked", Answer.ok("text/plain", new byte[300 * 1024]).withoutLength())
                .serve("/image", Answer.ok("image/png", IngestFixtures.png()))
                .serve("/empty", Answer.ok("text/plain", new byte[0]))
                .serve("/slow", Answer.ok("text/plain", "late").delayed(7_000))
                .serve("/gone", Answer.status(404));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, Object> body(String url) {
        Map<String, Object> body = new HashMap<>();
        body.put("url", url);
        return body;
    }

    @Test
    void fetchesAPageIngestsItsMainTextOnceAndKeepsTheOriginal() {
        byte[] page = IngestFixtures.newsHtml("Fetched rules", IngestFixtures.EN_LOCALIZE, IngestFixtures.ref());
        server.serve("/news.html", Answer.ok("text/html; charset=utf-8", page));
        String url = server.url("/news.html");
        Map<String, Object> request = body(url);
        request.put("jurisdiction", "CN");
        long id = given().contentType(ContentType.JSON).body(request).post("/api/v1/documents/fetch")
                .then().statusCode(201)
                .body("title", equalTo("Fetched rules"))
                .body("sourceUrl", equalTo(url))
                .body("passages.findings.flatten().category", hasItem("DATA_LOCALIZATION"))
                .extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(request).post("/api/v1/documents/fetch")
                .then().statusCode(200).body("id", equalTo((int) id));
        assertThat(given().get("/api/v1/documents/" + id + "/original").asByteArray()).isEqualTo(page);
    }

    @Test
    void followsRedirectsAndRecordsTheFinalUrl() {
        server.serve("/moved/page.html", Answer.ok("text/html",
                IngestFixtures.newsHtml("Moved", IngestFixtures.EN_TRANSFER, IngestFixtures.ref())));
        given().contentType(ContentType.JSON).body(body(server.url("/redirect"))).post("/api/v1/documents/fetch")
                .then().statusCode(201).body("sourceUrl", equalTo(server.url("/moved/page.html")));
    }

    @ParameterizedTest(name = "{0} is refused with 400")
    @CsvSource({ "http://10.1.2.3/", "http://192.168.0.1/admin", "http://172.20.0.1/",
            "http://169.254.169.254/latest/meta-data/",
            "http://127.0.0.2/", "http://[::1]/", "http://[fe80::1]/", "http://[fd00::1]/", "http://100.64.0.1/",
            "http://0.0.0.0/", "http://224.0.0.1/" })
    void refusesUrlsOfNonPublicAddressesWith400(String url) {
        given().contentType(ContentType.JSON).body(body(url)).post("/api/v1/documents/fetch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:xborder:problem:url-refused"))
                .body("detail", containsString("not fetched unless allow-listed"));
    }

    @Test
    void refusesARedirectToTheMetadataServiceWith400() {
        given().contentType(ContentType.JSON).body(body(server.url("/to-metadata"))).post("/api/v1/documents/fetch")
                .then().statusCode(400).body("type", equalTo("urn:xborder:problem:url-refused"))
                .body("detail", containsString("169.254.169.254"));
    }

    @ParameterizedTest(name = "{0} answers {1}")
    @CsvSource(delimiter = '|', value = {
            "/loop        | 502 | redirected more than",
            "/gone        | 502 | was not found: the site answered 404",
            "/big         | 413 | limit",
            "/big-chunked | 413 | limit",
            "/image       | 415 | image/png",
            "/empty       | 422 | empty",
            "/slow        | 504 | did not answer within" })
    void upstreamProblemsAreClearProblems(String path, int status, String detail) {
        given().contentType(ContentType.JSON).body(body(server.url(path.strip()))).post("/api/v1/documents/fetch")
                .then().statusCode(status).contentType("application/problem+json")
                .body("detail", containsString(detail.strip()));
    }

    @ParameterizedTest(name = "{0} is 400")
    @CsvSource(delimiter = '|', value = {
            "{\"url\": \"ftp://example.com/x\"}     | url",
            "{\"url\": \"file:///etc/passwd\"}      | url",
            "{\"url\": \"not a url\"}               | url",
            "{\"url\": \"\"}                        | url",
            "{}                                     | url",
            "{\"url\": 42}                          | url",
            "{\"url\": \"http://127.0.0.1/\", \"language\": \"fr\"} | language",
            "{\"url\":                              | Malformed JSON body" })
    void badRequestsAre400(String json, String detail) {
        given().contentType(ContentType.JSON).body(json.strip()).post("/api/v1/documents/fetch")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(detail.strip()));
    }

    @Test
    void aBodyThatIsNotJsonIs415() {
        given().contentType(ContentType.TEXT).body("http://example.com").post("/api/v1/documents/fetch")
                .then().statusCode(415).contentType("application/problem+json");
    }
}
