package io.xborder.alert;

import io.xborder.ingest.fetch.FetchException;
import io.xborder.ingest.fetch.PinnedConnection;
import io.xborder.ingest.fetch.SsrfGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one event: the URL's host is resolved once, by the SSRF guard, which checks every address (again at every
 * attempt, so a name that now resolves to a private address is refused); the request then goes to exactly an address
 * the guard approved, over a {@link PinnedConnection} (the name is not looked up a second time, so DNS rebinding
 * cannot send it elsewhere; the name stays in the Host header, SNI and the certificate check). One HTTP/1.1 POST of
 * the CloudEvent with the Standard Webhooks headers; redirects are not followed. The answer is read up to
 * the size limit and within the time-out; 2xx is delivered, anything else failed.
 */
public final class WebhookSender implements AutoCloseable {

    /** Characters of an answer kept in the delivery log. */
    static final int EXCERPT = 1000;
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final SsrfGuard guard;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final ScheduledExecutorService deadlines;

    public WebhookSender(SsrfGuard guard, Duration connectTimeout, Duration timeout, long maxResponseBytes) {
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether events may be sent to this URL; thrown as the URL fetcher's refusals are. */
    public void checkTarget(URI uri) throws FetchException {
        guard.check(uri);
    }

    /** Sends the event once, signed for this attempt's time. */
    public DeliveryQueue.Outcome send(String url, String secret, String eventId, String body) {
        long started = System.nanoTime();
        URI uri;
        List<InetAddress> approved;
        try {
            uri = URI.create(url);
            approved = guard.approve(uri);
        } catch (FetchException | IllegalArgumentException e) {
            return new DeliveryQueue.Outcome(false, null, millisSince(started), "refused: " + e.getMessage(), null);
        }
        PinnedConnection connection;
        try {
            connection = PinnedConnection.open(uri, approved, connectTimeout);
        } catch (SocketTimeoutException e) {
            return failed(started, "connect timed out after " + connectTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return failed(started, "cannot connect: " + message(e));
        }
        // from here the whole exchange is bounded by the time-out: the connection is dropped when it runs out
        ScheduledFuture<?> deadline = deadlines.schedule(connection::close,
                Math.max(timeout.toNanos() - (System.nanoTime() - started), 1), TimeUnit.NANOSECONDS);
        try (connection) {
            long timestamp = Instant.now().getEpochSecond();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", CONTENT_TYPE);
            headers.put("User-Agent", "xborder-webhooks/1.0");
            headers.put("webhook-id", eventId);
            headers.put("webhook-timestamp", Long.toString(timestamp));
            headers.put("webhook-signature", WebhookSignature.sign(secret, eventId, timestamp, body));
            connection.send("POST", headers, body.getBytes(StandardCharsets.UTF_8), timeout);
            PinnedConnection.Answer answer = connection.answer();
            String excerpt = excerpt(answer);
            int status = answer.status();
            return new DeliveryQueue.Outcome(status >= 200 && status < 300, status, millisSince(started), null,
                    excerpt);
        } catch (IOException e) {
            if (e instanceof SocketTimeoutException || millisSince(started) >= timeout.toMillis()) {
                return failed(started, "no answer within " + timeout.toMillis() + " ms");
            }
            return failed(started, "cannot connect: " + message(e));
        } finally {
            deadline.cancel(false);
        }
    }

    /** Reads the body up to the size limit (chunks decoded); what was read by then is the excerpt. */
    private String excerpt(PinnedConnection.Answer answer) {
        byte[] buffer = new byte[(int) Math.min(maxResponseBytes, EXCERPT * 4L)];
        int kept = 0;
        long read = 0;
        try {
            InputStream body = answer.body();
            byte[] chunk = new byte[8192];
            int n;
            while (read < maxResponseBytes
                    && (n = body.read(chunk, 0, (int) Math.min(chunk.length, maxResponseBytes - read))) >= 0) {
                int copy = Math.min(n, buffer.length - kept);
                if (copy > 0) {
                    System.arraycopy(chunk, 0, buffer, kept, copy);
                    kept += copy;
                }
                read += n;
            }
        } catch (IOException e) {
            // closed at the deadline or by the receiver: the excerpt is what came
        }
        // malformed bytes (a cut-off character among them) become U+FFFD
        String text = new String(buffer, 0, kept, StandardCharsets.UTF_8);
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) : text;
    }

    private static String message(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static DeliveryQueue.Outcome failed(long started, String error) {
        return new DeliveryQueue.Outcome(false, null, millisSince(started), error, null);
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
