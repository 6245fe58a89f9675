package io.xborder.bench;

import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Language;
import io.xborder.testing.FindingsData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints one table, each measure next to the baseline measured in the same run.
 * Argument: {@code all} (default) or a comma-separated list of parts: {@code core}, {@code classify},
 * {@code findings}, {@code service} (start-up and memory), {@code ingest}; or {@code db} to only start the
 * benchmark database (for EXPLAIN ANALYZE) until stopped.
 */
public final class BenchSuite {

    static final long FINDINGS = Long.getLong("bench.findings.rows", 1_000_000L);
    static final int STARTS = Integer.getInteger("bench.starts", 3);

    private BenchSuite() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 && !args[0].isBlank() ? args[0] : "all";
        Set<String> parts = new HashSet<>(Arrays.asList(which.split(",")));
        boolean all = parts.contains("all");
        if (parts.contains("db")) {
            // for looking at plans: the benchmark database with its data, until the process is stopped
            try (BenchDatabase db = BenchDatabase.start()) {
                System.err.println("bench: database " + db.url() + " (stop with Ctrl-C)");
                Thread.sleep(Long.MAX_VALUE);
            }
        }
        String loadBefore = loadAverage();
        BenchTable table = new BenchTable();
        if (all || parts.contains("core")) {
            core(table);
        }
        boolean classify = all || parts.contains("classify");
        boolean findings = all || parts.contains("findings");
        boolean service = all || parts.contains("service");
        if (classify || findings || service) {
            services(table, classify, findings, service);
        }
        if (all || parts.contains("ingest")) {
            ingest(table);
        }
        String loadAfter = loadAverage();
        StringBuilder out = new StringBuilder();
        out.append('\n').append("xborder benchmarks — ").append(machine()).append('\n');
        out.append("service JVM options: ").append(ServiceProcess.jvmArgs().isEmpty()
                ? "(none: JVM defaults)"
                : String.join(" ", ServiceProcess.jvmArgs())).append('\n');
        out.append("load average (1/5/15 min): ").append(loadBefore).append(" at start, ").append(loadAfter)
                .append(" at end\n\n");
        out.append(table.render());
        System.out.print(out);
        Path results = Path.of("target/bench/results.txt");
        Files.createDirectories(results.getParent());
        Files.writeString(results, out.toString());
    }

    // --- core ------------------------------------------------------------------------------------------------

    private static void core(BenchTable table) throws RunnerException {
        table.section("core classification, 1 thread (JMH); baseline: Aho-Corasick scan of all cues");
        Options options = new OptionsBuilder()
                .include(CoreBenchmark.class.getName())
                .forks(1)
                // ~1 MB per operation: 3 × 2 s of warm-up left English still compiling through the measurement
                // (its iterations fell from 140 to 102 ms), 6 × 3 s lets the compiler finish first
                .warmupIterations(6)
                .warmupTime(TimeValue.seconds(3))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> msPerOp = new LinkedHashMap<>();
        for (RunResult r : results) {
            String key = r.getParams().getBenchmark().replaceAll(".*\\.", "") + ":"
                    + r.getParams().getParam("language");
            msPerOp.put(key, r.getPrimaryResult().getScore());
        }
        for (Language l : Language.values()) {
            double mb = BenchTexts.utf8Bytes(BenchTexts.text(l, CoreBenchmark.TEXT_BYTES)) / 1e6;
            double classify = mb / (msPerOp.get("classify:" + l.code()) / 1000);
            double scan = mb / (msPerOp.get("cueScan:" + l.code()) / 1000);
            table.add("core segment+classify " + l.code() + " (MB/s per core)", classify, scan, "MB/s",
                    "cue scan; target ≥ " + (l == Language.EN ? "30 MB/s and ≥ 0.30×" : "60 MB/s and ≥ 0.20×"));
        }
    }

    // --- the packaged service --------------------------------------------------------------------------------

    private static void services(BenchTable table, boolean classify, boolean findings, boolean service)
            throws Exception {
        try (BenchDatabase db = BenchDatabase.start()) {
            // a first start migrates the schema (when needed) and warms the file cache; not measured
            try (ServiceProcess first = ServiceProcess.start(db, "service-migrate")) {
                System.err.printf("bench: service migrated and ready in %.0f ms%n", first.readyMs);
            }
            if (findings) {
                try (Connection c = db.connect()) {
                    long n = FindingsData.ensure(c, FINDINGS);
                    System.err.printf("bench: %,d findings in the database%n", n);
                }
            }
            List<Double> bare = new ArrayList<>();
            List<Double> bareCpu = new ArrayList<>();
            List<Double> bareRss = new ArrayList<>();
            List<Double> ready = new ArrayList<>();
            List<Double> readyCpu = new ArrayList<>();
            List<Double> startedIn = new ArrayList<>();
            List<Double> cds = new ArrayList<>();
            List<Double> cdsCpu = new ArrayList<>();
            List<Double> aot = new ArrayList<>();
            List<Double> aotCpu = new ArrayList<>();
            Optional<String> jdk25 = jdk25();
            if (service) {
                for (int i = 0; i < STARTS; i++) {
                    double[] b = bareJvm(db);
                    bare.add(b[0]);
                    bareRss.add(b[1]);
                    bareCpu.add(b[2]);
                }
                for (int i = 0; i < STARTS - 1; i++) {
                    try (ServiceProcess s = ServiceProcess.start(db, "service-start-" + i)) {
                        ready.add(s.readyMs);
                        readyCpu.add(s.readyCpuMs);
                        startedIn.add(s.startedInMs());
                    }
                }
                // JDK 17: a dynamic AppCDS archive of the classes one start loads, made by a training start
                Path archive = Path.of("target/bench/app-cds.jsa").toAbsolutePath();
                Files.deleteIfExists(archive);
                train(db, "service-appcds-train", ServiceProcess.javaBin(),
                        List.of("-XX:ArchiveClassesAtExit=" + archive));
                starts(db, "service-appcds", ServiceProcess.javaBin(), List.of("-XX:SharedArchiveFile=" + archive),
                        cds, cdsCpu);
                // JDK 25: the AOT cache (JEP 483/514/515) of the same kind of training start
                if (jdk25.isPresent()) {
                    Path cache = Path.of("target/bench/app.aot").toAbsolutePath();
                    Files.deleteIfExists(cache);
                    train(db, "service-aot-train", jdk25.get(), List.of("-XX:AOTCacheOutput=" + cache));
                    starts(db, "service-aot", jdk25.get(), List.of("-XX:AOTCache=" + cache), aot, aotCpu);
                }
            }
            try (ServiceProcess s = ServiceProcess.start(db, "service")) {
                ready.add(s.readyMs);
                readyCpu.add(s.readyCpuMs);
                startedIn.add(s.startedInMs());
                Thread.sleep(3000);
                double idleRss = s.rssMb();
                if (service) {
                    table.section("service start-up (external DB_URL, median of " + STARTS + ") and memory");
                    table.add("start-up: spawn to /q/health/ready", median(ready), median(bare), "ms",
                            "plain JVM + JDBC connect + select 1; target ≤ 2000 ms");
                    table.add("start-up: CPU until ready", median(readyCpu), median(bareCpu), "ms",
                            "same plain JVM's CPU; all threads, JIT and GC included");
                    table.add("start-up: Quarkus \"started in\"", median(startedIn), median(bare), "ms",
                            "same plain JVM");
                    table.add("start-up with AppCDS (JDK 17): spawn to ready", median(cds), median(ready), "ms",
                            "the start without the archive; target ≤ 2000 ms");
                    table.add("start-up with AppCDS (JDK 17): CPU until ready", median(cdsCpu), median(readyCpu), "ms",
                            "the start without the archive");
                    if (jdk25.isPresent()) {
                        table.add("start-up with AOT cache (JDK 25): spawn to ready", median(aot), median(ready), "ms",
                                "the JDK 17 start without archive; target ≤ 1000 ms");
                        table.add("start-up with AOT cache (JDK 25): CPU until ready", median(aotCpu),
                                median(readyCpu), "ms", "the JDK 17 start without archive");
                    }
                    table.add("resident memory idle (RSS)", idleRss, median(bareRss), "MB", "same plain JVM");
                }
                if (classify) {
                    classify(table, s);
                }
                if (findings) {
                    findings(table, s, db);
                }
                if (service) {
                    table.add("resident memory under load (peak RSS)", s.peakRssMb(), idleRss, "MB",
                            "service idle; target ≤ 512 MB");
                    table.add("resident memory after load (RSS)", s.rssMb(), idleRss, "MB", "service idle");
                }
            }
        }
    }

    /**
     * A training start: the service with the options that make an archive at exit, one authenticated findings page
     * (the request path's classes), then a stop that leaves the JVM time to write the archive.
     */
    private static void train(BenchDatabase db, String name, String java, List<String> options) throws Exception {
        long t0 = System.nanoTime();
        try (ServiceProcess s = ServiceProcess.start(db, name, java, options)) {
            HttpClient http = HttpClient.newHttpClient();
            http.send(ServiceProcess.withAuth(HttpRequest.newBuilder(URI.create(s.baseUrl()
                    + "/api/v1/findings?size=1"))).build(), HttpResponse.BodyHandlers.discarding());
            s.close(Duration.ofMinutes(5));
        }
        System.err.printf(Locale.ROOT, "bench: %s: archive made in %.0f s%n", name, (System.nanoTime() - t0) / 1e9);
    }

    /** {@link #STARTS} starts with these options, their time to ready and CPU until then. */
    private static void starts(BenchDatabase db, String name, String java, List<String> options, List<Double> ready,
            List<Double> cpu) throws Exception {
        for (int i = 0; i < STARTS; i++) {
            try (ServiceProcess s = ServiceProcess.start(db, name + "-" + i, java, options)) {
                ready.add(s.readyMs);
                cpu.add(s.readyCpuMs);
                System.err.printf(Locale.ROOT, "bench: %s: ready in %.0f ms, %.0f ms CPU%n", name, s.readyMs,
                        s.readyCpuMs);
            }
        }
    }

    /** The java of a JDK 25 ({@code -Dbench.jdk25=/path/to/jdk}, else the first under /usr/lib/jvm), if any. */
    static Optional<String> jdk25() throws IOException {
        String configured = System.getProperty("bench.jdk25", "").trim();
        if (!configured.isEmpty()) {
            return Optional.of(Path.of(configured, "bin", "java").toString());
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> d.getFileName().toString().matches(".*-25([.-].*)?"))
                    .map(d -> d.resolve("bin/java")).filter(Files::isExecutable).sorted().map(Path::toString)
                    .findFirst();
        }
    }

    /** Start-up time (spawn to "ready"), RSS and CPU until ready of a plain JVM that connects to the database. */
    private static double[] bareJvm(BenchDatabase db) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ServiceProcess.javaBin());
        cmd.addAll(ServiceProcess.jvmArgs());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BareJvm.class.getName(), db.url()));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = in.readLine();
            double ms = (System.nanoTime() - t0) / 1e6;
            double cpu = CpuTime.processMs(p.pid());
            if (!"ready".equals(line)) {
                throw new IllegalStateException("baseline JVM said " + line);
            }
            Thread.sleep(1000);
            double rss = ServiceProcess.procStatusKb(p.pid(), "VmRSS") / 1024.0;
            p.getOutputStream().close();
            p.waitFor(10, TimeUnit.SECONDS);
            return new double[] { ms, rss, cpu };
        } finally {
            p.destroyForcibly();
        }
    }

    private static void classify(BenchTable table, ServiceProcess s) throws Exception {
        table.section("POST /api/v1/classify over HTTP, " + ClassifyBench.CLIENTS + " clients closed-loop, "
                + ClassifyBench.SECONDS + " s; baseline: the core in-process on the same texts and threads");
        TextAnalyzer analyzer = TextAnalyzer.withDefaults();
        for (int bytes : new int[] { 1024, 50 * 1024 }) {
            for (Language l : Language.values()) {
                List<String> texts = ClassifyBench.texts(l, bytes);
                ClassifyBench.Result core = ClassifyBench.core(analyzer, l, texts);
                ClassifyBench.Result http = ClassifyBench.http(s.baseUrl(), s.process.pid(), l, texts);
                String name = "classify " + ClassifyBench.bodyLabel(bytes) + " " + l.code();
                System.err.printf(Locale.ROOT,
                        "bench: %s: HTTP %.1f/s p50 %.1f p99 %.1f ms, core %.1f/s p50 %.1f p99 %.1f ms%n",
                        name, http.perSecond(), http.latencies().percentileMs(50), http.latencies().percentileMs(99),
                        core.perSecond(), core.latencies().percentileMs(50), core.latencies().percentileMs(99));
                table.add(name + " throughput", http.perSecond(), core.perSecond(), "req/s",
                        "core calls/s" + errors(http.latencies()));
                table.add(name + " p50", http.latencies().percentileMs(50), core.latencies().percentileMs(50), "ms",
                        "core p50");
                table.add(name + " p99", http.latencies().percentileMs(99), core.latencies().percentileMs(99), "ms",
                        "core p99");
                table.add(name + " CPU/request", http.cpuMsPerCall(), core.cpuMsPerCall(), "ms",
                        String.format(Locale.ROOT,
                                "core CPU/call; both JVMs without JIT threads; load generator %.2f ms",
                                http.clientCpuMsPerCall()));
            }
        }
    }

    private static void findings(BenchTable table, ServiceProcess s, BenchDatabase db) throws Exception {
        table.section("GET /api/v1/findings, " + FINDINGS / 1000 + "k findings, " + FindingsBench.RATE
                + " req/s open-loop, " + FindingsBench.SECONDS + " s per mix; baseline: same SQL over JDBC, same rate");
        Latencies allHttp = new Latencies();
        Latencies allJdbc = new Latencies();
        List<FindingsBench.Mix> mixes = FindingsBench.selected(FindingsBench.mixes(db));
        FindingsBench.settle(db);
        FindingsBench.warmUp(mixes, s.baseUrl(), db);
        for (FindingsBench.Mix mix : mixes) {
            FindingsBench.Result r = FindingsBench.run(mix, s.baseUrl(), s.process.pid(), db);
            System.err.printf(Locale.ROOT,
                    "bench: findings %s: HTTP p50 %.1f p99 %.1f ms, JDBC p50 %.1f p99 %.1f ms; CPU/request: "
                            + "PostgreSQL %.2f (JDBC %.2f) ms, service %.2f (%.2f without JIT; JDBC client %.2f) ms%n",
                    mix.name(), r.http().percentileMs(50), r.http().percentileMs(99), r.jdbc().percentileMs(50),
                    r.jdbc().percentileMs(99), r.pgMsPerHttp(), r.pgMsPerJdbc(), r.serviceMsPerHttp(),
                    r.serviceMsPerHttpWithoutJit(), r.clientMsPerJdbc());
            table.add("findings " + mix.name() + " p50", r.http().percentileMs(50), r.jdbc().percentileMs(50), "ms",
                    "JDBC p50" + errors(r.http()) + errors(r.jdbc()));
            table.add("findings " + mix.name() + " p99", r.http().percentileMs(99), r.jdbc().percentileMs(99), "ms",
                    "JDBC p99; target ≤ 20 ms, ≤ 1.5×");
            table.add("findings " + mix.name() + " PostgreSQL CPU/request", r.pgMsPerHttp(), r.pgMsPerJdbc(), "ms",
                    "PostgreSQL CPU/request of the JDBC statements");
            table.add("findings " + mix.name() + " service CPU/request", r.serviceMsPerHttp(), r.clientMsPerJdbc(),
                    "ms", "JDBC client CPU/request");
            table.add("findings " + mix.name() + " service CPU/request without JIT", r.serviceMsPerHttpWithoutJit(),
                    r.clientMsPerJdbc(), "ms", "JDBC client CPU/request; the service's compiler threads left out");
            allHttp.addAll(r.http());
            allJdbc.addAll(r.jdbc());
        }
        table.add("findings all mixes p50", allHttp.percentileMs(50), allJdbc.percentileMs(50), "ms", "JDBC p50");
        table.add("findings all mixes p99", allHttp.percentileMs(99), allJdbc.percentileMs(99), "ms",
                "JDBC p99; target ≤ 20 ms, ≤ 1.5×");
    }

    private static String errors(Latencies l) {
        return l.errors() > 0 ? " (" + l.errors() + " errors!)" : "";
    }

    // --- ingestion (h-ingest's IngestBenchmark) ------------------------------------------------------------

    /**
     * Ingestion is measured by {@code IngestBenchmark} (from the ingest work). When present: a class with
     * {@code public static void addTo(BenchTable)} adds its own rows; a JMH benchmark class is run and each of its
     * results printed, next to a benchmark method whose name contains "jdbc" or "baseline" when there is one.
     */
    private static void ingest(BenchTable table) throws Exception {
        table.section("ingestion (IngestBenchmark: embedded PostgreSQL of its own); baseline: raw JDBC batch insert");
        IngestBenchmark.addTo(table);
    }

    // --- machine ------------------------------------------------------------------------------------------------

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        String mem = "";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.replaceAll(".*:\\s*", "")).orElse(cpu);
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> String.format(Locale.ROOT, ", %.0f GB RAM",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
                    .orElse("");
        } catch (Exception e) {
            // not Linux
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + ")" + mem + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }
}
