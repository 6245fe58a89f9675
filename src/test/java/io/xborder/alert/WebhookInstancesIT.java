package io.xborder.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedPostgres postgres;
    private WebhookReceiver receiver;
    private final List<Process> instances = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    @BeforeEach
    void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (Process p : instances) {
            p.destroy();
        }
        for (Process p : instances) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        receiver.close();
        postgres.close();
    }

    /** Starts an instance of the packaged service; returns its index. */
    private int start() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("packaged jar (mvn verify builds it before the integration tests)").exists();
        int port = freePort();
        Path log = Files.createTempFile("xborder-webhooks-" + instances.size(), ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dxborder.webhooks.lease=3s", "-Dxborder.webhooks.poll-interval=100ms",
                "-Dxborder.webhooks.retry-backoff=200ms", "-Dxborder.webhooks.retry-backoff-max=1s", "-jar",
                jar.toString());
        Map<String, String> env = pb.environment();
        env.put("DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("DB_USER", "postgres");
        env.put("PORT", Integer.toString(port));
        env.put("XBORDER_DEMO", "false");
        env.put("XBORDER_JOB_WORKERS", "0");
        env.put("XBORDER_FEEDS_CHECK_EVERY", "off");
        env.put("XBORDER_BOOTSTRAP_ADMIN_KEY", KEY);
        env.put("XBORDER_WEBHOOK_WORKERS", "2");
        env.put("XBORDER_WEBHOOK_ALLOW", "127.0.0.1/32");
        env.put("XBORDER_WEBHOOK_MAX_FAILURES", "1000");
        env.put("XBORDER_WEBHOOK_SECRET_KEY", "instances-test-webhook-secret-key-0123456789");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        instances.add(pb.start());
        ports.add(port);
        logs.add(log);
        int index = instances.size() - 1;
        awaitReady(index);
        return index;
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
        await("the events of both instances delivered", Duration.ofSeconds(90),
                () -> receiver.received("/hook").size() >= n);
        Thread.sleep(1500);
        assertThat(receiver.received("/hook")).hasSize(n).allMatch(WebhookReceiver.Received::verified)
                .extracting(WebhookReceiver.Received::id).doesNotHaveDuplicates();

        // the receiver is down: events are stored with their findings, tried, not delivered; then both are killed
        receiver.answer("/hook", () -> 503);
        for (int i = 0; i < 3; i++) {
            post(i % 2 == 0 ? a : b, "/api/v1/documents", document(word));
        }
        await("the new events tried", Duration.ofSeconds(30), () -> receiver.received("/hook").stream()
                .filter(r -> r.answered() == 503).map(WebhookReceiver.Received::id).distinct().count() == 3);
        instances.get(a).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        instances.get(b).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        receiver.answer("/hook", () -> 200);

        start();
        await("the three events delivered after the restart", Duration.ofSeconds(90),
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
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports.get(instance) + path))
                .header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(201);
        return JSON.readTree(r.body());
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(end);
            Thread.sleep(100);
        }
    }

    private void awaitReady(int instance) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!instances.get(instance).isAlive()) {
                throw new AssertionError("instance " + instance + " exited:\n" + Files.readString(logs.get(instance)));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.get(instance) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("instance " + instance + " not ready:\n" + Files.readString(logs.get(instance)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
