package io.xborder.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.testing.ServiceInstances;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
    private static EmbeddedPostgres postgres;
    private static ServiceInstances instances;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        instances = new ServiceInstances(postgres.getJdbcUrl("postgres", "postgres"), KEY);
        for (int i = 0; i < 2; i++) {
            instances.start("instance", List.of(),
                    Map.of("XBORDER_JOB_WORKERS", "2", "XBORDER_JOBS_WORKER_ID", "instance-" + i));
        }
        for (int i = 0; i < 2; i++) {
            instances.awaitReady(i);
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (instances != null) {
            instances.close();
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
        HttpResponse<String> r = ServiceInstances.send(instances.request(instance, "/api/v1/jobs")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private static JsonNode awaitJob(int instance, long job, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode view;
        do {
            HttpResponse<String> r = ServiceInstances
                    .send(instances.request(instance, "/api/v1/jobs/" + job).GET().build());
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
}
