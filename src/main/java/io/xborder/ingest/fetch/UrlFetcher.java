package io.xborder.ingest.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches a URL over HTTP(S) for ingestion, defensively: every hop (the URL and each redirect target) is approved by
 * the {@link SsrfGuard} first, which resolves its host once, and fetched over a {@link PinnedConnection} to an address
 * the guard approved (the name is not resolved again, so DNS rebinding cannot lead it elsewhere); redirects are
 * followed by hand up to a limit; the body is read as a stream and abandoned once it passes the size limit or the
 * read deadline. Thread-safe; share one instance.
 */
public final class UrlFetcher implements AutoCloseable {

    private static final String ACCEPT = "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,*/*;q=0.5";

    private final FetchSettings settings;
    private final SsrfGuard guard;
    private final ScheduledExecutorService deadlines;

    public UrlFetcher(FetchSettings settings, SsrfGuard guard) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.guard = Objects.requireNonNull(guard, "guard");
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
            List<InetAddress> approved = guard.approve(current);
            try (PinnedConnection connection = open(current, approved)) {
                PinnedConnection.Answer response = request(current, connection);
                int status = response.status();
                if (status >= 300 && status < 400 && status != 304) {
                    String location = response.header("Location").orElse(null);
                    if (location == null || location.isBlank()) {
                        throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                                current + " answered " + status + " without a Location", null);
                    }
                    current = resolve(current, location);
                    continue;
                }
                if (status < 200 || status >= 300) {
                    throw new FetchException(FetchException.Kind.UNREACHABLE, current + " " + refusal(status), null);
                }
                if (response.contentLength() > settings.maxBytes()) {
                    throw new FetchException(FetchException.Kind.TOO_LARGE, current + " declares "
                            + response.contentLength() + " bytes, more than the limit of " + settings.maxBytes(),
                            null);
                }
                byte[] body = readBounded(current, response.body(), connection);
                return new FetchedResource(current, response.header("Content-Type").orElse(null), fileName(current),
                        body);
            }
        }
        throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                url + " redirected more than " + settings.maxRedirects() + " times", null);
    }

    /** A connection to one of the addresses the guard approved for the URL. */
    private PinnedConnection open(URI uri, List<InetAddress> approved) throws FetchException {
        try {
            return PinnedConnection.open(uri, approved, settings.connectTimeout());
        } catch (SocketTimeoutException e) {
            throw new FetchException(FetchException.Kind.TIMEOUT,
                    "connecting to " + uri.getHost() + " took longer than "
                            + settings.connectTimeout().toMillis() + " ms",
                    e);
        } catch (ConnectException e) {
            throw new FetchException(FetchException.Kind.UNREACHABLE, "cannot connect to " + uri.getHost()
                    + (uri.getPort() > 0 ? ":" + uri.getPort() : ""), e);
        } catch (IOException e) {
            throw failed(uri, e);
        }
    }

    /** Sends the GET and reads the answer's head, both within the read time-out. */
    private PinnedConnection.Answer request(URI uri, PinnedConnection connection) throws FetchException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            connection.close();
        }, settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            connection.send("GET", Map.of("User-Agent", settings.userAgent(), "Accept", ACCEPT), null,
                    settings.readTimeout());
            return connection.answer();
        } catch (IOException e) {
            if (expired.get() || e instanceof SocketTimeoutException) {
                throw new FetchException(FetchException.Kind.TIMEOUT, uri + " did not answer within "
                        + settings.readTimeout().toMillis() + " ms", e);
            }
            throw failed(uri, e);
        } finally {
            deadline.cancel(false);
        }
    }

    private static FetchException failed(URI uri, IOException e) {
        return new FetchException(FetchException.Kind.UNREACHABLE, "fetching " + uri + " failed: " + e.getMessage(),
                e);
    }

    /** Reads at most maxBytes; dropping the connection at the deadline unblocks a read from a server that stalls. */
    private byte[] readBounded(URI uri, InputStream in, PinnedConnection connection) throws FetchException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            expired.set(true);
            connection.close();
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
            if (expired.get() || e instanceof SocketTimeoutException) {
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

    @Override
    public void close() {
        deadlines.shutdownNow();
    }

    /** Why a page was not given, in words an analyst reads on the job and feed pages; the code stays for support. */
    static String refusal(int status) {
        return switch (status) {
            case 404, 410 -> "was not found: the site answered " + status;
            case 401, 403 -> "is not open to us: the site refused access (" + status + ")";
            case 429 -> "was refused for now: the site asks for fewer requests (429)";
            default -> status >= 500
                    ? "could not be read: the site had an error (" + status + ")"
                    : "could not be read: the site answered " + status;
        };
    }
}
