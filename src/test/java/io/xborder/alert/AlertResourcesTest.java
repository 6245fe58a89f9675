package io.xborder.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.xborder.testing.AuthenticatedByDefault;
import io.xborder.testing.TestCredentials;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Saved searches, their feeds and webhooks through the API: owners, roles, what is new, feeds, and bad input. */
@QuarkusTest
class AlertResourcesTest {

    static String word() {
        return "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static long ingest(String word) {
        return given().contentType(ContentType.JSON).body(Map.of("title", "Circular <" + word + "> & co", "text",
                "Under circular " + word + " all payment system providers shall store payment data only in India.\n\n"
                        + "Reference " + UUID.randomUUID() + "."))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static JsonPath save(String key, Map<String, Object> body) {
        return given().header("X-API-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/saved-searches").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aViewerSavesASearchAndSeesWhatIsNewSinceTheyLastLooked() {
        String viewer = TestCredentials.key("viewer");
        String word = word();
        JsonPath saved = save(viewer, Map.of("name", "Mine " + word, "criteria", Map.of("q", word, "jurisdiction",
                "in", "category", "DATA_LOCALIZATION")));
        long id = saved.getLong("id");
        assertThat(saved.getString("criteria.jurisdiction")).isEqualTo("IN");
        assertThat(saved.getBoolean("shared")).isFalse();
        assertThat(saved.getLong("newFindings")).isZero();

        ingest(word);
        ingest(word);
        given().header("X-API-Key", viewer).get("/api/v1/saved-searches/" + id).then().statusCode(200)
                .body("newFindings", equalTo(2)).body("newFindingsExact", equalTo(true))
                .body("lastLookedAt", equalTo(null));
        given().header("X-API-Key", viewer).get("/api/v1/saved-searches/" + id + "/findings").then().statusCode(200)
                .body("total", equalTo(2)).body("items[0].passage.text", containsString(word));
        given().header("X-API-Key", viewer).get("/api/v1/saved-searches/" + id).then().statusCode(200)
                .body("newFindings", equalTo(0)).body("lastLookedAt", not(equalTo(null)));
        ingest(word);
        given().header("X-API-Key", viewer).get("/api/v1/saved-searches").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.newFindings", equalTo(1));
    }

    @Test
    void aPrivateSearchIsItsOwnersASharedOneIsReadOnlyToOthersAndAdminsMayChangeAny() {
        String viewer = TestCredentials.key("viewer");
        String analyst = TestCredentials.key("analyst");
        long own = save(viewer, Map.of("name", "private")).getLong("id");
        long shared = save(viewer, Map.of("name", "shared", "shared", true)).getLong("id");

        given().header("X-API-Key", analyst).get("/api/v1/saved-searches/" + own).then().statusCode(404)
                .contentType("application/problem+json");
        given().header("X-API-Key", analyst).get("/api/v1/saved-searches").then().statusCode(200)
                .body("items.id", hasItem((int) shared)).body("items.id", not(hasItem((int) own)));
        given().header("X-API-Key", analyst).get("/api/v1/saved-searches/" + shared).then().statusCode(200)
                .body("owner", equalTo("key:" + keyName(viewer)));
        given().header("X-API-Key", analyst).contentType(ContentType.JSON).body(Map.of("name", "mine now"))
                .put("/api/v1/saved-searches/" + shared).then().statusCode(403)
                .contentType("application/problem+json");
        given().header("X-API-Key", analyst).delete("/api/v1/saved-searches/" + shared).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("name", "renamed by an admin", "shared", true))
                .put("/api/v1/saved-searches/" + shared).then().statusCode(200)
                .body("name", equalTo("renamed by an admin"));
        given().header("X-API-Key", viewer).delete("/api/v1/saved-searches/" + own).then().statusCode(204);
        given().header("X-API-Key", viewer).get("/api/v1/saved-searches/" + own).then().statusCode(404);
    }

    @Test
    void theAlertsPageListsAViewersSearchesWithWhatIsNewAndNoWebhooks() {
        String viewer = TestCredentials.key("viewer");
        String word = word();
        long id = save(viewer, Map.of("name", "Page <" + word + ">", "criteria", Map.of("q", word, "jurisdiction",
                "IN"))).getLong("id");
        ingest(word);
        String page = given().header("X-API-Key", viewer).accept("text/html").get("/alerts").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(page).contains("id=\"search-" + id + "\"").contains("Page &lt;" + word + "&gt;")
                .contains("Words: " + word + " · Jurisdiction: India").contains("/alerts/searches/" + id + "/open")
                .doesNotContain("webhooks-heading");
        assertThat(page.substring(page.indexOf("id=\"search-" + id + "\""))).contains("class=\"new-count\">1</td>");
        given().header(AuthenticatedByDefault.ANONYMOUS, "1").redirects().follow(false).accept("text/html")
                .get("/alerts").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(302), equalTo(303),
                        equalTo(401)));
    }

    private static String keyName(String key) {
        return given().get("/api/v1/keys").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.role == 'viewer' && it.revokedAt == null }.name", String.class).stream()
                .filter(n -> n.startsWith("test-viewer-")).findFirst().orElseThrow();
    }

    static Stream<Arguments> badSavedSearches() {
        return Stream.of(
                Arguments.of("no name", "{\"criteria\": {}}", "name"),
                Arguments.of("a blank name", "{\"name\": \" \"}", "name"),
                Arguments.of("an unknown jurisdiction", "{\"name\": \"x\", \"criteria\": {\"jurisdiction\": \"XX\"}}",
                        "jurisdiction"),
                Arguments.of("an unknown category", "{\"name\": \"x\", \"criteria\": {\"category\": \"NOPE\"}}",
                        "category"),
                Arguments.of("a confidence above 1", "{\"name\": \"x\", \"criteria\": {\"minConfidence\": 2}}",
                        "minConfidence"),
                Arguments.of("malformed JSON", "{\"name\": ", null),
                Arguments.of("no body", "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSavedSearches")
    void aBadSavedSearchIs400ProblemJson(String name, String body, String field) {
        Response r = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/saved-searches");
        r.then().statusCode(400).contentType("application/problem+json");
        if (field != null) {
            assertThat(r.asString()).contains(field);
        }
    }

    @Test
    void theFeedsListTheNewestMatchesAndARevokedTokenIs401() throws Exception {
        String viewer = TestCredentials.key("viewer");
        String word = word();
        long id = save(viewer, Map.of("name", "Feed <" + word + ">", "criteria", Map.of("q", word))).getLong("id");
        long first = ingest(word);
        long second = ingest(word);
        JsonPath token = given().header("X-API-Key", viewer).post("/api/v1/saved-searches/" + id + "/feed-token")
                .then().statusCode(201).header("Cache-Control", "no-store").extract().jsonPath();
        assertThat(token.getString("token")).startsWith("xbf_");
        assertThat(token.getString("atom")).endsWith("/api/v1/saved-searches/" + id + "/feed.atom?token="
                + token.getString("token"));

        String atom = given().header(AuthenticatedByDefault.ANONYMOUS, "1")
                .queryParam("token", token.getString("token"))
                .get("/api/v1/saved-searches/" + id + "/feed.atom").then().statusCode(200)
                .contentType(containsString("application/atom+xml")).extract().asString();
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(atom.getBytes(StandardCharsets.UTF_8)));
        Element feed = xml.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(feed.getLocalName()).isEqualTo("feed");
        for (String required : List.of("id", "title", "updated", "author")) {
            assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", required).getLength())
                    .as(required).isPositive();
        }
        assertThat(feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title").item(0).getTextContent())
                .isEqualTo("xborder: Feed <" + word + ">");
        NodeList entries = feed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry");
        assertThat(entries.getLength()).isEqualTo(2);
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            for (String required : List.of("id", "title", "updated", "link", "content")) {
                assertThat(entry.getElementsByTagNameNS("http://www.w3.org/2005/Atom", required).getLength())
                        .as("entry " + required).isPositive();
            }
        }
        assertThat(atom).doesNotContain(token.getString("token"));

        JsonPath json = given().header(AuthenticatedByDefault.ANONYMOUS, "1")
                .queryParam("token", token.getString("token")).get("/api/v1/saved-searches/" + id + "/feed.json")
                .then().statusCode(200).contentType(containsString("application/feed+json")).extract().jsonPath();
        assertThat(json.getString("version")).isEqualTo("https://jsonfeed.org/version/1.1");
        assertThat(json.getString("title")).isEqualTo("xborder: Feed <" + word + ">");
        assertThat(json.getList("items")).hasSize(2);
        assertThat(json.getList("items.content_text", String.class)).allMatch(t -> t.contains(word));
        // newest first: the second document's finding before the first's
        List<String> titles = json.getList("items.id", String.class);
        assertThat(titles.get(0)).isNotEqualTo(titles.get(1));
        assertThat(second).isGreaterThan(first);

        // a browser is answered with types it shows
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        given().header(AuthenticatedByDefault.ANONYMOUS, "1").accept(browser)
                .queryParam("token", token.getString("token"))
                .get("/api/v1/saved-searches/" + id + "/feed.atom").then().statusCode(200)
                .contentType(containsString("application/xml"));
        given().header(AuthenticatedByDefault.ANONYMOUS, "1").accept(browser)
                .queryParam("token", token.getString("token"))
                .get("/api/v1/saved-searches/" + id + "/feed.json").then().statusCode(200)
                .contentType(containsString("application/json"));

        // a wrong token, none, a user's key instead: 401
        given().header(AuthenticatedByDefault.ANONYMOUS, "1").queryParam("token", "xbf_wrong")
                .get("/api/v1/saved-searches/" + id + "/feed.atom").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("X-API-Key", viewer).get("/api/v1/saved-searches/" + id + "/feed.json").then()
                .statusCode(401);
        given().header(AuthenticatedByDefault.ANONYMOUS, "1").queryParam("token", token.getString("token"))
                .get("/api/v1/saved-searches/" + (id + 100000) + "/feed.atom").then().statusCode(401);

        given().header("X-API-Key", viewer).delete("/api/v1/saved-searches/" + id + "/feed-token").then()
                .statusCode(204);
        for (String format : List.of("feed.atom", "feed.json")) {
            given().header(AuthenticatedByDefault.ANONYMOUS, "1").queryParam("token", token.getString("token"))
                    .get("/api/v1/saved-searches/" + id + "/" + format).then().statusCode(401)
                    .contentType("application/problem+json").header("WWW-Authenticate", not(equalTo(null)));
        }
        given().header("X-API-Key", viewer).delete("/api/v1/saved-searches/" + id + "/feed-token").then()
                .statusCode(404);
        given().queryParam("token", "x").queryParam("limit", 0).get("/api/v1/saved-searches/" + id + "/feed.atom")
                .then().statusCode(400).contentType("application/problem+json");
    }

    static Stream<Arguments> refusedWebhookUrls() {
        return Stream.of(
                Arguments.of("a private address", "http://10.1.2.3/hook", "private address"),
                Arguments.of("loopback outside the allow-list", "http://127.0.0.2/hook", "loopback"),
                Arguments.of("link-local metadata", "http://169.254.169.254/latest", "link-local"),
                Arguments.of("not http", "ftp://example.com/hook", "only http and https"),
                Arguments.of("relative", "/hook", "absolute"),
                Arguments.of("user information", "http://user:pw@127.0.0.1/hook", "user information"),
                Arguments.of("blank", " ", "url"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedWebhookUrls")
    void aWebhookUrlTheSsrfRulesRefuseIs400(String name, String url, String why) {
        long search = save(TestCredentials.adminKey(), Map.of("name", "hooks")).getLong("id");
        given().contentType(ContentType.JSON).body(Map.of("searchId", search, "url", url))
                .when().post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(why));
    }

    @Test
    void webhooksAreAnalystsAndAdminsAndTheirSecretIsShownOnce() {
        String viewer = TestCredentials.key("viewer");
        String analyst = TestCredentials.key("analyst");
        long search = save(viewer, Map.of("name", "for hooks", "shared", true)).getLong("id");
        long privateSearch = save(viewer, Map.of("name", "not for hooks")).getLong("id");
        Map<String, Object> body = Map.of("searchId", search, "url", "http://127.0.0.1:9/hook", "active", false);

        given().header("X-API-Key", viewer).contentType(ContentType.JSON).body(body).post("/api/v1/webhooks")
                .then().statusCode(403).contentType("application/problem+json");
        JsonPath created = given().header("X-API-Key", analyst).contentType(ContentType.JSON).body(body)
                .post("/api/v1/webhooks").then().statusCode(201).header("Location", containsString("/api/v1/webhooks/"))
                .extract().jsonPath();
        assertThat(created.getString("secret")).startsWith("whsec_");
        long id = created.getLong("webhook.id");
        String read = given().header("X-API-Key", analyst).get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("createdBy", equalTo("key:" + created.getString("webhook.createdBy").substring(4)))
                .extract().asString();
        assertThat(read).doesNotContain(created.getString("secret")).doesNotContain("secret");
        assertThat(given().get("/api/v1/webhooks").asString()).doesNotContain(created.getString("secret"));

        given().header("X-API-Key", analyst).contentType(ContentType.JSON)
                .body(Map.of("searchId", privateSearch, "url", "http://127.0.0.1:9/hook"))
                .post("/api/v1/webhooks").then().statusCode(404);
        given().header("X-API-Key", analyst).contentType(ContentType.JSON)
                .body(Map.of("searchId", search + 100000, "url", "http://127.0.0.1:9/hook"))
                .post("/api/v1/webhooks").then().statusCode(404);
        given().header("X-API-Key", analyst).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/hook")).post("/api/v1/webhooks").then().statusCode(400);
        given().header("X-API-Key", analyst).contentType(ContentType.JSON)
                .body(Map.of("searchId", privateSearch, "url", "http://127.0.0.1:9/x"))
                .put("/api/v1/webhooks/" + id).then().statusCode(400).body("detail", containsString("searchId"));
        given().header("X-API-Key", analyst).contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/moved", "active", false))
                .put("/api/v1/webhooks/" + id).then().statusCode(200).body("url", equalTo("http://127.0.0.1:9/moved"));

        // replay: admins only, one event or a range
        given().header("X-API-Key", analyst).contentType(ContentType.JSON).body(Map.of("eventId", "evt_x"))
                .post("/api/v1/webhooks/" + id + "/replay").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("eventId", "evt_none"))
                .post("/api/v1/webhooks/" + id + "/replay").then().statusCode(404);
        for (String bad : List.of("{}", "{\"from\": \"2026-01-01T00:00:00Z\"}",
                "{\"eventId\": \"evt_x\", \"from\": \"2026-01-01T00:00:00Z\", \"to\": \"2026-02-01T00:00:00Z\"}",
                "{\"from\": \"2026-02-01T00:00:00Z\", \"to\": \"2026-01-01T00:00:00Z\"}",
                "{\"from\": \"yesterday\", \"to\": \"2026-01-01T00:00:00Z\"}")) {
            given().contentType(ContentType.JSON).body(bad).post("/api/v1/webhooks/" + id + "/replay").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        given().get("/api/v1/webhooks/0").then().statusCode(400);
        given().get("/api/v1/webhooks/" + (id + 100000)).then().statusCode(404).contentType("application/problem+json");
        given().header("X-API-Key", analyst).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        given().get("/api/v1/audit?targetType=webhook&targetId=" + id).then().statusCode(200)
                .body("items.action", hasItem("webhook.create")).body("items.action", hasItem("webhook.delete"));
    }
}
