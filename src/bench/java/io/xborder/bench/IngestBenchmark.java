package io.xborder.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest benchmark: ~5 KB news articles posted to the packaged service (on an embedded PostgreSQL) by a load
 * generator on 127.0.0.1, next to a raw JDBC batch insert of the very rows the service stored (documents, passages,
 * findings), in the same run and on the same PostgreSQL. Bounded in count and time; prints a table.
 *
 * <p>The service is measured warm: a fresh service JVM on two cores compiles some 20,000 methods in its first
 * half-minute under this load, about a core's worth of CPU taken from the requests (and what the JIT still compiles
 * is reported with the rate: {@code jvm_compilation_time_ms_total}, summed over the compiler threads). Hence 3,000
 * warm-up articles before the 1,000 measured ones.
 *
 * <p>Arguments: the path of {@code quarkus-run.jar}. System properties: {@code bench.docs} (default 1000),
 * {@code bench.seconds} (time bound of the API run, default 60), {@code bench.threads} (client concurrency,
 * default 8), {@code bench.warmup} (warm-up articles, default 3000), {@code bench.jvmArgs} (extra options for
 * the service JVM, e.g. a JFR recording).
 */
public final class IngestBenchmark {

    private static final String[] NEWS = {
            "The ministry published the draft on Tuesday after months of consultation with industry groups.",
            "Analysts said the market reaction was muted, with shares of the largest operators little changed.",
            "The company reported revenue of 4.2 billion dollars for the quarter, up 7 percent from a year earlier.",
            "Officials declined to say when the final version of the rules would take effect.",
            "Several trade associations asked for a longer transition period for smaller firms.",
            "The regulator also opened a consultation on cloud services used by hospitals and schools.",
            "Mr. Lee, a partner at a law firm in Singapore, said clients were reviewing their contracts.",
            "The U.S. Chamber of Commerce said the proposal raised questions for companies operating in the region.",
            "The new data centre in the capital is expected to open next year and employ about 300 people.",
            "Critics said the drafting was vague and left too much room for interpretation by local authorities.",
    };
    private static final String[] RULES = {
            "Operators of critical information infrastructure shall store personal information collected within the "
                    + "territory of the People's Republic of China within that territory.",
            "Where it is truly necessary to provide such data abroad, a security assessment shall be conducted.",
            "All payment system providers shall ensure that the entire data relating to payment systems is stored in "
                    + "a system only in India.",
            "Mr. Musk is seeking approval to transfer data collected in China overseas.",
            "Personal data may be transferred to a third country only if the Commission has decided that the country "
                    + "ensures an adequate level of protection.",
    };

    private IngestBenchmark() {
    }

    /** What one run measured: the API path next to the raw insert of the same rows. */
    record Measured(String run, int threads, int warmup, double jitSeconds, Result api, int documents, int passages,
            int findings, double rawSeconds, String classifyShare, String loadBefore, String loadAfter, Cpu apiCpu,
            Cpu rawCpu) {

        double apiRate() {
            return api.stored / api.seconds;
        }

        double rawRate() {
            return documents / rawSeconds;
        }
    }

    public static void main(String[] args) throws Exception {
        Measured m = run(Path.of(args.length > 0 ? args[0] : "target/quarkus-app/quarkus-run.jar"));
        System.out.println();
        System.out.printf(Locale.ROOT, "Ingest benchmark, run %s, %d cores, load average before: %s%n", m.run,
                Runtime.getRuntime().availableProcessors(), m.loadBefore);
        System.out.println("| path | documents | passages | findings | seconds | documents/s |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        System.out.printf(Locale.ROOT,
                "| API: POST /api/v1/documents (JSON, %d client threads) | %d | %d | %d | %.2f | %.0f |%n",
                m.threads, m.api.stored, m.passages, m.findings, m.api.seconds, m.apiRate());
        System.out.printf(Locale.ROOT, "| raw JDBC batch insert of the same rows | %d | %d | %d | %.2f | %.0f |%n",
                m.documents, m.passages, m.findings, m.rawSeconds, m.rawRate());
        System.out.printf(Locale.ROOT, "API / raw: %.0f %%  (targets: >= 100 documents/s and >= 30 %%)%n",
                100 * m.apiRate() / m.rawRate());
        System.out.println("Server-side segmentation + classification (outside the transaction): " + m.classifyShare);
        System.out.printf(Locale.ROOT, "Warm-up: %d articles; JIT compile time during the measured run: %.1f s "
                + "(compiler threads' elapsed time, over %.1f s)%n", m.warmup, m.jitSeconds, m.api.seconds);
        System.out.printf(Locale.ROOT, "CPU per document: PostgreSQL %.2f ms (raw %.2f ms); service JVM %.2f ms, "
                + "%.2f ms without its JIT threads (raw JDBC client %.2f ms)%n", m.apiCpu.postgres, m.rawCpu.postgres,
                m.apiCpu.client, m.apiCpu.clientWithoutJit, m.rawCpu.client);
        if (m.api.failed > 0) {
            System.out.println("Failed requests: " + m.api.failed);
        }
        System.out.println("Load average after: " + m.loadAfter);
    }

