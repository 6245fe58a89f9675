package io.xborder.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A JDK HTTP server on 127.0.0.1 and a free port, serving fixed answers per path; for fetch and feed tests. */
public final class LocalHttpServer implements AutoCloseable {

    /** One answer: status, headers, body; {@code chunked} sends no Content-Length; {@code delayMillis} stalls first. */
    public record Answer(int status, Map<String, String> headers, byte[] body, boolean chunked, long delayMillis) {

        public static Answer ok(String contentType, byte[] body) {
            return new Answer(200, Map.of("Content-Type", contentType), body, false, 0);
        }

        public static Answer ok(String contentType, String body) {
            return ok(contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        public static Answer redirect(String location) {
            return new Answer(302, Map.of("Location", location), new byte[0], false, 0);
        }

        public static Answer status(int status) {
            return new Answer(status, Map.of("Content-Type", "text/plain"), ("status " + status).getBytes(), false, 0);
        }

        public Answer withoutLength() {
            return new Answer(status, headers, body, true, delayMillis);
        }

        public Answer delayed(long millis) {
            return new Answer(status, headers, body, chunked, millis);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final Map<String, String> hosts = new ConcurrentHashMap<>();

    public LocalHttpServer() {
        server = onLoopback("local-http", this::handle);
    }

    /**
     * A started JDK HTTP server on 127.0.0.1 and a free port, every path answered by {@code handler} on four daemon
     * threads named {@code threads}.
     */
    public static HttpServer onLoopback(String threads, HttpHandler handler) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", handler);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, threads);
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return server;
    }

    public LocalHttpServer serve(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    /** The Host header of the last request for the path; null when none came. */
    public String host(String path) {
        return hosts.get(path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null) {
            hosts.put(path, host);
        }
        Answer answer = answers.getOrDefault(path, Answer.status(404));
        try (exchange) {
            if (answer.delayMillis() > 0) {
                Thread.sleep(answer.delayMillis());
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            exchange.sendResponseHeaders(answer.status(), answer.chunked()
                    ? 0
                    : answer.body().length == 0
                            ? -1
                            : answer.body().length);
            if (answer.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client went away (size limit, timeout): expected in those tests
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
