package io.xborder.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.xborder.testing.TestCredentials;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The alerts console's forms through HTTP: post/redirect/get, refusals next to their field (400 with the form), the
 * role rule (viewers save searches; analysts and admins manage webhooks; admins replay), owners only change their
 * own, and form-only addresses opened with GET lead to their page.
 */
@QuarkusTest
class AlertConsoleTest {

    @Inject
    DataSource dataSource;

    static String save(String key, String name, String... criteria) {
        var request = given().redirects().follow(false).header("X-API-Key", key)
                .contentType(ContentType.URLENC.withCharset("UTF-8")).formParam("name", name);
        for (int i = 0; i < criteria.length; i += 2) {
            request = request.formParam(criteria[i], criteria[i + 1]);
        }
        String location = request.when().post("/alerts/searches").then().statusCode(303)
                .header("Location", matchesPattern(".*/alerts\\?saved=\\d+#search-\\d+")).extract()
                .header("Location");
        return location.substring(location.indexOf("saved=") + 6, location.indexOf('#'));
    }

    @Test
    void aViewerSavesTheSearchPagesFiltersAndOpeningItShowsThemOnTheSearchPage() {
        String viewer = TestCredentials.key("viewer");
        String word = AlertResourcesTest.word();
        String id = save(viewer, "China " + word, "q", word, "jurisdiction", "中国", "category",
                "CROSS_BORDER_TRANSFER", "language", "zh", "minConfidence", "0.6");
        JsonPath api = given().header("X-API-Key", viewer).get("/api/v1/saved-searches/" + id).then().statusCode(200)
                .extract().jsonPath();
        assertThat(api.getString("criteria.jurisdiction")).isEqualTo("CN");
        assertThat(api.getString("lastLookedAt")).isNull();
        String page = given().header("X-API-Key", viewer).accept("text/html").get("/alerts").then().statusCode(200)
                .extract().asString();
        assertThat(page).contains("China " + word).contains("Jurisdiction: China")
                .contains("Category: Cross-border transfer").contains("Language: Chinese")
                .contains("Confidence at least 60 %").doesNotContain("id=\"webhook-table\"")
                .doesNotContain("id=\"webhook-form\"");

        given().redirects().follow(false).header("X-API-Key", viewer).get("/alerts/searches/" + id + "/open")
                .then().statusCode(303).header("Location", containsString("q=" + word))
                .header("Location", containsString("jurisdiction=CN"))
                .header("Location", containsString("category=CROSS_BORDER_TRANSFER"));
        assertThat(given().header("X-API-Key", viewer).get("/api/v1/saved-searches/" + id).then().extract()
                .jsonPath().getString("lastLookedAt")).as("opened: marked as looked at").isNotNull();
    }

    @ParameterizedTest(name = "{0}={1}: refused next to {0}")
    @CsvSource(delimiter = '|', value = {
            "name|   |Give the search a name.",
            "jurisdiction|Chinaa|Chinaa",
            "jurisdiction|Unknown jurisdiction|cannot keep",
            "category|LOCALISATION|LOCALISATION",
            "minConfidence|7|from 0 to 1",
    })
    void aRefusedSaveShowsTheFormAgainWithTheMessageNextToTheField(String field, String value, String message) {
        var request = given().header("X-API-Key", TestCredentials.key("viewer")).contentType(ContentType.URLENC)
                .formParam("name", "Refused").formParam(field, value);
        String page = request.when().post("/alerts/searches").then().statusCode(400)
                .contentType(containsString("text/html")).extract().asString();
        assertThat(page).contains("id=\"saved-" + field + "-error\"").contains("aria-invalid=\"true\"")
                .contains("data-get-url=\"/alerts/searches/new\"");
        String error = page.substring(page.indexOf("id=\"saved-" + field + "-error\""));
        assertThat(error.substring(0, error.indexOf("</p>"))).contains(message.strip());
        if (!field.equals("name")) {
            assertThat(page).contains("value=\"Refused\""); // what was typed stays
        }
    }

