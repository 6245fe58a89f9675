package io.xborder.alert;

import io.xborder.ingest.fetch.FetchException;
import io.xborder.ingest.fetch.SsrfGuard;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Sends one event: the URL's host is resolved once, by the SSRF guard, which checks every address (again at every
 * attempt, so a name that now resolves to a private address is refused); the request then goes to exactly an address
 * the guard approved — the name is not looked up a second time, so a DNS answer that changes in between (DNS
 * rebinding) cannot send it elsewhere. The original host name is kept where it belongs: the {@code Host} header, and
 * for https the TLS server name (SNI) and the certificate's host name check. One HTTP/1.1 POST of the CloudEvent
 * with the Standard Webhooks headers, {@code Connection: close}; redirects are not followed. The answer is read up to
 * the size limit and within the time-out; 2xx is delivered, anything else failed.
 */
public final class WebhookSender implements AutoCloseable {

    /** Characters of an answer kept in the delivery log. */
    static final int EXCERPT = 1000;
    static final String CONTENT_TYPE = "application/cloudevents+json; charset=utf-8";
    /** The most bytes of status line and headers read. */
    private static final int MAX_HEAD = 64 * 1024;

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
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        Socket socket;
        try {
            socket = connect(approved, port);
        } catch (SocketTimeoutException e) {
            return failed(started, "connect timed out after " + connectTimeout.toMillis() + " ms");
        } catch (IOException e) {
            return failed(started, "cannot connect: " + message(e));
        }
        // from here the whole exchange is bounded by the time-out: the socket is closed when it runs out
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeQuietly(socket),
                Math.max(timeout.toNanos() - (System.nanoTime() - started), 1), TimeUnit.NANOSECONDS);
        try (Socket s = https ? tls(socket, uri.getHost(), port) : socket) {
            s.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            long timestamp = Instant.now().getEpochSecond();
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(head(uri, port, https, eventId, timestamp,
                    WebhookSignature.sign(secret, eventId, timestamp, body), payload.length));
            out.write(payload);
            out.flush();
            InputStream in = new BufferedInputStream(s.getInputStream());
            Head answer = readHead(in);
            String excerpt = excerpt(answer, in);
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

    /** Connects to the first approved address that answers, each within the connect time-out. */
    private Socket connect(List<InetAddress> approved, int port) throws IOException {
        IOException last = null;
        for (InetAddress address : approved) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, connectTimeout.toMillis()));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw last;
    }

    /** TLS over the connected socket, for the URL's host name: SNI and the certificate's name are checked for it. */
    private static Socket tls(Socket socket, String host, int port) throws IOException {
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(socket, host, port, true);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS", e);
        }
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!bare.contains(":") && !bare.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(bare)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] head(URI uri, int port, boolean https, String eventId, long timestamp, String signature,
            int length) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        String host = uri.getHost() + (defaultPort ? "" : ":" + port);
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Content-Type: " + CONTENT_TYPE + "\r\n"
                + "Content-Length: " + length + "\r\n"
                + "User-Agent: xborder-webhooks/1.0\r\n"
                + "webhook-id: " + eventId + "\r\n"
                + "webhook-timestamp: " + timestamp + "\r\n"
                + "webhook-signature: " + signature + "\r\n"
                + "Connection: close\r\n\r\n";
        return head.getBytes(StandardCharsets.US_ASCII);
    }

    /** The status and the headers that say how the body is framed. */
    private record Head(int status, long contentLength, boolean chunked) {
    }

    /** Reads the final answer's status line and headers (interim 1xx answers are skipped). */
    private static Head readHead(InputStream in) throws IOException {
        int[] read = { 0 };
        while (true) {
            String statusLine = line(in, read);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + excerptOf(statusLine));
            }
            int status;
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status: " + excerptOf(parts[1]));
            }
            long length = -1;
            boolean chunked = false;
            for (String header = line(in, read); !header.isEmpty(); header = line(in, read)) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                if (name.equals("content-length")) {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("a bad Content-Length: " + excerptOf(value));
                    }
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            boolean noBody = status == 204 || status == 304;
            return new Head(status, noBody ? 0 : length, !noBody && chunked);
        }
    }

    /** One CRLF- (or LF-) terminated line of the head, within the head's size limit. */
    private static String line(InputStream in, int[] read) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (++read[0] > MAX_HEAD) {
                throw new IOException("the answer's headers exceed " + MAX_HEAD + " bytes");
            }
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            throw new IOException("the connection closed before an answer");
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads the body up to the size limit (chunks decoded); what was read by then is the excerpt. */
    private String excerpt(Head head, InputStream in) {
        byte[] buffer = new byte[(int) Math.min(maxResponseBytes, EXCERPT * 4L)];
        int kept = 0;
        long read = 0;
        try {
            InputStream body = head.chunked() ? new Chunked(in) : in;
            long limit = head.contentLength() >= 0
                    ? Math.min(head.contentLength(), maxResponseBytes)
                    : maxResponseBytes;
            byte[] chunk = new byte[8192];
            int n;
            while (read < limit && (n = body.read(chunk, 0, (int) Math.min(chunk.length, limit - read))) >= 0) {
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

    /** A chunked body, decoded (trailers ignored). */
    private static final class Chunked extends InputStream {

        private final InputStream in;
        private long left;
        private boolean done;

        Chunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (left == 0) {
                int[] count = { 0 };
                String size = line(in, count);
                if (size.isEmpty()) { // the CRLF after the previous chunk
                    size = line(in, count);
                }
                int semicolon = size.indexOf(';');
                try {
                    left = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("a bad chunk size");
                }
                if (left == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("the connection closed inside a chunk");
            }
            left -= n;
            return n;
        }
    }

    private static String excerptOf(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
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

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }
}