    /**
     * CPU milliseconds per stored document during one side's measured part, from {@code /proc} ({@link CpuTime}):
     * PostgreSQL's (all its processes), the client's or service's JVM, and that JVM without its JIT compiler threads.
     * On the API side the client is the service; on the raw side the benchmark's own JVM, which does the inserts.
     */
    record Cpu(double postgres, double client, double clientWithoutJit) {

        static Cpu per(double[] before, double[] after, int documents) {
            return new Cpu((after[0] - before[0]) / documents, (after[1] - before[1]) / documents,
                    (after[2] - before[2]) / documents);
        }
    }

    /**
     * PostgreSQL's, a JVM's and that JVM's non-JIT CPU milliseconds so far; after a pause, so that the postmaster has
     * reaped a backend whose connection was just closed (its time is then counted once, as the postmaster's children's).
     */
    static double[] cpuNow(long postmaster, long jvm) throws InterruptedException {
        Thread.sleep(200);
        return new double[] { CpuTime.postgresMs(postmaster), CpuTime.processMs(jvm),
                CpuTime.processMsWithoutJit(jvm) };
    }

    /** Adds the run's rows to the suite's table. */
    static void addTo(BenchTable table) throws Exception {
        Measured m = run(ServiceProcess.JAR);
        String note = String.format(Locale.ROOT, "raw JDBC batch insert of the same rows; target ≥ 100 documents/s "
                + "and ≥ 0.30×; after %d warm-up articles, JIT %.1f s in the run", m.warmup, m.jitSeconds);
        table.add("ingest 5 KB articles, POST /api/v1/documents (documents/s)", m.apiRate(), m.rawRate(), "docs/s",
                note);
        table.add("ingest PostgreSQL CPU/document", m.apiCpu.postgres, m.rawCpu.postgres, "ms",
                "PostgreSQL CPU/document of the raw insert");
        table.add("ingest service CPU/document", m.apiCpu.client, m.rawCpu.client, "ms",
                "JDBC client CPU/document (the suite's JVM)");
        table.add("ingest service CPU/document without JIT", m.apiCpu.clientWithoutJit, m.rawCpu.client, "ms",
                "JDBC client CPU/document; the service's compiler threads left out");
        if (m.api.failed > 0) {
            table.addRaw("ingest failed requests", String.valueOf(m.api.failed), "-", "-", "expected 0");
        }
    }

