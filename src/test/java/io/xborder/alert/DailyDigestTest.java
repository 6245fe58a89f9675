package io.xborder.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Daily digests end to end, with time moved by a clock put in the service's place (no waiting for a day): a digest
 * webhook gets no per-document events, one signed event at its hour listing the period's matches, none for a day
 * without any, and a replay sends the same event again. Delivered by a real worker to the receiver on 127.0.0.1.
 */
@QuarkusTest
class DailyDigestTest {

    /** A clock the test sets. */
    static final class TestClock extends Clock {

        volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Inject
    DailyDigests digests;

    @Inject
    DeliveryWorkers delivery;

    @Inject
    DataSource dataSource;

    @Inject
    WebhookService webhookService;

    @Inject
    StoringGate gate;

    TestClock clock;
    WebhookReceiver receiver;
    final List<DeliveryWorker> workers = new ArrayList<>();
    final List<Long> webhooks = new ArrayList<>();
    String word;

    @BeforeEach
    void start() {
        clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        QuarkusMock.installMockForType(clock, Clock.class);
        receiver = new WebhookReceiver();
        word = "zd" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    @AfterEach
    void stop() {
        workers.forEach(DeliveryWorker::close);
        webhooks.forEach(id -> given().delete("/api/v1/webhooks/" + id));
        receiver.close();
    }

    long search() {
        return given().contentType(ContentType.JSON).body(Map.of("name", "Digest " + word, "criteria",
                Map.of("q", word))).when().post("/api/v1/saved-searches").then().statusCode(201).extract()
                .jsonPath().getLong("id");
    }

    /**
     * A webhook of {@code search} posting to the receiver's {@code path}, with the other {@code fields} of its request;
     * deleted after the test, and its secret given to the receiver to verify what it gets. The creation's answer.
     */
    JsonPath webhook(long search, String path, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("searchId", search);
        body.put("url", receiver.url(path));
        JsonPath created = given().contentType(ContentType.JSON).body(body).when().post("/api/v1/webhooks").then()
                .statusCode(201).extract().jsonPath();
        webhooks.add(created.getLong("webhook.id"));
        receiver.secret(path, created.getString("secret"));
        return created;
    }

    long ingest() {
        return ingest("Circular " + word);
    }

    long ingest(String title) {
        String text = "Under circular " + word + " all payment system providers shall store payment data only in "
                + "India.\n\nReference " + UUID.randomUUID() + ".";
        return given().contentType(ContentType.JSON).body(Map.of("title", title, "text", text))
                .when().post("/api/v1/documents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    JsonPath deliveries(long id) {
        return given().get("/api/v1/webhooks/" + id + "/deliveries").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aDigestWebhookGetsOneSignedEventAtItsHourListingTheDaysMatchesAndNoneForADayWithout() throws Exception {
        long search = search();
        int hour = clock.now.atOffset(ZoneOffset.UTC).plusHours(2).getHour();
        JsonPath created = webhook(search, "/digest", Map.of("delivery", "DAILY_DIGEST", "digestHour", hour));
        long webhook = created.getLong("webhook.id");
        assertThat(created.getString("webhook.delivery")).isEqualTo("DAILY_DIGEST");
        assertThat(created.getInt("webhook.digestHour")).isEqualTo(hour);
        Instant due = Instant.parse(created.getString("webhook.nextDigestAt"));
        assertThat(due).isAfter(clock.now).isBeforeOrEqualTo(clock.now.plus(2, ChronoUnit.HOURS));
        assertThat(due.atOffset(ZoneOffset.UTC).getHour()).isEqualTo(hour);
        assertThat(due.atOffset(ZoneOffset.UTC).getMinute()).isZero();

        ingest();
        ingest();
        // the third day's document is stored now and its findings' time moved there: stored once this clock is days
        // ahead of the one stamping findings, it would be stamped before the open period and get an event of its own
        long third = ingest();
        Instant storedOnDayThree = due.plus(2, ChronoUnit.DAYS).minus(Duration.ofHours(1));
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("UPDATE findings SET created_at = ? WHERE document_id = ?")) {
            ps.setObject(1, storedOnDayThree.atOffset(ZoneOffset.UTC));
            ps.setLong(2, third);
            assertThat(ps.executeUpdate()).isPositive();
        }
        assertThat(deliveries(webhook).getInt("total")).as("no event per document for a digest webhook").isZero();
        digests.run();
        assertThat(deliveries(webhook).getInt("total")).as("nothing before the hour").isZero();

        // the hour has passed (and the few minutes' delay): one event for the two documents' findings
        clock.now = due.plus(Duration.ofMinutes(3));
        // as the background check runs it: from within the bean, in a transaction of its own
        assertThat(digests.runQuietly()).isPositive();
        digests.run(); // a second look (another instance) makes no second digest
        assertThat(deliveries(webhook).getInt("total")).isEqualTo(1);

        DeliveryWorker worker = delivery.newWorker("digest-" + word, delivery.settings(1));
        workers.add(worker);
        worker.start();
        WebhookDeliveryTest.await("the digest delivered", Duration.ofSeconds(20),
                () -> receiver.received("/digest").size() == 1);
        WebhookReceiver.Received r = receiver.received("/digest").get(0);
        assertThat(r.verified()).as("signed as every event").isTrue();
        JsonNode event = WebhookDeliveryTest.json(r.body());
        assertThat(event.path("type").asText()).isEqualTo("io.xborder.findings.digest");
        assertThat(event.path("id").asText()).isEqualTo(r.id());
        assertThat(event.path("source").asText()).isEqualTo("/api/v1/saved-searches/" + search);
        assertThat(event.path("subject").asText()).isEqualTo("digests/" + due.atOffset(ZoneOffset.UTC).toLocalDate());
        JsonNode data = event.path("data");
        assertThat(Instant.parse(data.path("period").path("to").asText())).isEqualTo(due);
        assertThat(data.path("count").asInt()).isEqualTo(2);
        assertThat(data.path("truncated").asBoolean()).isFalse();
        assertThat(data.path("findings").size()).isEqualTo(2);
        data.path("findings").forEach(f -> {
            assertThat(f.path("passage").path("text").asText()).contains(word);
            assertThat(f.path("document").path("title").asText()).isEqualTo("Circular " + word);
        });
        assertThat(given().get("/api/v1/webhooks/" + webhook).then().statusCode(200).extract().jsonPath()
                .getString("nextDigestAt")).isEqualTo(due.plus(1, ChronoUnit.DAYS).toString());

        // a day without new matches: no event
        clock.now = clock.now.plus(1, ChronoUnit.DAYS);
        digests.run();
        assertThat(deliveries(webhook).getInt("total")).isEqualTo(1);

        // the document stored on the third day is the next digest's only entry
        clock.now = clock.now.plus(1, ChronoUnit.DAYS);
        digests.run();
        WebhookDeliveryTest.await("the third day's digest delivered", Duration.ofSeconds(20),
                () -> receiver.received("/digest").size() == 2);
        JsonNode next = WebhookDeliveryTest.json(receiver.received("/digest").get(1).body()).path("data");
        assertThat(next.path("count").asInt()).isEqualTo(1);
        assertThat(next.path("findings").get(0).path("document").path("id").asLong()).isEqualTo(third);
        assertThat(Instant.parse(next.path("period").path("from").asText()))
                .isEqualTo(due.plus(1, ChronoUnit.DAYS));

        // replay: the same event (id and body) again, newly signed
        given().contentType(ContentType.JSON).body(Map.of("eventId", r.id()))
                .when().post("/api/v1/webhooks/" + webhook + "/replay").then().statusCode(200)
                .body("replayed", equalTo(1));
        WebhookDeliveryTest.await("the replay delivered", Duration.ofSeconds(20),
                () -> receiver.received("/digest").size() == 3);
        WebhookReceiver.Received again = receiver.received("/digest").get(2);
        assertThat(again.id()).isEqualTo(r.id());
        assertThat(again.body()).isEqualTo(r.body());
        assertThat(again.verified()).isTrue();
    }

    @Test
    void aWebhookThatBecomesADigestStopsGettingAnEventPerDocumentAndOneThatStopsBeingOneGetsThemAgain() {
        long search = search();
        JsonPath created = given().contentType(ContentType.JSON).body(Map.of("searchId", search, "url",
                receiver.url("/switch"))).when().post("/api/v1/webhooks").then().statusCode(201)
                .body("webhook.delivery", equalTo("EACH")).body("webhook.digestHour", equalTo(null))
                .body("webhook.nextDigestAt", equalTo(null)).extract().jsonPath();
        long webhook = created.getLong("webhook.id");
        webhooks.add(webhook);
        ingest();
        assertThat(deliveries(webhook).getInt("total")).isEqualTo(1);
        // the switches come after the documents before them were stored, as they would by the system clock
        clock.now = Instant.now();
        given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/switch"), "delivery",
                "DAILY_DIGEST", "digestHour", 7)).when().put("/api/v1/webhooks/" + webhook).then().statusCode(200)
                .body("delivery", equalTo("DAILY_DIGEST")).body("digestHour", equalTo(7));
        ingest();
        assertThat(deliveries(webhook).getInt("total")).isEqualTo(1);
        clock.now = Instant.now();
        given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/switch")))
                .when().put("/api/v1/webhooks/" + webhook).then().statusCode(200)
                .body("delivery", equalTo("EACH")).body("nextDigestAt", equalTo(null));
        assertThat(deliveries(webhook).getInt("total")).as("and a last digest for the document stored meanwhile")
                .isEqualTo(2);
        ingest();
        assertThat(deliveries(webhook).getInt("total")).isEqualTo(3);
    }

