package io.xborder.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) in its own JVM on a free port of 127.0.0.1,
 * using the suite's PostgreSQL as its {@code DB_URL}. Also runs the baseline process for start-up and memory
 * ({@link BareJvm}). Extra JVM options: {@code -Dbench.jvmArgs="-Xmx256m ..."}.
 */
final class ServiceProcess implements AutoCloseable {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    final Process process;
    final int port;
    final Path log;
    /** From spawning the JVM to the first UP of /q/health/ready, in milliseconds. */
    final double readyMs;
    /** CPU time the JVM used until then (all its threads: JIT and GC included), in milliseconds. */
    final double readyCpuMs;

    private ServiceProcess(Process process, int port, Path log, double readyMs, double readyCpuMs) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.readyMs = readyMs;
        this.readyCpuMs = readyCpuMs;
    }

    static ServiceProcess start(BenchDatabase db, String name) throws IOException, InterruptedException {
        return start(db, name, javaBin(), List.of());
    }

    /** The service on the given {@code java}, with JVM options added to {@link #jvmArgs()}. */
    static ServiceProcess start(BenchDatabase db, String name, String java, List<String> extraJvmArgs)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run mvn package -DskipTests first");
        }
        int port = freePort();
        Path log = Path.of("target/bench/" + name + ".log");
        Files.createDirectories(log.getParent());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs());
        cmd.addAll(extraJvmArgs);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("DB_URL", db.url());
        env.put("DB_USER", "postgres");
        env.put("DB_PASSWORD", "");
        env.put("PORT", String.valueOf(port));
        env.put("XBORDER_DEMO", "false");
        env.put("XBORDER_DATA_DIR", Files.createTempDirectory("xborder-bench-data").toString());
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("XBORDER_FINDINGS_COUNT_CAP", String.valueOf(FindingsBench.COUNT_CAP));
        env.put("XBORDER_BOOTSTRAP_ADMIN_KEY", API_KEY);
        long t0 = System.nanoTime();
        Process p = pb.start();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(600);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("The service exited with " + p.exitValue() + "; see " + log);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return new ServiceProcess(p, port, log, (System.nanoTime() - t0) / 1e6,
                            CpuTime.processMs(p.pid()));
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        p.destroyForcibly();
        throw new IllegalStateException("The service did not become ready in 600 s; see " + log);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Quarkus' own "started in" figure (after the JVM and class loading), in milliseconds. */
    double startedInMs() throws IOException {
        Matcher m = STARTED.matcher(Files.readString(log));
        return m.find() ? Double.parseDouble(m.group(1)) * 1000 : Double.NaN;
    }

    /** Current resident set size in MB. */
    double rssMb() {
        return procStatusKb(process.pid(), "VmRSS") / 1024.0;
    }

    /** Peak resident set size since start in MB. */
    double peakRssMb() {
        return procStatusKb(process.pid(), "VmHWM") / 1024.0;
    }

    static long procStatusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    /** SIGTERM, then SIGKILL when the JVM has not exited after {@code grace}. */
    void close(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    static List<String> jvmArgs() {
        String args = System.getProperty("bench.jvmArgs", "").trim();
        return args.isEmpty() ? List.of() : List.of(args.split("\\s+"));
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /**
     * The key every request carries (X-API-Key): XBORDER_API_KEY when set (a service started elsewhere),
     * else one made for this run and given to the services the suite starts as their bootstrap admin key.
     */
    static final String API_KEY = Optional.ofNullable(System.getenv("XBORDER_API_KEY")).filter(k -> !k.isBlank())
            .orElseGet(() -> "xb_" + UUID.randomUUID().toString().replace("-", "")
                    + UUID.randomUUID().toString().replace("-", ""));

    static HttpRequest.Builder withAuth(HttpRequest.Builder b) {
        return b.header("X-API-Key", API_KEY);
    }
}
