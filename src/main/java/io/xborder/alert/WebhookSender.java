package io.xborder.alert;

import io.xborder.ingest.fetch.FetchException;
import io.xborder.ingest.fetch.SsrfGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one event: the URL passes the SSRF guard first (again at every attempt, so a name that now resolves to a
 * private address is refused), then a POST of the CloudEvent with the Standard Webhooks headers; redirects are not
 * followed. The answer is read up to the size limit and within the time-out; 2xx is delivered, anything else failed.
 */
public final class WebhookSender implements AutoCloseable {

    /** Characters of an answer kept in the delivery log. */
    static final int EXCERPT = 1000;
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";

    private final HttpClient client;
    private final SsrfGuard guard;
    private final Duration timeout;
    private final long maxResponseBytes;
    private final ScheduledExecutorService deadlines;

    public WebhookSender(SsrfGuard guard, Duration connectTimeout, Duration timeout, long maxResponseBytes) {
        this.guard = guard;
        this.timeout = timeout;
        this.maxResponseBytes = maxResponseBytes;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).proxy(HttpClient.Builder.NO_PROXY).build();
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
        try {
            uri = URI.create(url);
            guard.check(uri);
        } catch (FetchException | IllegalArgumentException e) {
            return new DeliveryQueue.Outcome(false, null, millisSince(started), "refused: " + e.getMessage(), null);
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", CONTENT_TYPE)
                .header("User-Agent", "xborder-webhooks/1.0")
                .header("webhook-id", eventId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(secret, eventId, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            return failed(started, "connect timed out after " + timeout.toMillis() + " ms");
        } catch (HttpTimeoutException e) {
            return failed(started, "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return failed(started, "cannot connect: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(started, "interrupted");
        }
        String excerpt = excerpt(response.body(), started);
        int status = response.statusCode();
        return new DeliveryQueue.Outcome(status >= 200 && status < 300, status, millisSince(started), null, excerpt);
    }

    /** Reads up to the size limit before the deadline; what was read by then is the excerpt. */
    private String excerpt(InputStream body, long started) {
        long left = timeout.toNanos() - (System.nanoTime() - started);
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(body), Math.max(left, 1),
                TimeUnit.NANOSECONDS);
        byte[] buffer = new byte[(int) Math.min(maxResponseBytes, EXCERPT * 4L)];
        int kept = 0;
        long read = 0;
        try (body) {
            byte[] chunk = new byte[8192];
            int n;
            while (read < maxResponseBytes && (n = body.read(chunk)) >= 0) {
                int copy = (int) Math.min(n, buffer.length - kept);
                if (copy > 0) {
                    System.arraycopy(chunk, 0, buffer, kept, copy);
                    kept += copy;
                }
                read += n;
            }
        } catch (IOException e) {
            // closed at the deadline or by the receiver: the excerpt is what came
        } finally {
            deadline.cancel(false);
        }
        // malformed bytes (a cut-off character among them) become U+FFFD
        String text = new String(buffer, 0, kept, StandardCharsets.UTF_8);
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) : text;
    }

    private static DeliveryQueue.Outcome failed(long started, String error) {
        return new DeliveryQueue.Outcome(false, null, millisSince(started), error, null);
    }

    private static int millisSince(long started) {
        return (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