    @Test
    void onlyItsOwnerOrAnAdminChangesOrDeletesASharedSearch() {
        String owner = TestCredentials.key("viewer");
        String other = TestCredentials.key("analyst");
        String word = AlertResourcesTest.word();
        String id = save(owner, "Shared " + word, "q", word);
        given().header("X-API-Key", owner).contentType(ContentType.JSON)
                .body(Map.of("name", "Shared " + word, "shared", true, "criteria", Map.of("q", word)))
                .put("/api/v1/saved-searches/" + id).then().statusCode(200);
        String page = given().header("X-API-Key", other).get("/alerts/searches/" + id + "/edit").then()
                .statusCode(200).extract().asString();
        assertThat(page).contains("id=\"read-only\"").doesNotContain("id=\"saved-search-form\"");
        String refused = given().redirects().follow(false).header("X-API-Key", other)
                .post("/alerts/searches/" + id + "/delete").then().statusCode(403).extract().asString();
        assertThat(refused).contains("id=\"alerts-refusal\"").contains("Only its owner");
        given().redirects().follow(false).header("X-API-Key", other).contentType(ContentType.URLENC)
                .formParam("name", "Taken").post("/alerts/searches/" + id).then().statusCode(403);
        // renamed by its owner, then deleted by an admin
        given().redirects().follow(false).header("X-API-Key", owner).contentType(ContentType.URLENC)
                .formParam("name", "Renamed " + word).formParam("shared", "on").formParam("q", word)
                .post("/alerts/searches/" + id).then().statusCode(303)
                .header("Location", endsWith("/alerts?changed=" + id + "#search-" + id));
        assertThat(given().header("X-API-Key", owner).get("/api/v1/saved-searches/" + id).then().extract()
                .jsonPath().getString("name")).isEqualTo("Renamed " + word);
        given().redirects().follow(false).post("/alerts/searches/" + id + "/delete").then().statusCode(303)
                .header("Location", containsString("/alerts?deleted="));
        given().header("X-API-Key", owner).get("/api/v1/saved-searches/" + id).then().statusCode(404);
    }

    @Test
    void feedLinksAreShownOnceAndRevoking() {
        String viewer = TestCredentials.key("viewer");
        String id = save(viewer, "Feed " + AlertResourcesTest.word());
        String made = given().header("X-API-Key", viewer).post("/alerts/searches/" + id + "/feed-token").then()
                .statusCode(200).header("Cache-Control", "no-store").extract().asString();
        String atom = made.substring(made.indexOf("id=\"feed-atom\" readonly value=\"") + 31);
        atom = atom.substring(0, atom.indexOf('"')).replace("&amp;", "&");
        assertThat(atom).contains("/api/v1/saved-searches/" + id + "/feed.atom?token=xbf_");
        String token = atom.substring(atom.indexOf("token=") + 6);
        given().queryParam("token", token).header("X-Test-Anonymous", "1")
                .get("/api/v1/saved-searches/" + id + "/feed.atom").then().statusCode(200);
        String again = given().header("X-API-Key", viewer).get("/alerts/searches/" + id + "/edit").then()
                .statusCode(200).extract().asString();
        assertThat(again).doesNotContain(token).contains("Feed links are made.");
        given().redirects().follow(false).header("X-API-Key", viewer)
                .post("/alerts/searches/" + id + "/feed-token/revoke").then().statusCode(303)
                .header("Location", endsWith("/alerts/searches/" + id + "/edit?revoked=1"));
        given().queryParam("token", token).header("X-Test-Anonymous", "1")
                .get("/api/v1/saved-searches/" + id + "/feed.atom").then().statusCode(401);
    }

    @Test
    void viewersCannotManageWebhooksAnalystsCreateOnesWhoseSecretIsShownOnceAndOnlyAdminsReplay() {
        String viewer = TestCredentials.key("viewer");
        String analyst = TestCredentials.key("analyst");
        String id = save(analyst, "Hooks " + AlertResourcesTest.word());
        given().redirects().follow(false).header("X-API-Key", viewer).contentType(ContentType.URLENC)
                .formParam("searchId", id).formParam("url", "http://127.0.0.1:9/hook").post("/alerts/webhooks")
                .then().statusCode(403);
        String created = given().header("X-API-Key", analyst).contentType(ContentType.URLENC)
                .formParam("searchId", id).formParam("url", "http://127.0.0.1:9/hook")
                .formParam("delivery", "DAILY_DIGEST").formParam("digestHour", "7").post("/alerts/webhooks")
                .then().statusCode(200).header("Cache-Control", "no-store").extract().asString();
        assertThat(created).contains("id=\"webhook-secret\" readonly value=\"whsec_")
                .contains("A daily digest at 07:00 UTC");
        String webhook = created.substring(created.indexOf("data-get-url=\"/alerts/webhooks/") + 31);
        webhook = webhook.substring(0, webhook.indexOf('"'));
        assertThat(given().header("X-API-Key", analyst).get("/alerts/webhooks/" + webhook).then().statusCode(200)
                .extract().asString()).doesNotContain("whsec_").doesNotContain("Send again");
        given().header("X-API-Key", viewer).get("/alerts/webhooks/" + webhook).then().statusCode(403);
        given().redirects().follow(false).header("X-API-Key", analyst).contentType(ContentType.URLENC)
                .formParam("eventId", "evt_x").post("/alerts/webhooks/" + webhook + "/replay").then()
                .statusCode(403);
        given().redirects().follow(false).header("X-API-Key", analyst)
                .post("/alerts/webhooks/" + webhook + "/pause").then().statusCode(303)
                .header("Location", endsWith("/alerts/webhooks/" + webhook + "?paused=1"));
        assertThat(given().header("X-API-Key", analyst).get("/api/v1/webhooks/" + webhook).then().extract()
                .jsonPath().getBoolean("active")).isFalse();
        given().redirects().follow(false).header("X-API-Key", analyst)
                .post("/alerts/webhooks/" + webhook + "/delete").then().statusCode(303);
        given().header("X-API-Key", analyst).get("/api/v1/webhooks/" + webhook).then().statusCode(404);
    }

