package io.xborder.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.testing.ServiceInstances;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks with the packaged service as processes on one PostgreSQL: two instances deliver each event once, and
 * events stored by instances killed with SIGKILL before they were delivered are delivered by the next start.
 */
class WebhookInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "xb_" + UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");
    private EmbeddedPostgres postgres;
    private WebhookReceiver receiver;
    private ServiceInstances instances;

    @BeforeEach
    void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        receiver = new WebhookReceiver();
        instances = new ServiceInstances(postgres.getJdbcUrl("postgres", "postgres"), KEY);
    }

    @AfterEach
    void stopAll() throws Exception {
        instances.close();
        receiver.close();
        postgres.close();
    }

    /** Starts an instance of the packaged service delivering webhooks quickly; returns its index. */
    private int start() throws Exception {
        return instances.startReady("webhooks", List.of("-Dxborder.webhooks.lease=3s",
                "-Dxborder.webhooks.poll-interval=100ms", "-Dxborder.webhooks.retry-backoff=200ms",
                "-Dxborder.webhooks.retry-backoff-max=1s"),
                Map.of("XBORDER_JOB_WORKERS", "0", "XBORDER_WEBHOOK_WORKERS", "2",
                        "XBORDER_WEBHOOK_ALLOW", "127.0.0.1/32", "XBORDER_WEBHOOK_MAX_FAILURES", "1000",
                        "XBORDER_WEBHOOK_SECRET_KEY", "instances-test-webhook-secret-key-0123456789"));
    }

    @Test
    void twoInstancesDeliverEachEventOnceAndEventsOfKilledInstancesArriveAfterTheRestart() throws Exception {
        int a = start();
        int b = start();
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long search = post(a, "/api/v1/saved-searches", Map.of("name", "instances", "criteria", Map.of("q", word)))
                .path("id").asLong();
        JsonNode hook = post(a, "/api/v1/webhooks", Map.of("searchId", search, "url", receiver.url("/hook")));
        receiver.secret("/hook", hook.path("secret").asText());

        // documents stored through both instances; both deliver from the one outbox
        int n = 12;
        for (int i = 0; i < n; i++) {
            post(i % 2 == 0 ? a : b, "/api/v1/documents", document(word));
        }
        ServiceInstances.await("the events of both instances delivered", Duration.ofSeconds(90),
                () -> receiver.received("/hook").size() >= n);
        Thread.sleep(1500);
        assertThat(receiver.received("/hook")).hasSize(n).allMatch(WebhookReceiver.Received::verified)
                .extracting(WebhookReceiver.Received::id).doesNotHaveDuplicates();

        // the receiver is down: events are stored with their findings, tried, not delivered; then both are killed
        receiver.answer("/hook", () -> 503);
        for (int i = 0; i < 3; i++) {
            post(i % 2 == 0 ? a : b, "/api/v1/documents", document(word));
        }
        ServiceInstances.await("the new events tried", Duration.ofSeconds(30), () -> receiver.received("/hook").stream()
                .filter(r -> r.answered() == 503).map(WebhookReceiver.Received::id).distinct().count() == 3);
        instances.process(a).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        instances.process(b).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        receiver.answer("/hook", () -> 200);

        start();
        ServiceInstances.await("the three events delivered after the restart", Duration.ofSeconds(90),
                () -> receiver.received("/hook").stream().filter(r -> r.answered() == 200).count() == n + 3);
        assertThat(receiver.received("/hook").stream().filter(r -> r.answered() == 200)
                .map(WebhookReceiver.Received::id).distinct().count()).isEqualTo(n + 3);
        assertThat(receiver.received("/hook")).allMatch(WebhookReceiver.Received::verified);
    }

    private static Map<String, Object> document(String word) {
        return Map.of("title", "Circular " + word, "text", "Under circular " + word
                + " all payment system providers shall store payment data only in India.\n\nReference "
                + UUID.randomUUID() + ".");
    }

    private JsonNode post(int instance, String path, Object body) throws Exception {
        HttpResponse<String> r = ServiceInstances.send(instances.request(instance, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }
}
