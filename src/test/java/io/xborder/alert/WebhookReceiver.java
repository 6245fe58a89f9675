package io.xborder.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.xborder.testing.LocalHttpServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on 127.0.0.1 as an integrator would write one from src/docs/alerts.md: it checks each request's
 * signature with its path's secret (its own HMAC code, not the service's) and records what came. What it answers is
 * set per path (200 by default).
 */
final class WebhookReceiver implements AutoCloseable {

    /** One request as it came. */
    record Received(String path, String id, String timestamp, String signature, String contentType, String body,
            boolean verified, int answered, String host) {
    }

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, IntSupplier> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Long> delays = new ConcurrentHashMap<>();
    private final Map<String, Integer> bodySizes = new ConcurrentHashMap<>();

    WebhookReceiver() {
        server = LocalHttpServer.onLoopback("webhook-receiver", this::handle);
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Verifies the path's requests with this secret. */
    void secret(String path, String secret) {
        secrets.put(path, secret);
    }

    /** What the path answers, asked per request. */
    void answer(String path, IntSupplier status) {
        answers.put(path, status);
    }

    /** Waits this long before answering the path. */
    void delay(String path, long millis) {
        delays.put(path, millis);
    }

    /** Answers the path with a body of this many bytes ("x"). */
    void bodySize(String path, int bytes) {
        bodySizes.put(path, bytes);
    }

    /** Answers {@code status} to the first {@code n} requests of the path, then 200. */
    void failFirst(String path, int n, int status) {
        AtomicInteger count = new AtomicInteger();
        answer(path, () -> count.incrementAndGet() <= n ? status : 200);
    }

    List<Received> received(String path) {
        List<Received> out = new ArrayList<>();
        for (Received r : received) {
            if (r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String secret = secrets.get(path);
            boolean verified = secret != null && id != null && timestamp != null && signature != null
                    && verify(secret, id, timestamp, body, signature);
            int status = answers.getOrDefault(path, () -> 200).getAsInt();
            received.add(new Received(path, id, timestamp, signature,
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, verified, status,
                    exchange.getRequestHeaders().getFirst("Host")));
            long delay = delays.getOrDefault(path, 0L);
            if (delay > 0) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer size = bodySizes.get(path);
            byte[] answer = size == null
                    ? ("answered " + status).getBytes(StandardCharsets.UTF_8)
                    : "x".repeat(size).getBytes(StandardCharsets.US_ASCII);
            try {
                exchange.sendResponseHeaders(status, answer.length);
                exchange.getResponseBody().write(answer);
            } catch (IOException e) {
                // the sender stopped reading (time-out, size limit): expected in those tests
            }
        }
    }

    /** The documented check: HMAC-SHA256 over "id.timestamp.body" with the base64 key after whsec_. */
    static boolean verify(String secret, String id, String timestamp, String body, String header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    "HmacSHA256"));
            byte[] expected = ("v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8))))
                    .getBytes(StandardCharsets.US_ASCII);
            for (String candidate : header.split(" ")) {
                if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
