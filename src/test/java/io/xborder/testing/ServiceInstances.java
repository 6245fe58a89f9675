package io.xborder.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Instances of the packaged service ({@code target/quarkus-app/quarkus-run.jar}) started as processes on one
 * PostgreSQL, for the integration tests that run several of them or kill them: each on a free port, with its output
 * in a log file that a failure to start prints, signed in with one bootstrap admin key. Closing stops them all
 * (SIGTERM, then SIGKILL after a minute).
 */
public final class ServiceInstances implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String jdbcUrl;
    private final String adminKey;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    /**
     * @param jdbcUrl the database every instance uses (user postgres)
     * @param adminKey the admin API key every instance is started with
     */
    public ServiceInstances(String jdbcUrl, String adminKey) {
        this.jdbcUrl = jdbcUrl;
        this.adminKey = adminKey;
    }

    /**
     * Starts an instance without waiting for it: no demo data, no feed polling, the settings given as JVM system
     * properties ({@code -Dname=value}) and environment variables on top.
     *
     * @return its index
     */
    public int start(String name, List<String> jvmArguments, Map<String, String> environment) throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("packaged jar (mvn verify builds it before the integration tests)").exists();
        int port = freePort();
        Path log = Files.createTempFile("xborder-" + name + "-" + processes.size(), ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("DB_URL", jdbcUrl);
        env.put("DB_USER", "postgres");
        env.put("PORT", Integer.toString(port));
        env.put("XBORDER_DEMO", "false");
        env.put("XBORDER_FEEDS_CHECK_EVERY", "off");
        env.put("XBORDER_BOOTSTRAP_ADMIN_KEY", adminKey);
        env.putAll(environment);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        processes.add(pb.start());
        ports.add(port);
        logs.add(log);
        return processes.size() - 1;
    }

    /** Starts an instance and waits until it is ready. */
    public int startReady(String name, List<String> jvmArguments, Map<String, String> environment)
            throws Exception {
        int index = start(name, jvmArguments, environment);
        awaitReady(index);
        return index;
    }

    /** Waits (up to two minutes) until the instance answers ready; fails with its log when it exits or does not. */
    public void awaitReady(int instance) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes.get(instance).isAlive()) {
                throw new AssertionError("instance " + instance + " exited:\n" + Files.readString(logs.get(instance)));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(instance, "/q/health/ready")).build(),
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

    /** A request to the instance, with the admin key and a 30 s time-out. */
    public HttpRequest.Builder request(int instance, String path) {
        return HttpRequest.newBuilder(uri(instance, path)).timeout(Duration.ofSeconds(30)).header("X-API-Key",
                adminKey);
    }

    /** Sends a request with the shared client. */
    public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public Process process(int instance) {
        return processes.get(instance);
    }

    private URI uri(int instance, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(instance) + path);
    }

    /** Waits until the condition holds, asking every 100 ms; fails naming what was waited for after the time-out. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        await(what, timeout, Duration.ofMillis(100), condition);
    }

    /** Waits until the condition holds, asking {@code every} so often (a costly condition less often). */
    public static void await(String what, Duration timeout, Duration every, BooleanSupplier condition)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited for " + what).isLessThan(end);
            Thread.sleep(every.toMillis());
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