    @ParameterizedTest(name = "url {0}: refused next to the field")
    @CsvSource(delimiter = '|', value = { "http://10.1.2.3/hook|a private address", "ftp://example.com/x|only http",
            "' '|Enter the receiver" })
    void aRefusedWebhookShowsTheFormAgainWithTheMessageNextToTheAddress(String url, String message) {
        String id = save(TestCredentials.adminKey(), "Refused hook " + AlertResourcesTest.word());
        String page = given().contentType(ContentType.URLENC).formParam("searchId", id).formParam("url", url)
                .post("/alerts/webhooks").then().statusCode(400).extract().asString();
        String error = page.substring(page.indexOf("id=\"webhook-url-error\""));
        assertThat(error.substring(0, error.indexOf("</p>"))).containsIgnoringCase(message);
        assertThat(page).contains("data-get-url=\"/alerts#new-webhook\"").doesNotContain("xborder.webhooks.allow")
                .doesNotContain("xborder.fetch.allow");
    }

    /** An inactive webhook of a new search with one event, already delivered: its id and the event's. */
    static String[] webhookWithOneDeliveredEvent(DataSource dataSource) throws Exception {
        String word = AlertResourcesTest.word();
        String search = save(TestCredentials.adminKey(), "Replayed " + word, "q", word);
        long webhook = given().contentType(ContentType.JSON).body(Map.of("searchId", Long.parseLong(search), "url",
                "http://127.0.0.1:9/hook", "active", false)).post("/api/v1/webhooks").then().statusCode(201)
                .extract().jsonPath().getLong("webhook.id");
        AlertResourcesTest.ingest(word);
        String event = given().get("/api/v1/webhooks/" + webhook + "/deliveries").then().statusCode(200)
                .extract().jsonPath().getString("items[0].eventId");
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("UPDATE webhook_events SET state = 'DELIVERED', delivered_at = now() "
                        + "WHERE id = ?")) {
            ps.setString(1, event);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return new String[] { String.valueOf(webhook), event };
    }

    static String state(String webhook) {
        return given().get("/api/v1/webhooks/" + webhook + "/deliveries").then().statusCode(200).extract().jsonPath()
                .getString("items[0].state");
    }

    @Test
    void anAdminReplaysAPeriodOnlyAfterConfirmingHowManyMessagesItHolds() throws Exception {
        String[] hook = webhookWithOneDeliveredEvent(dataSource);
        String webhook = hook[0];
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
        // the first post only counts and asks
        String asked = given().contentType(ContentType.URLENC).formParam("from", yesterday).formParam("to", today)
                .post("/alerts/webhooks/" + webhook + "/replay-range").then().statusCode(200).extract().asString();
        assertThat(asked).contains("id=\"replay-range-confirm\"").contains("1 message made from " + yesterday
                + " 00:00 to " + today + " 23:59 UTC will be sent again")
                .contains("name=\"confirmed\" value=\"yes\"");
        assertThat(state(webhook)).as("nothing is sent again before the confirmation").isEqualTo("DELIVERED");
        // the confirmation queues it and says how many
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("from", yesterday)
                .formParam("to", today).formParam("confirmed", "yes")
                .post("/alerts/webhooks/" + webhook + "/replay-range").then().statusCode(303)
                .header("Location", endsWith("/alerts/webhooks/" + webhook + "?replayedRange=1#log-heading"));
        assertThat(state(webhook)).isEqualTo("PENDING");
        assertThat(given().get("/alerts/webhooks/" + webhook + "?replayedRange=1").then().statusCode(200).extract()
                .asString()).contains("1 message was queued to be sent again");
        // a period without messages: said in words, nothing to confirm
        assertThat(given().contentType(ContentType.URLENC).formParam("from", "2001-01-01 00:00")
                .formParam("to", "2001-01-02").post("/alerts/webhooks/" + webhook + "/replay-range").then()
                .statusCode(200).extract().asString()).contains("There is no message made from 2001-01-01 00:00 to "
                        + "2001-01-02 23:59 UTC; nothing was sent again.")
                .doesNotContain("id=\"replay-range-confirm\"");
        // analysts see no form and may not post it
        String analyst = TestCredentials.key("analyst");
        assertThat(given().header("X-API-Key", analyst).get("/alerts/webhooks/" + webhook).then().statusCode(200)
                .extract().asString()).doesNotContain("replay-range-form");
        given().redirects().follow(false).header("X-API-Key", analyst).contentType(ContentType.URLENC)
                .formParam("from", yesterday).formParam("to", today).formParam("confirmed", "yes")
                .post("/alerts/webhooks/" + webhook + "/replay-range").then().statusCode(403);
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("from", yesterday)
                .formParam("to", today).post("/alerts/webhooks/999999999/replay-range").then().statusCode(404);
    }

