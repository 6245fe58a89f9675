package io.xborder.feed;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.xborder.ingest.IngestFixtures;
import io.xborder.testing.LocalHttpServer;
import io.xborder.testing.LocalHttpServer.Answer;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Feeds served from 127.0.0.1: each item ingested once, by link or by description, errors recorded per feed. */
@QuarkusTest
class FeedResourceTest {

    static LocalHttpServer server;

    @BeforeAll
    static void serve() {
        server = new LocalHttpServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String rss(String tag, List<String> items) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Data news %s</title><link>http://127.0.0.1/</link>
                <description>Test feed</description>
                %s
                </channel></rss>
                """.formatted(tag, String.join("\n", items));
    }

    static String item(String guid, String title, String link, String description) {
        return "<item><guid isPermaLink=\"false\">" + guid + "</guid><title>" + title + "</title><link>" + link
                + "</link><pubDate>Mon, 29 Apr 2024 08:00:00 GMT</pubDate><description><![CDATA[" + description
                + "]]></description></item>";
    }

    @Test
    void pollingTwiceStoresEachItemOnceByLinkOrByDescription() {
        String tag = UUID.randomUUID().toString();
        server.serve("/articles/" + tag + "/1.html", Answer.ok("text/html",
                IngestFixtures.newsHtml("Item one " + tag, IngestFixtures.EN_LOCALIZE, IngestFixtures.ref())));
        List<String> items = List.of(
                // fetched through its link
                item(tag + "-1", "Item one " + tag, server.url("/articles/" + tag + "/1.html"), "Short teaser."),
                // the link is gone: its description is ingested instead
                item(tag + "-2", "Item two " + tag, server.url("/articles/" + tag + "/missing.html"),
                        "<p>" + IngestFixtures.EN_TRANSFER + " " + IngestFixtures.ref() + "</p>"),
                // the link is refused by the SSRF guard: its description is ingested instead
                item(tag + "-3", "Item three " + tag, "http://10.0.0.8/internal",
                        "<p>" + IngestFixtures.ZH_LOCALIZE + IngestFixtures.ref() + "</p>"));
        server.serve("/feeds/" + tag + ".xml", Answer.ok("application/rss+xml", rss(tag, items)));

        long feedId = given().contentType(ContentType.JSON)
                .body(Map.of("url", server.url("/feeds/" + tag + ".xml"), "intervalMinutes", 30, "jurisdiction", "CN"))
                .post("/api/v1/feeds").then().statusCode(201)
                .body("intervalMinutes", equalTo(30)).body("enabled", equalTo(true))
                .extract().jsonPath().getLong("id");

        given().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200)
                .body("items", equalTo(3)).body("newItems", equalTo(3)).body("ingested", equalTo(3))
                .body("failed", equalTo(0)).body("error", nullValue())
                .body("feed.title", equalTo("Data news " + tag)).body("feed.lastPolledAt", notNullValue());
        given().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200)
                .body("items", equalTo(3)).body("newItems", equalTo(0)).body("ingested", equalTo(0));
        assertThat(server.hits("/articles/" + tag + "/1.html")).as("item link fetched once").isEqualTo(1);
        assertThat(documentsTitled("Item one " + tag)).isEqualTo(1);
        assertThat(documentsTitled("Item two " + tag)).isEqualTo(1);
        assertThat(documentsTitled("Item three " + tag)).isEqualTo(1);

        // a new item appears: only it is ingested
        server.serve("/feeds/" + tag + ".xml",
                Answer.ok("application/rss+xml", rss(tag, List.of(items.get(0), items.get(1),
                        items.get(2), item(tag + "-4", "Item four " + tag, "", "<p>" + IngestFixtures.EN_TRANSFER + " "
                                + IngestFixtures.ref() + "</p>")))));
        given().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200)
                .body("newItems", equalTo(1)).body("ingested", equalTo(1));
        given().get("/api/v1/feeds/" + feedId).then().statusCode(200)
                .body("itemsSeen", equalTo(4)).body("itemsIngested", equalTo(4)).body("itemsFailed", equalTo(0));
        given().get("/api/v1/findings?q=" + tag.substring(0, 8)).then().statusCode(200);
    }

    @Test
    void readsAtomFeeds() {
        String tag = UUID.randomUUID().toString();
        String atom = """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom %s</title><id>urn:x:%s</id>
                <updated>2024-05-01T00:00:00Z</updated>
                <entry><title>Atom entry %s</title><id>urn:x:%s:1</id><updated>2024-05-01T00:00:00Z</updated>
                <content type="html">&lt;p&gt;%s %s&lt;/p&gt;</content></entry></feed>
                """.formatted(tag, tag, tag, tag, IngestFixtures.EN_TRANSFER, IngestFixtures.ref());
        server.serve("/atom/" + tag, Answer.ok("application/atom+xml", atom));
        long feedId = given().contentType(ContentType.JSON).body(Map.of("url", server.url("/atom/" + tag)))
                .post("/api/v1/feeds").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/api/v1/feeds/" + feedId + "/poll").then().statusCode(200)
                .body("newItems", equalTo(1)).body("ingested", equalTo(1));
        assertThat(documentsTitled("Atom entry " + tag)).isEqualTo(1);
    }

    @Test
    void aFeedThatCannotBeReadRecordsItsErrorAndStaysSubscribed() {
        String tag = UUID.randomUUID().toString();
        server.serve("/not-a-feed/" + tag, Answer.ok("text/html", "<html><body>hello</body></html>"));
        long broken = given().contentType(ContentType.JSON).body(Map.of("url", server.url("/not-a-feed/" + tag)))
                .post("/api/v1/feeds").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/api/v1/feeds/" + broken + "/poll").then().statusCode(200)
                .body("error", containsString("not an RSS or Atom feed"));
        given().get("/api/v1/feeds/" + broken).then().statusCode(200)
                .body("lastError", containsString("not an RSS or Atom feed")).body("lastErrorAt", notNullValue());
        long refused = given().contentType(ContentType.JSON).body(Map.of("url", "http://192.168.7.7/" + tag + ".xml"))
                .post("/api/v1/feeds").then().statusCode(201).extract().jsonPath().getLong("id");
        given().post("/api/v1/feeds/" + refused + "/poll").then().statusCode(200)
                .body("error", containsString("private address"));
    }

    @Test
    void feedsCanBeChangedListedAndDeleted() {
        String url = server.url("/crud/" + UUID.randomUUID() + ".xml");
        long id = given().contentType(ContentType.JSON).body(Map.of("url", url, "title", "Mine"))
                .post("/api/v1/feeds").then().statusCode(201).extract().jsonPath().getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("url", url)).post("/api/v1/feeds")
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("url", url, "intervalMinutes", 120, "enabled", false))
                .put("/api/v1/feeds/" + id).then().statusCode(200)
                .body("intervalMinutes", equalTo(120)).body("enabled", equalTo(false));
        given().get("/api/v1/feeds?size=200").then().statusCode(200).body("items.id",
                hasItem((int) id));
        given().delete("/api/v1/feeds/" + id).then().statusCode(204);
        given().get("/api/v1/feeds/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0} {1} is {3}")
    @CsvSource(delimiter = '|', value = {
            "POST | /api/v1/feeds          | {\"url\": \"ftp://x.example/feed\"}         | 400",
            "POST | /api/v1/feeds          | {}                                          | 400",
            "POST | /api/v1/feeds          | {\"url\": \"http://a.example/f\", \"intervalMinutes\": 0} | 400",
            "POST | /api/v1/feeds          | {\"url\": \"http://a.example/f\", \"language\": \"de\"} | 400",
            "POST | /api/v1/feeds          | {\"url\":                                   | 400",
            "GET  | /api/v1/feeds/99999999 |                                             | 404",
            "GET  | /api/v1/feeds/abc      |                                             | 400",
            "PUT  | /api/v1/feeds/99999999 | {\"url\": \"http://a.example/f\"}           | 404",
            "DELETE | /api/v1/feeds/99999999 |                                           | 404",
            "POST | /api/v1/feeds/99999999/poll |                                        | 404",
            "GET  | /api/v1/feeds?size=0   |                                             | 400" })
    void errorPathsAreProblems(String method, String path, String body, int status) {
        var request = given();
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        request.request(method.strip(), path.strip()).then().statusCode(status).contentType("application/problem+json");
    }

    @Inject
    FeedService feedService;
    @Inject
    FeedPoller poller;

    @Test
    void theSchedulerPollsDueFeedsAndMovesTheirNextPollOn() {
        String tag = UUID.randomUUID().toString();
        server.serve("/scheduled/" + tag, Answer.ok("application/rss+xml", rss(tag, List.of(item(tag + "-1",
                "Scheduled " + tag, "", "<p>" + IngestFixtures.EN_LOCALIZE + " " + IngestFixtures.ref() + "</p>")))));
        long id = given().contentType(ContentType.JSON).body(Map.of("url", server.url("/scheduled/" + tag)))
                .post("/api/v1/feeds").then().statusCode(201).extract().jsonPath().getLong("id");

        poller.pollDueFeeds();

        given().get("/api/v1/feeds/" + id).then().statusCode(200)
                .body("lastPolledAt", notNullValue()).body("itemsIngested", equalTo(1));
        Instant next = Instant.parse(given().get("/api/v1/feeds/" + id).jsonPath().getString("nextPollAt"));
        assertThat(next).isAfter(Instant.now().plusSeconds(50 * 60));
        assertThat(feedService.claimDue(100)).doesNotContain(id);
        assertThat(documentsTitled("Scheduled " + tag)).isEqualTo(1);
    }

    @Test
    void aFeedRequestThatIsNotJsonIs415() {
        given().contentType(ContentType.TEXT).body("http://example.com/rss").post("/api/v1/feeds")
                .then().statusCode(415).contentType("application/problem+json");
    }

    static long documentsTitled(String title) {
        return given().get("/api/v1/documents?size=200").jsonPath().getList("items.title", String.class).stream()
                .filter(title::equals).count();
    }
}