    /**
     * Starts an embedded PostgreSQL with two databases and the packaged service on one of them, posts the warm-up and
     * the measured articles, then inserts the rows the service stored into the other database with plain JDBC.
     */
    static Measured run(Path jar) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it first (mvn -Pbench package -DskipTests)");
        }
        int docs = Integer.getInteger("bench.docs", 1000);
        int seconds = Integer.getInteger("bench.seconds", 60);
        int threads = Integer.getInteger("bench.threads", 8);
        int warmup = Integer.getInteger("bench.warmup", 3000);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String loadBefore = BenchSuite.loadAverage();

        Path pgDir = Files.createTempDirectory("xborder-bench-pg");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(pgDir).setCleanDataDirectory(true)
                .setServerConfig("max_connections", "100").start()) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE bench_api");
                s.execute("CREATE DATABASE bench_raw");
            }
            String apiUrl = pg.getJdbcUrl("postgres", "bench_api");
            String rawUrl = pg.getJdbcUrl("postgres", "bench_raw");
            int port = ServiceProcess.freePort();
            Process app = startService(jar, apiUrl, port);
            try {
                String base = "http://127.0.0.1:" + port;
                awaitReady(base, app);
                // HTTP/1.1 as the other benchmarks and most API clients: one connection per client thread (the JDK
                // client's default, HTTP/2 over cleartext, would multiplex every thread over one connection)
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();

                post(client, base, articles("warmup-" + run, warmup), threads, 10 * seconds);
                List<String> texts = articles(run, docs);
                System.out.printf(Locale.ROOT, "Posting %d articles (%.1f KB on average) with %d client threads...%n",
                        docs, texts.stream().mapToInt(String::length).average().orElse(0) / 1024, threads);
                long postmaster = Long.parseLong(Files.readAllLines(pgDir.resolve("postmaster.pid")).get(0).trim());
                long jitBefore = jitMillis(client, base);
                double[] apiBefore = cpuNow(postmaster, app.pid());
                Result api = post(client, base, texts, threads, seconds);
                Cpu apiCpu = Cpu.per(apiBefore, cpuNow(postmaster, app.pid()), Math.max(1, api.stored));
                double jitSeconds = (jitMillis(client, base) - jitBefore) / 1000.0;

                String classifyShare = classifyTime(client, base, api.stored + warmup);
                Rows rows = readRows(apiUrl, run);
                applyMigrations(rawUrl);
                // the raw side starts from tables (and indexes) as large as the service's were: the warm-up rows
                // are inserted first, untimed
                insertRaw(rawUrl, readRows(apiUrl, "warmup-" + run));
                long self = ProcessHandle.current().pid();
                double[] rawBefore = cpuNow(postmaster, self);
                double rawSeconds = insertRaw(rawUrl, rows);
                Cpu rawCpu = Cpu.per(rawBefore, cpuNow(postmaster, self), Math.max(1, rows.documents.size()));
                return new Measured(run, threads, warmup, jitSeconds, api, rows.documents.size(),
                        rows.passages.size(), rows.findings.size(), rawSeconds, classifyShare, loadBefore,
                        BenchSuite.loadAverage(), apiCpu, rawCpu);
            } finally {
                app.destroy();
                if (!app.waitFor(30, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            }
        }
    }

    record Result(int stored, int failed, double seconds) {
    }

    /** The service's cumulative JIT compile time in milliseconds, over all compilers. */
    static long jitMillis(HttpClient client, String base) throws IOException, InterruptedException {
        return (long) metricTotal(metrics(client, base), "jvm_compilation_time_ms_total").orElseThrow(
                () -> new IllegalStateException("the service publishes no jvm_compilation_time_ms_total"));
    }

    /** The service's metrics, in Prometheus text format. */
    static String metrics(HttpClient client, String base) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The sum of the values of every line of the metric whose name starts the line; empty when there is none. */
    static OptionalDouble metricTotal(String metrics, String name) {
        double total = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name)) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    /** Posts every text as JSON with {@code threads} concurrent clients, stopping at the time bound. */
    static Result post(HttpClient client, String base, List<String> texts, int threads, int seconds)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < texts.size() && System.nanoTime() < deadline) {
                    String body = "{\"title\":\"Bulletin " + i
                            + "\",\"language\":\"en\",\"publishedAt\":\"2024-05-01\","
                            + "\"text\":" + jsonString(texts.get(i)) + "}";
                    HttpRequest request = ServiceProcess
                            .withAuth(HttpRequest.newBuilder(URI.create(base + "/api/v1/documents")))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                        (response.statusCode() == 201 ? stored : failed).incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(stored.get(), failed.get(), elapsed);
    }

    /** ~5 KB articles: news sentences with a rule sentence here and there, a unique heading each. */
    static List<String> articles(String run, int n) {
        Random random = new Random(42 ^ run.hashCode());
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder("Data bulletin ").append(i).append(" (run ").append(run)
                    .append(")\n\n");
            while (b.length() < 5000) {
                for (int s = 0; s < 4; s++) {
                    b.append(random.nextInt(8) == 0
                            ? RULES[random.nextInt(RULES.length)]
                            : NEWS[random.nextInt(NEWS.length)]).append(' ');
                }
                b.setLength(b.length() - 1);
                b.append("\n\n");
            }
            out.add(b.toString().strip());
        }
        return out;
    }

    /** The rows the service stored for this run, as text values per column. */
    record Rows(Table documents, Table passages, Table findings) {
    }

    record Table(String name, List<String> columns, List<String> types, List<String[]> rows) {

        int size() {
            return rows.size();
        }
    }

    static Rows readRows(String apiUrl, String run) throws SQLException {
        try (Connection c = DriverManager.getConnection(apiUrl, "postgres", "")) {
            String docs = "SELECT id FROM documents WHERE text LIKE 'Data bulletin % (run " + run + ")%'";
            return new Rows(read(c, "documents", "SELECT * FROM documents WHERE id IN (" + docs + ") ORDER BY id"),
                    read(c, "passages", "SELECT * FROM passages WHERE document_id IN (" + docs + ") ORDER BY id"),
                    read(c, "findings", "SELECT * FROM findings WHERE document_id IN (" + docs + ") ORDER BY id"));
        }
    }

    static Table read(Connection c, String name, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                columns.add(md.getColumnName(i));
                String type = md.getColumnTypeName(i);
                types.add(type.startsWith("_") ? type.substring(1) + "[]" : type);
            }
            List<String[]> rows = new ArrayList<>();
            while (rs.next()) {
                String[] row = new String[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
            return new Table(name, columns, types, rows);
        }
    }

    static void applyMigrations(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement()) {
            Path dir = Path.of("migrations");
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("run from the project folder: " + dir.toAbsolutePath() + " not found");
            }
            try (var files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .sorted(Comparator.comparingInt(f -> Integer.parseInt(
                                f.getFileName().toString().substring(1, f.getFileName().toString().indexOf("__")))))
                        .toList()) {
                    s.execute(Files.readString(file));
                }
            }
        }
    }

    /**
     * Inserts the rows with JDBC batches, 50 documents (with their passages and findings) per transaction, as a
     * hand-written loader would; the rows are in memory before the clock starts.
     */
    static double insertRaw(String url, Rows rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(url + "&reWriteBatchedInserts=true", "postgres", "")) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            int perCommit = 50;
            List<List<String[]>> passagesByChunk = chunkByDocument(rows.documents, rows.passages, perCommit);
            List<List<String[]>> findingsByChunk = chunkByDocument(rows.documents, rows.findings, perCommit);
            try (PreparedStatement d = c.prepareStatement(insert(rows.documents));
                    PreparedStatement p = c.prepareStatement(insert(rows.passages));
                    PreparedStatement f = c.prepareStatement(insert(rows.findings))) {
                for (int chunk = 0; chunk * perCommit < rows.documents.size(); chunk++) {
                    int from = chunk * perCommit;
                    batch(d, rows.documents.rows().subList(from, Math.min(rows.documents.size(), from + perCommit)));
                    batch(p, passagesByChunk.get(chunk));
                    batch(f, findingsByChunk.get(chunk));
                    c.commit();
                }
            }
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /** The rows of {@code child} grouped by the chunk of their document (column document_id). */
    static List<List<String[]>> chunkByDocument(Table documents, Table child, int perChunk) {
        Map<String, Integer> chunkOf = new HashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            chunkOf.put(documents.rows().get(i)[0], i / perChunk);
        }
        int chunks = (documents.size() + perChunk - 1) / perChunk;
        List<List<String[]>> out = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            out.add(new ArrayList<>());
        }
        int column = child.columns().indexOf("document_id");
        for (String[] row : child.rows()) {
            out.get(chunkOf.get(row[column])).add(row);
        }
        return out;
    }

    static String insert(Table t) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < t.columns().size(); i++) {
            values.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(t.types().get(i)).append(')');
        }
        return "INSERT INTO " + t.name() + " (" + String.join(", ", t.columns()) + ") VALUES (" + values + ")";
    }

    static void batch(PreparedStatement ps, List<String[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                ps.setString(i + 1, row[i]);
            }
            ps.addBatch();
        }
        ps.executeBatch();
    }

    static Process startService(Path jar, String jdbcUrl, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaBin(), "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(ServiceProcess.jvmArgs());
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("DB_URL", jdbcUrl);
        pb.environment().put("DB_USER", "postgres");
        pb.environment().put("DB_PASSWORD", "");
        pb.environment().put("PORT", Integer.toString(port));
        pb.environment().put("XBORDER_DEMO", "false");
        pb.environment().put("XBORDER_BOOTSTRAP_ADMIN_KEY", ServiceProcess.API_KEY);
        pb.environment().put("XBORDER_JOB_WORKERS", "0");
        pb.environment().put("XBORDER_FEEDS_CHECK_EVERY", "off");
        pb.environment().put("QUARKUS_LOG_LEVEL", "WARN");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        return pb.start();
    }

    static void awaitReady(String base, Process app) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!app.isAlive()) {
                throw new IllegalStateException("the service exited with " + app.exitValue());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the service was not ready within 120 s");
    }

    /** Mean segmentation + classification time per document, from the service's own timer. */
    static String classifyTime(HttpClient client, String base, int documents) {
        try {
            String metrics = metrics(client, base);
            double sum = metricTotal(metrics, "xborder_classify_seconds_sum").orElse(0);
            double count = metricTotal(metrics, "xborder_classify_seconds_count").orElse(0);
            return count == 0
                    ? "unknown"
                    : String.format(Locale.ROOT, "%.1f ms per document (mean of %.0f; %d documents "
                            + "posted incl. warm-up)", 1000 * sum / count, count, documents);
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return "unknown (" + e + ")";
        }
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
