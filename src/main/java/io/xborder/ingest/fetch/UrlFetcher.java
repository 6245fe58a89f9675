package io.xborder.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches a URL over HTTP(S) for ingestion, defensively: every hop (the URL and each redirect target) passes the
 * {@link SsrfGuard} first; redirects are followed by hand up to a limit; the body is read as a stream and abandoned
 * once it passes the size limit or the read deadline. Thread-safe; share one instance.
 */
public final class UrlFetcher implements AutoCloseable {

    private final FetchSettings settings;
    private final SsrfGuard guard;
    private final HttpClient client;
    private final ScheduledExecutorService deadlines;

    public UrlFetcher(FetchSettings settings, SsrfGuard guard) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY)
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "url-fetch-deadlines");
            t.setDaemon(true);
            return t;
        });
    }

    public FetchSettings settings() {
        return settings;
    }

    /** Fetches {@code url}, following up to {@code maxRedirects} redirects. */
    public FetchedResource fetch(URI url) throws FetchException {
        URI current = url;
        for (int hop = 0; hop <= settings.maxRedirects(); hop++) {
            guard.check(current);
            HttpResponse<InputStream> response = send(current);
            int status = response.statusCode();
            if (status >= 300 && status < 400 && status != 304) {
                String location = response.headers().firstValue("Location").orElse(null);
                closeQuietly(response.body());
                if (location == null || location.isBlank()) {
                    throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                            current + " answered " + status + " without a Location", null);
                }
                current = resolve(current, location);
                continue;
            }
            if (status < 200 || status >= 300) {
                closeQuietly(response.body());
                throw new FetchException(FetchException.Kind.UNREACHABLE, current + " answered HTTP " + status, null);
            }
            OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
            if (declared.isPresent() && declared.getAsLong() > settings.maxBytes()) {
                closeQuietly(response.body());
                throw new FetchException(FetchException.Kind.TOO_LARGE, current + " declares " + declared.getAsLong()
                        + " bytes, more than the limit of " + settings.maxBytes(), null);
            }
            byte[] body = readBounded(current, response.body());
            return new FetchedResource(current, response.headers().firstValue("Content-Type").orElse(null),
                    fileName(current), body);
        }
        throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                url + " redirected more than " + settings.maxRedirects() + " times", null);
    }

    private HttpResponse<InputStream> send(URI uri) throws FetchException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(settings.readTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5")
                .GET()
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT,
                    "connecting to " + uri.getHost() + " took longer than "
                            + settings.connectTimeout().toMillis() + " ms",
                    e);
        } catch (HttpTimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT, uri + " did not answer within "
                    + settings.readTimeout().toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new FetchException(FetchException.Kind.UNREACHABLE, "cannot connect to " + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : ""), e);
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.UNREACHABLE, "fetching " + uri + " failed: " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.TIMEOUT, "interrupted while fetching " + uri, e);
        }
    }

    /** Reads at most maxBytes; closing the stream at the deadline unblocks a read from a server that stalls. */
    private byte[] readBounded(URI uri, InputStream in) throws FetchException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            closeQuietly(in);
        }, settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > settings.maxBytes()) {
                    throw new FetchException(FetchException.Kind.TOO_LARGE, uri + " sent more than the limit of "
                            + settings.maxBytes() + " bytes", null);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (expired.get()) {
                throw new FetchException(FetchException.Kind.TIMEOUT, uri + " did not send its body within "
                        + settings.readTimeout().toMillis() + " ms", e);
            }
            throw new FetchException(FetchException.Kind.UNREACHABLE, "reading " + uri + " failed: " + e.getMessage(),
                    e);
        } finally {
            deadline.cancel(false);
        }
    }

    private static URI resolve(URI base, String location) throws FetchException {
        try {
            String target = base.resolve(new URI(location.strip())).toString();
            int fragment = target.indexOf('#');
            return new URI(fragment < 0 ? target : target.substring(0, fragment));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                    base + " redirected to an invalid URL", e);
        }
    }

    private static String fileName(URI uri) {
        String path = uri.getPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return null;
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        return name.isBlank() ? null : name;
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing to do: the connection is dropped
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
