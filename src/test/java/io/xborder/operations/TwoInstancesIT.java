package io.xborder.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the packaged service against one PostgreSQL, started at the same moment: Flyway's lock lets
 * exactly one of them migrate, and both instances' job workers take items of one job from the shared queue, each
 * item processed once.
 */
class TwoInstancesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "xb_" + UUID.randomUUID().toString().replace("-", "")
            + UUID.randomUUID().toString().replace("-", "");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static EmbeddedPostgres postgres;
    private static final List<Process> instances = new ArrayList<>();
    private static final List<Integer> ports = new ArrayList<>();
    private static final List<Path> logs = new ArrayList<>();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("packaged jar (mvn verify builds it before the integration tests)").exists();
        for (int i = 0; i < 2; i++) {
            int port = freePort();
            Path log = Files.createTempFile("xborder-instance-" + i, ".log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString());
            Map<String, String> env = pb.environment();
            env.put("DB_URL", postgres.getJdbcUrl("postgres", "postgres"));
            env.put("DB_USER", "postgres");
            env.put("PORT", Integer.toString(port));
            env.put("XBORDER_DEMO", "false");
            env.put("XBORDER_JOB_WORKERS", "2");
            env.put("XBORDER_FEEDS_CHECK_EVERY", "off");
            env.put("XBORDER_BOOTSTRAP_ADMIN_KEY", KEY);
            env.put("XBORDER_JOBS_WORKER_ID", "instance-" + i);
            pb.redirectErrorStream(true).redirectOutput(log.toFile());
            instances.add(pb.start());
            ports.add(port);
            logs.add(log);
        }
        for (int i = 0; i < 2; i++) {
            awaitReady(i);
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (Process p : instances) {
            p.destroy();
        }
        for (Process p : instances) {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void migrationsRanOnceAndBothInstancesShareTheJobQueue() throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT version, count(*) FROM flyway_schema_history "
                    + "WHERE version IS NOT NULL GROUP BY version HAVING count(*) <> 1");
            assertThat(rs.next()).as("a migration recorded more than once").isFalse();
            rs = s.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success AND version = '1'");
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }

        int files = 60;
        long job = submitFilesJob(0, files);
        JsonNode done = awaitJob(1, job, Duration.ofMinutes(3));
        assertThat(done.get("state").asText()).isEqualTo("DONE");
        assertThat(done.get("done").asInt()).isEqualTo(files);
        assertThat(done.get("createdDocuments").asInt()).isEqualTo(files);

        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            ResultSet rs = s
                    .executeQuery("SELECT count(DISTINCT claimed_by), count(*) FROM job_items WHERE job_id = " + job);
            rs.next();
            int workers = rs.getInt(1);
            assertThat(rs.getInt(2)).isEqualTo(files);
            rs = s.executeQuery("SELECT count(*), count(DISTINCT content_hash) FROM documents");
            rs.next();
            assertThat(rs.getInt(1)).as("documents stored").isEqualTo(files).isEqualTo(rs.getInt(2));
            // each instance's worker ids start with its own prefix: items claimed by both processes
            rs = s.executeQuery("SELECT count(DISTINCT substring(claimed_by from 'instance-[0-9]+')) FROM job_items "
                    + "WHERE job_id = " + job);
            rs.next();
            System.out.printf("TwoInstancesIT: %d items, %d distinct workers, %d processes%n", files, workers,
                    rs.getInt(1));
            assertThat(workers).as("distinct workers that claimed items").isGreaterThanOrEqualTo(2);
            assertThat(rs.getInt(1)).as("processes whose workers claimed items").isEqualTo(2);
        }
    }

    private static long submitFilesJob(int instance, int files) throws Exception {
        String boundary = "xb" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < files; i++) {
            String text = "Article " + (i + 1) + ". Operators shall store the personal information of users within the "
                    + "territory of the country. Notice " + UUID.randomUUID() + ".\n";
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"doc" + i
                    + ".txt\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HTTP.send(request(instance, "/api/v1/jobs")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private static JsonNode awaitJob(int instance, long job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode view;
        do {
            HttpResponse<String> r = HTTP.send(request(instance, "/api/v1/jobs/" + job).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            view = JSON.readTree(r.body());
            String state = view.get("state").asText();
            if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                return view;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job " + job + " not finished after " + timeout + ": " + view);
    }

    private static HttpRequest.Builder request(int instance, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(instance) + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-API-Key", KEY);
    }

    private static void awaitReady(int instance) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!instances.get(instance).isAlive()) {
                throw new AssertionError("instance " + instance + " exited:\n" + Files.readString(logs.get(instance)));
            }
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.get(instance) + "/q/health/ready")).build(),
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