    @Test
    void switchingBetweenDigestAndEachLosesNoMatchThePeriodInProgressArrivesAsALastDigest() throws Exception {
        long search = search();
        // inactive at first, so its per-document event is still waiting when it becomes a digest
        long webhook = webhook(search, "/both", Map.of("active", false)).getLong("webhook.id");
        long each = ingest();
        clock.now = Instant.now().plusMillis(1).truncatedTo(ChronoUnit.MILLIS);
        Instant periodStart = clock.now;
        given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/both"), "active", false,
                "delivery", "DAILY_DIGEST", "digestHour", 7)).when().put("/api/v1/webhooks/" + webhook).then()
                .statusCode(200).body("pending", equalTo(1));

        long first = ingest();
        long second = ingest();
        assertThat(deliveries(webhook).getInt("total")).as("no event per document while a digest").isEqualTo(1);
        // back to an event per document before the digest's hour: the two matches must not be dropped
        clock.now = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        Instant switchedAt = clock.now;
        given().contentType(ContentType.JSON).body(Map.of("url", receiver.url("/both"), "active", true))
                .when().put("/api/v1/webhooks/" + webhook).then().statusCode(200)
                .body("delivery", equalTo("EACH")).body("pending", equalTo(2));
        long after = ingest();

        DeliveryWorker worker = delivery.newWorker("switch-" + word, delivery.settings(1));
        workers.add(worker);
        worker.start();
        WebhookDeliveryTest.await("three events delivered", Duration.ofSeconds(20),
                () -> receiver.received("/both").size() == 3);
        Map<String, List<Long>> documentsByType = new HashMap<>();
        JsonNode digest = null;
        for (WebhookReceiver.Received r : receiver.received("/both")) {
            assertThat(r.verified()).isTrue();
            JsonNode event = WebhookDeliveryTest.json(r.body());
            String type = event.path("type").asText();
            if (type.equals(DailyDigests.DIGEST)) {
                digest = event.path("data");
                digest.path("findings").forEach(f -> documentsByType.computeIfAbsent(type, t -> new ArrayList<>())
                        .add(f.path("document").path("id").asLong()));
            } else {
                documentsByType.computeIfAbsent(type, t -> new ArrayList<>())
                        .add(event.path("data").path("document").path("id").asLong());
            }
        }
        assertThat(documentsByType.get(EventOutbox.FINDINGS_MATCHED)).as("the events before and after the digest")
                .containsExactlyInAnyOrder(each, after);
        assertThat(documentsByType.get(DailyDigests.DIGEST)).as("the last digest: what was stored while a digest")
                .containsOnly(first, second).contains(first, second);
        assertThat(Instant.parse(digest.path("period").path("from").asText())).isEqualTo(periodStart);
        assertThat(Instant.parse(digest.path("period").path("to").asText())).isEqualTo(switchedAt);
        assertThat(digest.path("count").asInt()).isEqualTo(digest.path("findings").size());
    }

    /** Which of the two racing transactions reaches the subscription's row first. */
    enum Race {
        /** The document's findings are stored, as a digest's match; the switch comes before they commit. */
        STORING_FIRST,
        /**
         * As {@link #STORING_FIRST}, the switch made on an instance whose clock is behind the one that stamped the
         * findings: the period's end read there is before their stored time.
         */
        STORING_FIRST_SWITCH_CLOCK_BEHIND,
        /** The switch has closed the period and not committed; the storing transaction reads the subscriptions. */
        SWITCH_FIRST
    }

    /**
     * A document whose storing transaction is open while its webhook switches from a digest back to EACH: the
     * storing thread is held (findings inserted, not committed) and the switch made meanwhile, in each order. The
     * receiver gets each of its findings once: in the last digest when the storing transaction was first (the switch
     * waits for it to commit), as a per-document event when the switch was first (the storing transaction waits for
     * the switch to commit, then sees EACH). The old code lost the document in both orders. The last digest lists it
     * even when the clock of the instance switching is behind the one that stamped its findings.
     */
    @ParameterizedTest
    @EnumSource(Race.class)
    void aDocumentStoredDuringASwitchBackToEachArrivesExactlyOnce(Race race) throws Exception {
        long search = search();
        long webhook = webhook(search, "/race", Map.of("delivery", "DAILY_DIGEST", "digestHour", 7))
                .getLong("webhook.id");
        long before = ingest();
        String racingTitle = "Racing circular " + word;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        StoringGate.Hold hold = null;
        CountDownLatch commitSwitch = new CountDownLatch(1);
        try {
            Future<Long> storing;
            Future<?> switching;
            if (race != Race.SWITCH_FIRST) {
                // the switch starts now, before the findings below are stored
                clock.now = Instant.now();
                hold = gate.arm(racingTitle, StoringGate.Point.AFTER_OUTBOX);
                storing = threads.submit(() -> ingest(racingTitle));
                hold.awaitReached();
                switching = threads.submit(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("url", receiver.url("/race"))).when().put("/api/v1/webhooks/" + webhook)
                        .then().statusCode(200).body("delivery", equalTo("EACH")));
                WebhookDeliveryTest.await("the switch done or waiting for a lock", Duration.ofSeconds(20),
                        () -> switching.isDone() || aTransactionWaitsForALock());
                if (race == Race.STORING_FIRST) {
                    // time goes on while the switch waits
                    clock.now = Instant.now();
                }
                hold.release();
            } else {
                hold = gate.arm(racingTitle, StoringGate.Point.BEFORE_OUTBOX);
                storing = threads.submit(() -> ingest(racingTitle));
                hold.awaitReached();
                // the findings' stored time is inside the period the switch closes: only their not being
                // committed yet keeps them out of the last digest
                clock.now = Instant.now();
                switching = switchHeldOpen(threads, commitSwitch,
                        () -> webhookService.update(webhook, new WebhookRequest(null, receiver.url("/race"), true),
                                new Caller("race-test", true)).delivery(),
                        WebhookDelivery.EACH);
                hold.release();
                WebhookDeliveryTest.await("the storing done or waiting for a lock", Duration.ofSeconds(20),
                        () -> storing.isDone() || aTransactionWaitsForALock());
                commitSwitch.countDown();
            }
            long racing = storing.get(30, TimeUnit.SECONDS);
            switching.get(30, TimeUnit.SECONDS);

            Map<Long, List<String>> deliveredAs = deliverAll(webhook, "/race");
            List<Long> racingFindings = findingIds(racing);
            List<Long> beforeFindings = findingIds(before);
            assertThat(racingFindings).isNotEmpty();
            String expected = race == Race.SWITCH_FIRST ? EventOutbox.FINDINGS_MATCHED : DailyDigests.DIGEST;
            racingFindings.forEach(f -> assertThat(deliveredAs.get(f))
                    .as("finding %d of the document stored during the switch, delivered as", f)
                    .containsExactly(expected));
            beforeFindings.forEach(f -> assertThat(deliveredAs.get(f))
                    .as("finding %d stored before the switch, delivered as", f).containsExactly(DailyDigests.DIGEST));
            List<Long> all = new ArrayList<>(beforeFindings);
            all.addAll(racingFindings);
            assertThat(deliveredAs.keySet()).as("nothing else delivered").containsExactlyInAnyOrderElementsOf(all);
        } finally {
            if (hold != null) {
                hold.release();
            }
            commitSwitch.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Switches the webhook on one of {@code threads} in a transaction of its own (checking the delivery it now has) and
     * keeps that transaction open until {@code commitSwitch} opens; returns once the switch is made, not committed.
     */
    private static Future<?> switchHeldOpen(ExecutorService threads, CountDownLatch commitSwitch,
            Supplier<WebhookDelivery> update, WebhookDelivery expected) throws InterruptedException {
        CountDownLatch switched = new CountDownLatch(1);
        Future<?> switching = threads.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            assertThat(update.get()).isEqualTo(expected);
            switched.countDown();
            try {
                commitSwitch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(switched.await(20, TimeUnit.SECONDS)).as("the switch made, not committed").isTrue();
        return switching;
    }

    /** How a document being stored meets a switch of its webhook from EACH to a digest. */
    enum ToDigestRace {
        /**
         * The document's findings are stamped (held before the outbox), the switch commits, then the storing
         * transaction reads the webhooks: it sees a digest whose period starts after its findings.
         */
        STAMPED_BEFORE_THE_SWITCH_READ_AFTER,
        /** The storing transaction has read the webhooks (EACH) and written its event; the switch is made meanwhile. */
        READ_BEFORE_THE_SWITCH,
        /** The switch has started the digest's period and not committed when the document is stored. */
        SWITCH_FIRST
    }

    /**
     * A document whose storing transaction is open while its webhook switches from EACH to a digest, in each order:
     * the receiver gets each of its findings once, as a per-document event when they were stamped before the switch,
     * in the first digest when after it. The old code lost the document stamped before the switch whose transaction
     * read the webhooks after it (no event, and the first digest starts at the switch), and sent the document stored
     * while the switch had not committed twice (an event, as it still read EACH, and the first digest).
     */
    @ParameterizedTest
    @EnumSource(ToDigestRace.class)
    void aDocumentStoredDuringASwitchToADigestArrivesExactlyOnce(ToDigestRace race) throws Exception {
        long search = search();
        String url = receiver.url("/to-digest");
        long webhook = webhook(search, "/to-digest", Map.of()).getLong("webhook.id");
        long before = ingest();
        // far from the present hour, so that the documents stored below are all before the first digest's end
        int hour = Instant.now().atOffset(ZoneOffset.UTC).plusHours(12).getHour();
        String racingTitle = "Racing circular " + word;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        StoringGate.Hold hold = null;
        CountDownLatch commitSwitch = new CountDownLatch(1);
        try {
            Future<Long> storing;
            Future<?> switching;
            if (race == ToDigestRace.SWITCH_FIRST) {
                // the period starts now, before the findings below are stamped
                clock.now = Instant.now();
                switching = switchHeldOpen(threads, commitSwitch,
                        () -> webhookService.update(webhook, new WebhookRequest(null, url, true,
                                WebhookDelivery.DAILY_DIGEST, hour), new Caller("race-test", true)).delivery(),
                        WebhookDelivery.DAILY_DIGEST);
                storing = threads.submit(() -> ingest(racingTitle));
                WebhookDeliveryTest.await("the storing done or waiting for a lock", Duration.ofSeconds(20),
                        () -> storing.isDone() || aTransactionWaitsForALock());
                commitSwitch.countDown();
            } else {
                hold = gate.arm(racingTitle, race == ToDigestRace.READ_BEFORE_THE_SWITCH
                        ? StoringGate.Point.AFTER_OUTBOX
                        : StoringGate.Point.BEFORE_OUTBOX);
                storing = threads.submit(() -> ingest(racingTitle));
                hold.awaitReached();
                // the period starts now, after the findings were stamped
                clock.now = Instant.now();
                switching = threads.submit(() -> given().contentType(ContentType.JSON).body(Map.of("url", url,
                        "delivery", "DAILY_DIGEST", "digestHour", hour)).when().put("/api/v1/webhooks/" + webhook)
                        .then().statusCode(200).body("delivery", equalTo("DAILY_DIGEST")));
                if (race == ToDigestRace.STAMPED_BEFORE_THE_SWITCH_READ_AFTER) {
                    switching.get(30, TimeUnit.SECONDS);
                } else {
                    WebhookDeliveryTest.await("the switch done or waiting for a lock", Duration.ofSeconds(20),
                            () -> switching.isDone() || aTransactionWaitsForALock());
                }
                hold.release();
            }
            long racing = storing.get(30, TimeUnit.SECONDS);
            switching.get(30, TimeUnit.SECONDS);
            long after = ingest();

            // the first digest, at its hour
            Instant due = Instant.parse(given().get("/api/v1/webhooks/" + webhook).then().statusCode(200)
                    .extract().jsonPath().getString("nextDigestAt"));
            clock.now = due.plus(Duration.ofMinutes(3));
            digests.run();
            Map<Long, List<String>> deliveredAs = deliverAll(webhook, "/to-digest");
            List<Long> racingFindings = findingIds(racing);
            assertThat(racingFindings).isNotEmpty();
            String expected = race == ToDigestRace.SWITCH_FIRST ? DailyDigests.DIGEST : EventOutbox.FINDINGS_MATCHED;
            racingFindings.forEach(f -> assertThat(deliveredAs.get(f))
                    .as("finding %d of the document stored during the switch, delivered as", f)
                    .containsExactly(expected));
            findingIds(before).forEach(f -> assertThat(deliveredAs.get(f))
                    .as("finding %d stored before the switch, delivered as", f)
                    .containsExactly(EventOutbox.FINDINGS_MATCHED));
            findingIds(after).forEach(f -> assertThat(deliveredAs.get(f))
                    .as("finding %d stored after the switch, delivered as", f).containsExactly(DailyDigests.DIGEST));
            List<Long> all = new ArrayList<>(findingIds(before));
            all.addAll(racingFindings);
            all.addAll(findingIds(after));
            assertThat(deliveredAs.keySet()).as("nothing else delivered").containsExactlyInAnyOrderElementsOf(all);
        } finally {
            if (hold != null) {
                hold.release();
            }
            commitSwitch.countDown();
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /**
     * Delivers the webhook's events written so far to the receiver at {@code path} and returns how each finding
     * arrived: its id, with the type of each event that listed it. Every event is verified, and every finding a
     * digest lists lies in the digest's period.
     */
    Map<Long, List<String>> deliverAll(long webhook, String path) throws InterruptedException {
        int events = deliveries(webhook).getInt("total");
        DeliveryWorker worker = delivery.newWorker("race-" + word, delivery.settings(1));
        workers.add(worker);
        worker.start();
        WebhookDeliveryTest.await(events + " events delivered", Duration.ofSeconds(20),
                () -> receiver.received(path).size() >= events);
        Map<Long, List<String>> deliveredAs = new HashMap<>();
        for (WebhookReceiver.Received r : receiver.received(path)) {
            assertThat(r.verified()).isTrue();
            JsonNode event = WebhookDeliveryTest.json(r.body());
            String type = event.path("type").asText();
            JsonNode period = event.path("data").path("period");
            event.path("data").path("findings").forEach(f -> {
                deliveredAs.computeIfAbsent(f.path("id").asLong(), id -> new ArrayList<>()).add(type);
                if (type.equals(DailyDigests.DIGEST)) {
                    assertThat(Instant.parse(f.path("createdAt").asText())).as("stored in the digest's period")
                            .isAfterOrEqualTo(Instant.parse(period.path("from").asText()))
                            .isBefore(Instant.parse(period.path("to").asText()));
                }
            });
        }
        return deliveredAs;
    }

    /** Whether a transaction of this database is waiting for a lock now (a row lock held by another). */
    boolean aTransactionWaitsForALock() {
        try (var c = dataSource.getConnection();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND datname = current_database()")) {
            rs.next();
            return rs.getInt(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Long> findingIds(long document) throws SQLException {
        try (var c = dataSource.getConnection();
                var ps = c.prepareStatement("SELECT id FROM findings WHERE document_id = ? ORDER BY id")) {
            ps.setLong(1, document);
            List<Long> ids = new ArrayList<>();
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }

    @ParameterizedTest(name = "{0} / {1}: 400 at {2}")
    @CsvSource({ "DAILY_DIGEST, , digestHour", "DAILY_DIGEST, 24, digestHour", "DAILY_DIGEST, -1, digestHour",
            "EACH, 7, digestHour", "WEEKLY, 7, delivery", "DAILY_DIGEST, noon, digestHour" })
    void refusesABadDeliveryOrHourWith400NamingTheField(String deliveryValue, String hour, String field) {
        long search = search();
        Map<String, Object> body = new HashMap<>(Map.of("searchId", search, "url", receiver.url("/bad"),
                "delivery", deliveryValue));
        if (hour != null) {
            body.put("digestHour", hour.matches("-?[0-9]+") ? Integer.valueOf(hour) : hour);
        }
        given().contentType(ContentType.JSON).body(body).when().post("/api/v1/webhooks").then().statusCode(400)
                .contentType(containsString("application/problem+json")).body(containsString(field));
    }
}