    @ParameterizedTest(name = "from [{0}] to [{1}]: refused at {2}")
    @CsvSource(delimiter = '|', value = { "''|2026-12-07|from|Enter the first date and time",
            "yesterday|2026-12-07|from|is not a date and time", "2026-02-30|2026-12-07|from|is not a date and time",
            "2026-12-07 09:30|''|to|Enter the last date and time", "2026-12-07|25:00|to|is not a date and time",
            "2026-12-08|2026-12-07 10:00|to|must not be before the start" })
    void aRefusedReplayPeriodShowsTheFormAgainWithTheMessageNextToTheField(String from, String to, String field,
            String message) throws Exception {
        String[] hook = webhookWithOneDeliveredEvent(dataSource);
        String page = given().contentType(ContentType.URLENC).formParam("from", from).formParam("to", to)
                .formParam("confirmed", "yes").post("/alerts/webhooks/" + hook[0] + "/replay-range").then()
                .statusCode(400).extract().asString();
        String error = page.substring(page.indexOf("id=\"replay-" + field + "-error\""));
        assertThat(error.substring(0, error.indexOf("</p>"))).contains(message);
        assertThat(page).contains("id=\"replay-" + field + "\" name=\"" + field + "\"")
                .contains("data-get-url=\"/alerts/webhooks/" + hook[0] + "#replay-range\"")
                .doesNotContain("id=\"replay-range-confirm\"");
        assertThat(state(hook[0])).as("a refused period sends nothing, even when posted as confirmed")
                .isEqualTo("DELIVERED");
    }

    @ParameterizedTest(name = "GET {0} leads to {1}")
    @CsvSource({ "/alerts/searches/5/delete, /alerts/searches/5/edit", "/alerts/webhooks/5/replay, /alerts/webhooks/5",
            "/alerts/webhooks/5/pause, /alerts/webhooks/5", "/alerts/webhooks/5/replay-range, /alerts/webhooks/5",
            "/alerts/searches, /alerts",
            "/alerts/searches/x/delete, /alerts" })
    void formOnlyAddressesOpenedWithGetLeadToTheirPage(String path, String target) {
        given().redirects().follow(false).get(path).then().statusCode(303).header("Location", endsWith(target));
    }

    @Test
    void unknownSearchesAndWebhooksAreNotFoundPagesNot500() {
        for (String path : new String[] { "/alerts/searches/99999999/edit", "/alerts/searches/abc/edit",
                "/alerts/searches/99999999/open", "/alerts/webhooks/99999999", "/alerts/webhooks/0" }) {
            given().get(path).then().statusCode(404).contentType(containsString("text/html"))
                    .body(not(containsString("Exception")));
        }
    }

    @ParameterizedTest(name = "POST {0} with name ''{1}'' is a not-found page")
    @CsvSource({ "/alerts/searches/99999999, Renamed", "/alerts/searches/99999999, ''",
            "/alerts/searches/abc, Renamed", "/alerts/searches/99999999/delete, ''",
            "/alerts/searches/99999999/feed-token/revoke, ''", "/alerts/webhooks/99999999/pause, ''",
            "/alerts/webhooks/x/delete, ''" })
    void formsSentForUnknownSearchesAndWebhooksAreNotFoundPages(String path, String name) {
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("name", name).post(path).then()
                .statusCode(404).contentType(containsString("text/html")).body(containsString("There is no "));
    }
}
