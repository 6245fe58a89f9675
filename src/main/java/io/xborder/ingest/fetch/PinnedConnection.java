package io.xborder.ingest.fetch;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 exchange with a URL whose host the {@link SsrfGuard} approved, over a connection to one of the
 * addresses it approved: the name is not looked up a second time, so a DNS answer that changes in between (DNS
 * rebinding) cannot send the request elsewhere. The host name is kept where it belongs: the {@code Host} header, and
 * for https the TLS server name (SNI) and the certificate's host name check. One request per connection
 * ({@code Connection: close}); following redirects is the caller's (each target approved again). Used by the URL
 * fetcher and the webhook sender.
 */
public final class PinnedConnection implements AutoCloseable {

    /** The most bytes of status line and headers read. */
    static final int MAX_HEAD = 64 * 1024;

    private final URI uri;
    private final boolean https;
    private final int port;
    /** The TCP connection; closing it ends the exchange from any thread, a TLS handshake or a read included. */
    private final Socket tcp;
    /** What the exchange goes over: the TCP connection, or TLS over it. */
    private Socket socket;
    private InputStream in;

    private PinnedConnection(URI uri, boolean https, int port, Socket tcp) {
        this.uri = uri;
        this.https = https;
        this.port = port;
        this.tcp = tcp;
        this.socket = tcp;
    }

    /**
     * Connects to the first of the approved addresses that answers, each within the connect time-out.
     *
     * @param approved what {@link SsrfGuard#approve} answered for the URL
     * @throws java.net.SocketTimeoutException when the last address tried did not answer in time
     * @throws IOException when none could be connected to (the last address's failure)
     */
    public static PinnedConnection open(URI uri, List<InetAddress> approved, Duration connectTimeout)
            throws IOException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        IOException last = new IOException("no approved address");
        for (InetAddress address : approved) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, connectTimeout.toMillis()));
                return new PinnedConnection(uri, https, port, socket);
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw last;
    }

    /**
     * Sends the request (after the TLS handshake, for https): the request line, {@code Host}, the headers given,
     * {@code Content-Length} when there is a body, {@code Connection: close}; then the body. Every later read gives up
     * after {@code readTimeout} without a byte.
     *
     * @param body the request body, or null for none
     */
    public void send(String method, Map<String, String> headers, byte[] body, Duration readTimeout)
            throws IOException {
        if (https) {
            socket = tls(socket, uri.getHost(), port);
        }
        socket.setSoTimeout((int) Math.max(1, readTimeout.toMillis()));
        StringBuilder head = new StringBuilder(method).append(' ').append(target(uri)).append(" HTTP/1.1\r\n");
        boolean defaultPort = port == (https ? 443 : 80);
        head.append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        OutputStream out = socket.getOutputStream();
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
    }

    /** Reads the final answer's status line and headers (interim 1xx answers are skipped). */
    public Answer answer() throws IOException {
        in = new BufferedInputStream(socket.getInputStream());
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
            Map<String, String> headers = new LinkedHashMap<>();
            for (String header = line(in, read); !header.isEmpty(); header = line(in, read)) {
                int colon = header.indexOf(':');
                if (colon > 0) {
                    headers.putIfAbsent(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                            header.substring(colon + 1).strip());
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            long length = -1;
            String declared = headers.get("content-length");
            if (declared != null) {
                try {
                    length = Long.parseLong(declared);
                } catch (NumberFormatException e) {
                    throw new IOException("a bad Content-Length: " + excerptOf(declared));
                }
            }
            boolean chunked = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT)
                    .contains("chunked");
            boolean noBody = status == 204 || status == 304;
            return new Answer(status, headers, noBody ? 0 : length, !noBody && chunked, in);
        }
    }

    /** An answer's status and headers, and its body to read. */
    public record Answer(int status, Map<String, String> headers, long contentLength, boolean chunked,
            InputStream stream) {

        /** A header's (first) value; names in any case. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }

        /**
         * The body as sent: chunks decoded, up to the Content-Length, or up to the end of the connection when neither
         * says where it ends. Closing it closes the connection.
         */
        public InputStream body() {
            if (chunked) {
                return new Chunked(stream);
            }
            return contentLength >= 0 ? new Bounded(stream, contentLength) : stream;
        }
    }

    /** Drops the connection; safe from another thread (a deadline), which unblocks a read or a handshake. */
    @Override
    public void close() {
        closeQuietly(tcp);
    }

    /** TLS over the connected socket, for the URL's host name: SNI and the certificate's name are checked for it. */
    private static Socket tls(Socket socket, String host, int port) throws IOException {
        SSLSocket ssl;
        try {
            ssl = (SSLSocket) SSLContext.getDefault().getSocketFactory().createSocket(socket, host, port, true);
        } catch (NoSuchAlgorithmException e) {
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

    /** The request target: the raw path ("/" when empty) and query. */
    private static String target(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
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

    /** A body read from the connection's stream: one byte at a time as a block of one; closing closes the stream. */
    private abstract static class Body extends InputStream {

        final InputStream in;

        Body(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** A body of a known length: the end of the stream after that many bytes. */
    private static final class Bounded extends Body {

        private long left;

        Bounded(InputStream in, long length) {
            super(in);
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A chunked body, decoded (trailers ignored). */
    private static final class Chunked extends Body {

        private long left;
        private boolean done;

        Chunked(InputStream in) {
            super(in);
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

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: the connection is dropped
        }
    }
}
