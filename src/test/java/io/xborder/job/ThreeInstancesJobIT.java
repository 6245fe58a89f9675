package io.xborder.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.testing.GeneratedArticles;
import io.xborder.testing.GeneratedArticles.Article;
import io.xborder.testing.ServiceInstances;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's scale test: three instances of the packaged service on one PostgreSQL share one file job of 600
 * (at least 500) generated articles (English and Chinese, a third stating a rule) submitted through one of them. Every article is
 * stored once, every item ends DONE after a single claim, each instance's workers did part of the work (the item's
 * {@code claimed_by} names the instance, and each instance's own {@code xborder_documents_ingested_total} agrees), and
 * the job's summary is complete on every instance. Prints the throughput and the CPU the instances and PostgreSQL
 * used per document, the figures of the capacity section in performance.md.
 */
class ThreeInstancesJobIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "xb_" + UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");
    /** 600 by default; up to a job's limit, {@code xborder.jobs.max-items} (10,000), with {@code -Dit.job.articles}. */
    private static final int ARTICLES = Math.min(10_000, Math.max(500, Integer.getInteger("it.job.articles", 600)));
    private static final List<String> NAMES = List.of("capacity-a", "capacity-b", "capacity-c");
    private static final Pattern REFERENCE = Pattern.compile("XB-GEN-[0-9]{5}");

    private EmbeddedPostgres postgres;
    private ServiceInstances instances;

    @BeforeEach
    void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        instances = new ServiceInstances(postgres.getJdbcUrl("postgres", "postgres"), KEY);
    }

    @AfterEach
    void stopAll() throws Exception {
        instances.close();
        postgres.close();
    }

    @Test
    void threeInstancesShareOneJobOfAtLeast500ArticlesAndStoreEachOnce() throws Exception {
        // sized as in the container (deploy/: 768 MiB, 40 % heap), two job workers each (the default)
        for (String name : NAMES) {
            instances.start(name, List.of("-XX:MaxRAM=768m", "-XX:MaxRAMPercentage=40"),
                    Map.of("XBORDER_INSTANCE_ID", name, "XBORDER_JOB_WORKERS", "2"));
        }
        for (int i = 0; i < NAMES.size(); i++) {
            instances.awaitReady(i);
        }
        List<Article> articles = GeneratedArticles.generate(ARTICLES, 20L);
        assertThat(articles.stream().map(Article::text).distinct()).hasSize(ARTICLES);

        long postmaster = postmasterPid();
        double[] serviceCpuBefore = serviceCpuMs();
        double postgresCpuBefore = postgresCpuMs(postmaster);
        long job = submit(0, articles);
        JsonNode finished = awaitFinished(1, job, Duration.ofSeconds(60 + ARTICLES / 5));
        double[] serviceCpuAfter = serviceCpuMs();
        double postgresCpuAfter = postgresCpuMs(postmaster);

        // the summary, the same through every instance
        for (int i = 0; i < NAMES.size(); i++) {
            JsonNode view = get(i, "/api/v1/jobs/" + job);
            assertThat(view.path("kind").asText()).isEqualTo("FILES");
            assertThat(view.path("state").asText()).as(view.toString()).isEqualTo("DONE");
            assertThat(view.path("total").asInt()).isEqualTo(ARTICLES);
            assertThat(view.path("done").asInt()).isEqualTo(ARTICLES);
            assertThat(view.path("createdDocuments").asInt()).isEqualTo(ARTICLES);
            assertThat(view.path("queued").asInt()).isZero();
            assertThat(view.path("running").asInt()).isZero();
            assertThat(view.path("failed").asInt()).isZero();
            assertThat(view.path("failures")).isEmpty();
            assertThat(view.path("finishedAt").isTextual()).as("finishedAt").isTrue();
        }
        JsonNode listed = get(2, "/api/v1/jobs").path("items").get(0);
        assertThat(listed.path("id").asLong()).isEqualTo(job);
        assertThat(listed.path("done").asInt()).isEqualTo(ARTICLES);

        Map<String, Article> byReference = new HashMap<>();
        articles.forEach(a -> byReference.put(a.reference(), a));
        Map<String, Integer> itemsByInstance = new TreeMap<>();
        String corpus;
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // every article stored exactly once, in its language, under the item of its file
            Map<String, Integer> stored = new HashMap<>();
            ResultSet rs = s.executeQuery("SELECT text, language FROM documents");
            while (rs.next()) {
                Matcher m = REFERENCE.matcher(rs.getString(1));
                assertThat(m.find()).as("a stored document without a reference").isTrue();
                stored.merge(m.group(), 1, Integer::sum);
                assertThat(rs.getString(2)).as(m.group()).isEqualTo(byReference.get(m.group()).language());
            }
            assertThat(stored).as("documents by reference").hasSize(ARTICLES).allSatisfy((ref, n) -> assertThat(n)
                    .as(ref).isEqualTo(1));
            rs = s.executeQuery("""
                    SELECT i.source, d.text FROM job_items i JOIN documents d ON d.id = i.document_id
                     WHERE i.job_id = %d""".formatted(job));
            int joined = 0;
            while (rs.next()) {
                String reference = rs.getString(1).replace("article-", "XB-GEN-").replace(".txt", "");
                assertThat(rs.getString(2)).as(rs.getString(1)).contains(reference);
                joined++;
            }
            assertThat(joined).as("items with their own document").isEqualTo(ARTICLES);

            // each item DONE after one claim, and by which instance (claimed_by = <instance id>#<token>)
            rs = s.executeQuery("""
                    SELECT split_part(claimed_by, '#', 1), count(*), count(*) FILTER (WHERE state = 'DONE'),
                           max(attempts), bool_and(created_document)
                      FROM job_items WHERE job_id = %d GROUP BY 1""".formatted(job));
            while (rs.next()) {
                assertThat(rs.getInt(3)).as("DONE items of " + rs.getString(1)).isEqualTo(rs.getInt(2));
                assertThat(rs.getInt(4)).as("most claims of one item by " + rs.getString(1)).isEqualTo(1);
                assertThat(rs.getBoolean(5)).as("every item created its document").isTrue();
                itemsByInstance.put(rs.getString(1), rs.getInt(2));
            }

            // the articles that state a rule have findings, in both languages
            rs = s.executeQuery("SELECT d.text FROM documents d WHERE EXISTS "
                    + "(SELECT 1 FROM findings f WHERE f.document_id = d.id)");
            List<String> withFindings = new ArrayList<>();
            while (rs.next()) {
                Matcher m = REFERENCE.matcher(rs.getString(1));
                m.find();
                withFindings.add(m.group());
            }
            List<String> rulesMissed = articles.stream().filter(Article::statesRule).map(Article::reference)
                    .filter(r -> !withFindings.contains(r)).toList();
            assertThat(rulesMissed).as("articles stating a rule without a finding").isEmpty();
            assertThat(withFindings.stream().map(r -> byReference.get(r).language()).distinct())
                    .containsExactlyInAnyOrder("en", "zh");
            rs = s.executeQuery("SELECT (SELECT sum(length(text)) FROM documents), (SELECT count(*) FROM passages), "
                    + "(SELECT count(*) FROM findings)");
            rs.next();
            corpus = "%.1f KB, %.1f passages, %.1f findings".formatted(rs.getLong(1) / 1000.0 / ARTICLES,
                    rs.getLong(2) / (double) ARTICLES, rs.getLong(3) / (double) ARTICLES);
        }
        assertThat(itemsByInstance).as("items by the instance that claimed them").containsOnlyKeys(NAMES)
                .allSatisfy((name, n) -> assertThat(n).as(name).isPositive());
        assertThat(itemsByInstance.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ARTICLES);

        // each instance's own count of the documents it stored agrees with the items it claimed
        for (int i = 0; i < NAMES.size(); i++) {
            assertThat(metric(i, "xborder_documents_ingested_total")).as("documents stored by " + NAMES.get(i))
                    .isEqualTo(itemsByInstance.get(NAMES.get(i)));
        }

        Duration took = Duration.between(Instant.parse(finished.path("createdAt").asText()),
                Instant.parse(finished.path("finishedAt").asText()));
        double seconds = took.toMillis() / 1000.0;
        double serviceMs = 0;
        for (int i = 0; i < NAMES.size(); i++) {
            serviceMs += serviceCpuAfter[i] - serviceCpuBefore[i];
        }
        System.out.printf("ThreeInstancesJobIT: %d articles (per article %s) in %.1f s (%.0f documents/s), items "
                + "by instance %s; CPU per document: instances %.1f ms, PostgreSQL %.1f ms; load average %s%n",
                ARTICLES, corpus, seconds, ARTICLES / seconds, itemsByInstance, serviceMs / ARTICLES,
                (postgresCpuAfter - postgresCpuBefore) / ARTICLES,
                Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** Posts the articles as one multipart file job to the instance; returns the job id. */
    private long submit(int instance, List<Article> articles) throws Exception {
        String boundary = "xb" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Article a : articles) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + a.fileName() + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(a.text().getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = ServiceInstances.send(instances.request(instance, "/api/v1/jobs")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).path("id").asLong();
    }

    private JsonNode awaitFinished(int instance, long job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode view;
        do {
            view = get(instance, "/api/v1/jobs/" + job);
            String state = view.path("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return view;
            }
            Thread.sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + job + " not finished after " + timeout + ": " + view);
    }

    private JsonNode get(int instance, String path) throws Exception {
        HttpResponse<String> r = ServiceInstances.send(instances.request(instance, path).GET().build());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** A counter of the instance's {@code /q/metrics} (Prometheus text), as an integer. */
    private int metric(int instance, String name) throws Exception {
        HttpResponse<String> r = ServiceInstances.send(instances.request(instance, "/q/metrics").GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{[^}]*\\})? ([0-9.eE+]+)$")
                .matcher(r.body());
        assertThat(m.find()).as(name + " in the metrics of instance " + instance).isTrue();
        return (int) Double.parseDouble(m.group(1));
    }

    /** CPU milliseconds used so far by each instance's process. */
    private double[] serviceCpuMs() {
        double[] ms = new double[NAMES.size()];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = instances.process(i).info().totalCpuDuration().orElseThrow().toNanos() / 1e6;
        }
        return ms;
    }

    private long postmasterPid() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return procStat(rs.getLong(1))[3];
        }
    }

    /**
     * CPU milliseconds of the PostgreSQL server: the postmaster, its exited children (cutime, cstime) and its live
     * ones, each backend being a process (as the benchmark suite measures it).
     */
    private static double postgresCpuMs(long postmaster) throws IOException {
        long[] p = procStat(postmaster);
        long ticks = p[13] + p[14] + p[15] + p[16];
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) procs::iterator) {
                String name = dir.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long[] child = procStat(Long.parseLong(name));
                    if (child != null && child[3] == postmaster) {
                        ticks += child[13] + child[14];
                    }
                }
            }
        }
        return ticks * 10.0; // USER_HZ = 100
    }

    /** The numeric fields of /proc/pid/stat by their index in proc(5) minus one (ppid [3], utime [13]); null if gone. */
    private static long[] procStat(long pid) {
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
            long[] f = new long[17];
            for (int i = 1; i + 2 < f.length; i++) {
                f[i + 2] = Long.parseLong(rest[i]);
            }
            return f;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
