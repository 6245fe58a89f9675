package io.xborder.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end: documents ingested through the API, events written with their findings, delivered by real
 * workers to a receiver on 127.0.0.1 that verifies each signature the documented way. The test profile runs no
 * worker of its own, so each test starts the workers it needs (and a "restart" is a new worker).
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeliveryWorkers delivery;

    WebhookReceiver receiver;
    final List<DeliveryWorker> workers = new ArrayList<>();
    final List<Long> webhooks = new ArrayList<>();
    String word;

    @BeforeEach
    void start() {
        receiver = new WebhookReceiver();
        // a word of this test only: its searches match its documents, and no other test's
        word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void stop() {
        workers.forEach(DeliveryWorker::close);
        webhooks.forEach(id -> given().delete("/api/v1/webhooks/" + id));
        receiver.close();
    }

    /** A text whose one finding's passage contains the word (an Indian localisation rule). */
    String matching(String word) {
        return "Under circular " + word + " all payment system providers shall store payment data only in India.\n\n"
                + "Reference " + UUID.randomUUID() + ".";
    }

    long search(String name, Map<String, Object> criteria) {
        return given().contentType(ContentType.JSON).body(Map.of("name", name, "criteria", criteria))
                .when().post("/api/v1/saved-searches").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Subscribes the receiver's path; returns the webhook id, with the secret given to the receiver. */
    long subscribe(long search, String path) {
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("searchId", search, "url", receiver.url(path)))
                .when().post("/api/v1/webhooks").then().statusCode(201).extract().jsonPath();
        receiver.secret(path, created.getString("secret"));
        long id = created.getLong("webhook.id");
        webhooks.add(id);
        return id;
    }

    long ingest(String text) {
        return given().contentType(ContentType.JSON).body(Map.of("title", "Circular " + word, "text", text))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    DeliveryWorker worker(String name, DeliveryWorker.Settings settings) {
        DeliveryWorker w = delivery.newWorker(name + "-" + word, settings);
        workers.add(w);
        w.start();
        return w;
    }

    DeliveryWorker worker(String name) {
        return worker(name, delivery.settings(2));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(end);
            Thread.sleep(50);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    JsonPath webhook(long id) {
        return given().get("/api/v1/webhooks/" + id).then().statusCode(200).extract().jsonPath();
    }

    JsonPath deliveries(long id) {
        return given().get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDocumentSendsOneSignedCloudEventPerMatchingSubscription() throws Exception {
        long india = search("India payment data " + word, Map.of("q", word, "jurisdiction", "IN",
                "category", "DATA_LOCALIZATION"));
        long china = search("China " + word, Map.of("q", word, "jurisdiction", "CN"));
        subscribe(india, "/a");
        subscribe(india, "/b");
        subscribe(china, "/c");
        long document = ingest(matching(word));
        worker("one");

        await("one event at /a and /b", Duration.ofSeconds(20),
                () -> receiver.received("/a").size() == 1 && receiver.received("/b").size() == 1);
        Thread.sleep(500); // nothing more comes
        assertThat(receiver.received("/a")).hasSize(1);
        assertThat(receiver.received("/b")).hasSize(1);
        assertThat(receiver.received("/c")).as("the search that does not match").isEmpty();

        for (String path : List.of("/a", "/b")) {
            WebhookReceiver.Received r = receiver.received(path).get(0);
            assertThat(r.verified()).as(path + " signature verified by the receiver").isTrue();
            assertThat(r.contentType()).startsWith("application/cloudevents+json");
            assertThat(Long.parseLong(r.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                    org.assertj.core.data.Offset.offset(60L));
            JsonNode event = json(r.body());
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("id").asText()).isEqualTo(r.id());
            assertThat(event.path("type").asText()).isEqualTo("io.xborder.findings.matched");
            assertThat(event.path("source").asText()).isEqualTo("/api/v1/saved-searches/" + india);
            assertThat(event.path("subject").asText()).isEqualTo("documents/" + document);
            assertThat(event.path("time").asText()).isNotBlank();
            JsonNode findings = event.path("data").path("findings");
            assertThat(findings.size()).isEqualTo(1);
            assertThat(findings.get(0).path("category").asText()).isEqualTo("DATA_LOCALIZATION");
            assertThat(findings.get(0).path("passage").path("text").asText()).contains(word);
            assertThat(event.path("data").path("document").path("id").asLong()).isEqualTo(document);
        }
        assertThat(receiver.received("/a").get(0).id()).as("one event per subscription")
                .isNotEqualTo(receiver.received("/b").get(0).id());
    }

    @Test
    void aReceiverThatIsDownForAWhileGetsEveryEventAndRepeatsCarryTheSameId() throws Exception {
        long search = search("Down " + word, Map.of("q", word));
        long webhook = subscribe(search, "/down");
        receiver.failFirst("/down", 4, 503);
        for (int i = 0; i < 3; i++) {
            ingest(matching(word));
        }
        worker("down");

        await("three events delivered", Duration.ofSeconds(30), () -> receiver.received("/down").stream()
                .filter(r -> r.answered() == 200).count() == 3);
        List<WebhookReceiver.Received> all = receiver.received("/down");
        assertThat(all).hasSize(7).allMatch(WebhookReceiver.Received::verified);
        Map<String, Set<String>> bodiesById = all.stream().collect(Collectors.groupingBy(
                WebhookReceiver.Received::id, Collectors.mapping(WebhookReceiver.Received::body, Collectors.toSet())));
        assertThat(bodiesById).as("three events, each always with the same body").hasSize(3)
                .allSatisfy((id, bodies) -> assertThat(bodies).hasSize(1));
        await("the outcomes recorded", Duration.ofSeconds(5), () -> deliveries(webhook).getList("items").size() == 3
                && deliveries(webhook).getList("items.state").stream().allMatch("DELIVERED"::equals));
        JsonPath log = deliveries(webhook);
        assertThat(log.getList("items.log.outcome").stream().flatMap(l -> ((List<?>) l).stream())
                .filter("FAILED"::equals).count()).isEqualTo(4);
        List<Object> statuses = log.getList("items.log.status").stream().flatMap(l -> ((List<?>) l).stream())
                .map(Object.class::cast).toList();
        assertThat(statuses).contains(503, 200);
        assertThat(webhook(webhook).getBoolean("active")).isTrue();
        assertThat(webhook(webhook).getInt("consecutiveFailures")).isZero();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String name : List.of("xborder_webhooks_queued_total", "xborder_webhooks_delivered_total",
                "xborder_webhooks_failed_total", "xborder_webhooks_disabled_total", "xborder_webhooks_pending",
                "xborder_webhooks_queue_age_seconds")) {
            assertThat(metrics).as(name).containsPattern("(?m)^" + name + "(\\{[^}]*\\})? [0-9.E+-]+$");
        }
        assertThat(metric(metrics, "xborder_webhooks_delivered_total")).isGreaterThanOrEqualTo(3);
        assertThat(metric(metrics, "xborder_webhooks_failed_total")).isGreaterThanOrEqualTo(4);
    }

    static double metric(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElseThrow();
    }

    @Test
    void eventsStoredWhileNoWorkerRanOrWhoseWorkerDiedAreDeliveredByTheNextOne() throws Exception {
        long search = search("Restart " + word, Map.of("q", word));
        long webhook = subscribe(search, "/restart");
        ingest(matching(word));
        ingest(matching(word));
        // stored with the findings, nothing sent yet: the process could end here
        JsonPath waiting = deliveries(webhook);
        assertThat(waiting.getList("items.state")).containsExactly("PENDING", "PENDING");
        assertThat(waiting.getList("items.attempts")).containsExactly(0, 0);
        // a worker claims one and dies before sending it (kill -9): its lease runs out
        List<DeliveryQueue.Claimed> held = delivery.queue().claim("dead-" + word, Duration.ofSeconds(2), 1);
        assertThat(held).hasSize(1);

        worker("after-restart");
        await("both events delivered", Duration.ofSeconds(20), () -> receiver.received("/restart").size() == 2);
        assertThat(receiver.received("/restart")).allMatch(WebhookReceiver.Received::verified)
                .extracting(WebhookReceiver.Received::id).doesNotHaveDuplicates();
        assertThat(receiver.received("/restart").get(1).id()).as("the dead worker's event, after its lease")
                .isEqualTo(held.get(0).eventId());
    }

    @Test
    void twoWorkersOnOneDatabaseDeliverEachEventOnce() throws Exception {
        long search = search("Two workers " + word, Map.of("q", word));
        long webhook = subscribe(search, "/two");
        int n = 16;
        for (int i = 0; i < n; i++) {
            ingest(matching(word));
        }
        DeliveryWorker.Settings small = new DeliveryWorker.Settings(2, Duration.ofMillis(20), Duration.ofSeconds(30),
                1, Duration.ofMillis(100), Duration.ofMillis(500), 5);
        DeliveryWorker a = worker("a", small);
        DeliveryWorker b = worker("b", small);
        await(n + " events delivered", Duration.ofSeconds(60), () -> receiver.received("/two").size() >= n);
        Thread.sleep(500);
        List<WebhookReceiver.Received> all = receiver.received("/two");
        assertThat(all).hasSize(n).allMatch(WebhookReceiver.Received::verified)
                .extracting(WebhookReceiver.Received::id).doesNotHaveDuplicates();
        assertThat(a.delivered() + b.delivered()).isEqualTo(n);
        assertThat(deliveries(webhook).getInt("total")).isEqualTo(n);
    }

    @Test
    void aSlowReceiverTimesOutAndALongAnswerIsReadOnlyToTheLimitAndKeptAsAnExcerpt() throws Exception {
        long search = search("Limits " + word, Map.of("q", word));
        long slow = subscribe(search, "/slow");
        long large = subscribe(search, "/large");
        receiver.delay("/slow", 4000); // the test profile's time-out is 2 s
        receiver.bodySize("/large", 5_000_000); // the limit is 64 KB
        ingest(matching(word));
        worker("limits");

        await("the large answer delivered", Duration.ofSeconds(20),
                () -> "DELIVERED".equals(deliveries(large).getString("items[0].state")));
        JsonPath big = deliveries(large);
        assertThat(big.getString("items[0].log[0].responseExcerpt")).hasSize(1000).matches("x+");
        assertThat(big.getInt("items[0].log[0].latencyMs")).isLessThan(2000);

        await("a slow attempt recorded", Duration.ofSeconds(20),
                () -> !deliveries(slow).getList("items[0].log").isEmpty());
        JsonPath timedOut = deliveries(slow);
        assertThat(timedOut.getString("items[0].state")).isEqualTo("PENDING");
        assertThat(timedOut.getString("items[0].log[0].outcome")).isEqualTo("FAILED");
        assertThat(timedOut.getString("items[0].log[0].status")).isNull();
        assertThat(timedOut.getString("items[0].log[0].error")).isEqualTo("no answer within 2000 ms");
        assertThat(timedOut.getInt("items[0].log[0].latencyMs")).isBetween(1900, 3900);
    }

    @Test
    void aReceiverThatAlwaysFailsIsDisabledVisiblyAndAReplayResendsAfterTheFix() throws Exception {
        long search = search("Failing " + word, Map.of("q", word));
        long webhook = subscribe(search, "/failing");
        receiver.answer("/failing", () -> 500);
        ingest(matching(word));
        worker("failing");

        await("the webhook disabled", Duration.ofSeconds(30), () -> !webhook(webhook).getBoolean("active"));
        JsonPath disabled = webhook(webhook);
        assertThat(disabled.getString("disabledAt")).isNotNull();
        assertThat(disabled.getString("disabledReason")).isEqualTo("5 failed attempts in a row; the last: HTTP 500");
        assertThat(disabled.getInt("pending")).isEqualTo(1);
        assertThat(receiver.received("/failing")).hasSize(5);
        JsonPath log = deliveries(webhook);
        assertThat(log.getList("items[0].log.status")).containsOnly(500);
        assertThat(log.getList("items[0].log.responseExcerpt")).containsOnly("answered 500");
        assertThat(log.getList("items[0].log.latencyMs", Integer.class)).allMatch(ms -> ms >= 0);
        Thread.sleep(600);
        assertThat(receiver.received("/failing")).as("nothing sent while disabled").hasSize(5);
        // the console says so
        String page = given().accept("text/html").get("/alerts").then().statusCode(200).extract().asString();
        assertThat(page).contains("id=\"webhook-" + webhook + "\"")
                .contains("Stopped after 5 failed deliveries in a row. The last time the receiver answered with an "
                        + "error (500 Internal server error).")
                .contains("answered 500");

        // fixed: enabling it again sends what waited
        receiver.answer("/failing", () -> 200);
        given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/failing"), "active", true))
                .when().put("/api/v1/webhooks/" + webhook).then().statusCode(200).body("active",
                        org.hamcrest.Matchers.is(true));
        await("the waiting event delivered", Duration.ofSeconds(20),
                () -> receiver.received("/failing").size() == 6);
        String eventId = receiver.received("/failing").get(5).id();

        // an admin replays it, then the day it was in: same id, same body, a new signature
        given().contentType(ContentType.JSON).body(Map.of("eventId", eventId))
                .when().post("/api/v1/webhooks/" + webhook + "/replay").then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.is(1));
        await("the replay", Duration.ofSeconds(20), () -> receiver.received("/failing").size() == 7);
        Instant now = Instant.now();
        given().contentType(ContentType.JSON)
                .body(Map.of("from", now.minusSeconds(3600).toString(), "to", now.plusSeconds(60).toString()))
                .when().post("/api/v1/webhooks/" + webhook + "/replay").then().statusCode(200)
                .body("replayed", org.hamcrest.Matchers.is(1));
        await("the range replay", Duration.ofSeconds(20), () -> receiver.received("/failing").size() == 8);
        List<WebhookReceiver.Received> last = receiver.received("/failing").subList(5, 8);
        assertThat(last).allMatch(WebhookReceiver.Received::verified)
                .allMatch(r -> r.id().equals(eventId) && r.body().equals(last.get(0).body()));
        assertThat(receiver.received("/failing").get(0).id()).isEqualTo(eventId);
        assertThat(String.valueOf(webhook(webhook).getInt("consecutiveFailures"))).isEqualTo("0");
        assertThat(eventId.toLowerCase(Locale.ROOT)).startsWith("evt_");
    }
}
