package io.xborder.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * {@code GET /api/v1/findings} with common filter mixes on the generated million findings, at a fixed request rate
 * with open-loop scheduling (latency counts from the moment a request was due, so a slow answer delays no
 * measurement), next to the same SQL statements run through plain JDBC at the same rate.
 */
final class FindingsBench {

    /** One request of a mix: the query string and the equivalent filter for the JDBC statements. */
    record Req(String query, Map<String, Object> filter) {
    }

    record Mix(String name, List<Req> requests) {
    }

    /**
     * Latencies of both sides and their CPU milliseconds per request: PostgreSQL's for the service's statements
     * and for the JDBC ones; the service JVM's, and the JDBC client's (the suite's JVM while only it runs).
     */
    record Result(Latencies http, Latencies jdbc, double pgMsPerHttp, double pgMsPerJdbc, double serviceMsPerHttp,
            double serviceMsPerHttpWithoutJit, double clientMsPerJdbc) {
    }

    static final int RATE = Integer.getInteger("bench.findings.rate", 100);
    static final int SECONDS = Integer.getInteger("bench.findings.seconds", 10);
    static final int WARMUP_SECONDS = Integer.getInteger("bench.findings.warmup", 3);
    static final int PAGE_SIZE = 20;
    /** The service's count cap (passed to it as XBORDER_FINDINGS_COUNT_CAP): the baseline counts as far. */
    static final int COUNT_CAP = Integer.getInteger("bench.countCap", 1000);

    private FindingsBench() {
    }

    static List<Mix> mixes(BenchDatabase db) throws SQLException {
        List<Mix> mixes = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<Req> juris = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select j, count(*) from (select unnest(jurisdictions) j from findings "
                    + "tablesample system (5)) x group by j order by 2 desc limit 6")) {
                while (rs.next()) {
                    String j = rs.getString(1);
                    juris.add(new Req("jurisdiction=" + j, Map.of("jurisdiction", j)));
                }
            }
            mixes.add(new Mix("jurisdiction (top 6 rotated)", juris));
            List<Req> catMech = new ArrayList<>();
            try (ResultSet rs = s
                    .executeQuery("select category, m, count(*) from (select category, unnest(mechanisms) m "
                            + "from findings tablesample system (5)) x group by 1, 2 order by 3 desc limit 6")) {
                while (rs.next()) {
                    String cat = rs.getString(1);
                    String m = rs.getString(2);
                    catMech.add(
                            new Req("category=" + cat + "&mechanism=" + m, Map.of("category", cat, "mechanism", m)));
                }
            }
            mixes.add(new Mix("category+mechanism (top 6)", catMech));
            List<Req> langDate = new ArrayList<>();
            String[][] ranges = { { "2020-01-01", "2020-12-31" }, { "2015-01-01", "2018-12-31" },
                    { "2024-01-01", "2024-06-30" } };
            for (String lang : new String[] { "en", "zh" }) {
                for (String[] r : ranges) {
                    langDate.add(new Req("language=" + lang + "&from=" + r[0] + "&to=" + r[1],
                            Map.of("language", lang, "from", LocalDate.parse(r[0]), "to", LocalDate.parse(r[1]))));
                }
            }
            mixes.add(new Mix("language+date range", langDate));
            mixes.add(new Mix("text EN q=transfer", List.of(new Req("q=transfer", Map.of("text", "transfer")))));
            mixes.add(new Mix("text ZH q=境外", List.of(new Req("q=" + enc("境外"), Map.of("text", "境外")))));
            List<Req> deep = new ArrayList<>();
            for (int offset : new int[] { 100_000, 300_000, 500_000, 800_000 }) {
                try (ResultSet rs = s
                        .executeQuery("select occurred_on, id from findings order by occurred_on desc, id desc "
                                + "offset " + offset + " limit 1")) {
                    if (rs.next()) {
                        LocalDate d = rs.getObject(1, LocalDate.class);
                        long id = rs.getLong(2);
                        String cursor = Base64.getUrlEncoder().withoutPadding()
                                .encodeToString((d + "|" + id).getBytes(StandardCharsets.UTF_8));
                        deep.add(new Req("cursor=" + cursor, Map.of("cursorDate", d, "cursorId", id)));
                    }
                }
            }
            mixes.add(new Mix("deep page via cursor (100k-800k)", deep));
        }
        return mixes;
    }

    /**
     * Brings the database to the state every run should measure: fresh planner statistics ({@code ANALYZE}; a run on
     * statistics older than the rows, or on none after a bulk load, planned CN as if it were rare and sorted 368k
     * findings), dirty pages written ({@code CHECKPOINT}), then no autovacuum worker and no other active statement
     * for {@link #QUIET_SECONDS} in a row (autovacuum of a just-loaded table reads and writes every page while the
     * mixes run). Gives up after {@link #QUIET_MAX_SECONDS} and says so.
     */
    static void settle(BenchDatabase db) throws SQLException, InterruptedException {
        long t0 = System.nanoTime();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("analyze documents, passages, findings");
            s.execute("checkpoint");
            long analyzed = System.nanoTime();
            int quiet = 0;
            String busy = "";
            long deadline = analyzed + QUIET_MAX_SECONDS * 1_000_000_000L;
            while (quiet < QUIET_SECONDS && System.nanoTime() < deadline) {
                try (ResultSet rs = s.executeQuery("""
                        select coalesce(string_agg(coalesce(backend_type, '') || ': ' || left(query, 60), '; '), '')
                        from pg_stat_activity
                        where pid <> pg_backend_pid() and (backend_type = 'autovacuum worker'
                            or (backend_type = 'client backend' and state = 'active'))""")) {
                    rs.next();
                    busy = rs.getString(1);
                }
                quiet = busy.isEmpty() ? quiet + 1 : 0;
                if (!busy.isEmpty()) {
                    System.err.println("bench: waiting for a quiet database: " + busy);
                }
                Thread.sleep(1000);
            }
            System.err.printf(Locale.ROOT, "bench: analyze + checkpoint %.1f s, then %s after %.0f s; load %s%n",
                    (analyzed - t0) / 1e9, quiet >= QUIET_SECONDS ? "quiet" : "STILL BUSY (" + busy + ")",
                    (System.nanoTime() - analyzed) / 1e9, BenchSuite.loadAverage());
        }
    }

    static final int QUIET_SECONDS = Integer.getInteger("bench.findings.quietSeconds", 5);
    static final int QUIET_MAX_SECONDS = Integer.getInteger("bench.findings.quietMaxSeconds", 300);

    /**
     * The mixes named by {@code -Dbench.findings.mixes} (comma-separated beginnings of their names, in the order to
     * run them, e.g. {@code text ZH,jurisdiction}), else all in their usual order.
     */
    static List<Mix> selected(List<Mix> all) {
        String wanted = System.getProperty("bench.findings.mixes", "").trim();
        if (wanted.isEmpty()) {
            return all;
        }
        List<Mix> chosen = new ArrayList<>();
        for (String prefix : wanted.split(",")) {
            all.stream().filter(m -> m.name().startsWith(prefix.trim())).forEach(chosen::add);
        }
        return chosen;
    }

    static final int WARMUP_ALL_SECONDS = Integer.getInteger("bench.findings.warmupAll", 20);
    /**
     * ... and at least this many requests per side: on a busy machine 20 s were 140 requests, too few for the JIT of a
     * fresh service JVM, whose first mix then queued for seconds (bounded by {@link #WARMUP_MAX_EXTRA_SECONDS}).
     */
    static final int WARMUP_ALL_REQUESTS = Integer.getInteger("bench.findings.warmupRequests", 3000);
    static final int WARMUP_MAX_EXTRA_SECONDS = Integer.getInteger("bench.findings.warmupMaxExtra", 120);

    /**
     * Warms both sides before any mix is measured (a fresh service JVM compiles its hot paths during the first
     * thousands of requests and would otherwise queue the first mix): every request of every mix, closed-loop
     * with two clients, for {@link #WARMUP_ALL_SECONDS} over HTTP and as long over JDBC.
     */
    static void warmUp(List<Mix> mixes, String baseUrl, BenchDatabase db) throws Exception {
        List<Req> all = new ArrayList<>();
        mixes.forEach(m -> all.addAll(m.requests()));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[] counts = new long[2];
        for (int side = 0; side < 2; side++) {
            int which = side;
            long end = System.nanoTime() + WARMUP_ALL_SECONDS * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int offset = t;
                Thread th = new Thread(() -> {
                    try (Connection c = db.connect()) {
                        try (Statement st = c.createStatement()) {
                            st.execute("SET plan_cache_mode = force_custom_plan");
                        }
                        for (int i = offset; System.nanoTime() < end || tooFew(counts, which); i += 2) {
                            Req req = all.get(i % all.size());
                            if (which == 0) {
                                http.send(ServiceProcess.withAuth(HttpRequest.newBuilder(URI.create(baseUrl
                                        + "/api/v1/findings?size=" + PAGE_SIZE + "&" + req.query()))).build(),
                                        HttpResponse.BodyHandlers.discarding());
                            } else {
                                jdbc(c, req.filter());
                            }
                            synchronized (counts) {
                                counts[which]++;
                            }
                            if (System.nanoTime() - end > WARMUP_MAX_EXTRA_SECONDS * 1_000_000_000L) {
                                break;
                            }
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                threads.add(th);
                th.start();
            }
            for (Thread th : threads) {
                th.join();
            }
        }
        System.err.printf("bench: findings warm-up: %d HTTP requests, %d JDBC requests%n", counts[0], counts[1]);
    }

    /** True while a side has answered fewer than {@link #WARMUP_ALL_REQUESTS} warm-up requests. */
    private static boolean tooFew(long[] counts, int side) {
        synchronized (counts) {
            return counts[side] < WARMUP_ALL_REQUESTS;
        }
    }

    static Result run(Mix mix, String baseUrl, long servicePid, BenchDatabase db) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        double pg0 = db.cpuMs();
        double service0 = CpuTime.processMs(servicePid);
        double serviceWork0 = CpuTime.processMsWithoutJit(servicePid);
        Latencies httpLat = openLoop(mix, (req, done) -> {
            HttpRequest r = ServiceProcess.withAuth(HttpRequest.newBuilder(
                    URI.create(baseUrl + "/api/v1/findings?size=" + PAGE_SIZE + "&" + req.query())))
                    .timeout(Duration.ofSeconds(30)).build();
            http.sendAsync(r, HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((resp, e) -> done.accept(e == null && resp.statusCode() == 200));
        });
        double pg1 = db.cpuMs();
        double service1 = CpuTime.processMs(servicePid);
        double serviceWork1 = CpuTime.processMsWithoutJit(servicePid);
        double client1 = CpuTime.selfMs();
        // JDBC: a pool of connections, like the service's, each running the two statements of a request
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        ThreadLocal<Connection> conn = ThreadLocal.withInitial(() -> {
            try {
                Connection c = db.connect();
                try (Statement st = c.createStatement()) {
                    st.execute("SET plan_cache_mode = force_custom_plan"); // as the service's findings queries
                }
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        List<Connection> opened = Collections.synchronizedList(new ArrayList<>());
        Latencies jdbcLat = openLoop(mix, (req, done) -> pool.execute(() -> {
            try {
                Connection c = conn.get();
                if (!opened.contains(c)) {
                    opened.add(c);
                }
                jdbc(c, req.filter());
                done.accept(true);
            } catch (Exception e) {
                e.printStackTrace();
                done.accept(false);
            }
        }));
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        // before the connections close: their backends' CPU time is counted while they run
        double pg2 = db.cpuMs();
        double client2 = CpuTime.selfMs();
        for (Connection c : opened) {
            c.close();
        }
        double requests = RATE * (WARMUP_SECONDS + SECONDS);
        return new Result(httpLat, jdbcLat, (pg1 - pg0) / requests, (pg2 - pg1) / requests,
                (service1 - service0) / requests, (serviceWork1 - serviceWork0) / requests,
                (client2 - client1) / requests);
    }

    interface Sender {

        void send(Req req, Consumer<Boolean> done);
    }

    /** Sends requests at RATE per second for WARMUP + SECONDS, records the latency of those after the warm-up. */
    static Latencies openLoop(Mix mix, Sender sender) throws InterruptedException {
        Latencies lat = new Latencies();
        int warm = RATE * WARMUP_SECONDS;
        int total = warm + RATE * SECONDS;
        long interval = 1_000_000_000L / RATE;
        CountDownLatch all = new CountDownLatch(total);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measured = i >= warm;
            Req req = mix.requests().get(i % mix.requests().size());
            sender.send(req, ok -> {
                long latency = System.nanoTime() - due;
                if (measured) {
                    if (ok) {
                        lat.record(latency);
                    } else {
                        lat.error();
                    }
                }
                all.countDown();
            });
        }
        if (!all.await(120, TimeUnit.SECONDS)) {
            System.err.println("bench: some findings requests did not finish in 120 s");
        }
        return lat;
    }

    /**
     * The statements Hibernate issues for one findings request (taken from quarkus.hibernate-orm.log.sql), with the
     * same columns read.
     */
    static void jdbc(Connection c, Map<String, Object> f) throws SQLException {
        StringBuilder where = new StringBuilder(" where 1=1");
        List<Object> params = new ArrayList<>();
        if (f.containsKey("category")) {
            where.append(" and f1_0.category=?");
            params.add(f.get("category"));
        }
        if (f.containsKey("jurisdiction")) {
            where.append(" and f1_0.jurisdictions@>?");
            params.add(new String[] { (String) f.get("jurisdiction") });
        }
        if (f.containsKey("mechanism")) {
            where.append(" and f1_0.mechanisms@>?");
            params.add(new String[] { (String) f.get("mechanism") });
        }
        if (f.containsKey("language")) {
            where.append(" and f1_0.language=?");
            params.add(f.get("language"));
        }
        if (f.containsKey("from")) {
            where.append(" and f1_0.occurred_on>=?");
            params.add(f.get("from"));
        }
        if (f.containsKey("to")) {
            where.append(" and f1_0.occurred_on<=?");
            params.add(f.get("to"));
        }
        if (f.containsKey("text")) {
            String t = (String) f.get("text");
            boolean caseless = t.equals(t.toLowerCase(Locale.ROOT))
                    && t.equals(t.toUpperCase(Locale.ROOT));
            // as the service: LIKE for a query without cased letters (its rare-Han-pair index path is not benchmarked)
            where.append(caseless ? " and p1_0.text like ? escape '\\'" : " and p1_0.text ilike ? escape '\\'");
            params.add("%" + f.get("text") + "%");
        }
        String pageWhere = where.toString();
        List<Object> pageParams = new ArrayList<>(params);
        if (f.containsKey("cursorDate")) {
            pageWhere += " and f1_0.occurred_on<=? and (f1_0.occurred_on<? or (f1_0.occurred_on=? and f1_0.id<?))";
            pageParams.add(f.get("cursorDate"));
            pageParams.add(f.get("cursorDate"));
            pageParams.add(f.get("cursorDate"));
            pageParams.add(f.get("cursorId"));
        }
        String limit = " fetch first ? rows only";
        if (!f.containsKey("cursorDate")) {
            limit = " offset ? rows fetch first ? rows only";
            pageParams.add(0);
        }
        pageParams.add(PAGE_SIZE + 1);
        String page = "select f1_0.id,f1_0.category,f1_0.confidence,f1_0.created_at,f1_0.data_categories,"
                + "f1_0.document_id,f1_0.evidence,f1_0.jurisdictions,f1_0.language,f1_0.mechanisms,f1_0.modality,"
                + "f1_0.occurred_on,f1_0.passage_id,f1_0.review_status,f1_0.ruleset_version,p1_0.id,p1_0.idx,"
                + "p1_0.start_offset,p1_0.end_offset,p1_0.text,d1_0.id,d1_0.title,d1_0.published_at,d1_0.jurisdiction "
                + "from findings f1_0 join passages p1_0 on p1_0.id=f1_0.passage_id "
                + "join documents d1_0 on d1_0.id=f1_0.document_id" + pageWhere
                + " order by f1_0.occurred_on desc,f1_0.id desc" + limit;
        page = page.replace("f1_0", "sf1_0");
        try (PreparedStatement ps = c.prepareStatement(page)) {
            bind(c, ps, pageParams);
            try (ResultSet rs = ps.executeQuery()) {
                int cols = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= cols; i++) {
                        rs.getObject(i);
                    }
                }
            }
        }
        String count = ("select count(*) from (select 1 from findings f1_0"
                + (f.containsKey("text") ? " join passages p1_0 on p1_0.id=f1_0.passage_id" : "")
                + where + " limit " + (COUNT_CAP + 1) + ") c").replace("f1_0", "f").replace("p1_0", "p")
                .replace("@>?", " @> cast(? as varchar[])");
        try (PreparedStatement ps = c.prepareStatement(count)) {
            bind(c, ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                rs.getLong(1);
            }
        }
    }

    private static void bind(Connection c, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof String[] a) {
                Array arr = c.createArrayOf("varchar", a);
                ps.setArray(i + 1, arr);
            } else if (p instanceof LocalDate d) {
                ps.setDate(i + 1, Date.valueOf(d));
            } else {
                ps.setObject(i + 1, p);
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
