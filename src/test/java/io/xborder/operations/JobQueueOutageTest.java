package io.xborder.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.xborder.ingest.IngestFixtures;
import io.xborder.ingest.extract.ExtractionException;
import io.xborder.ingest.extract.TextExtractor;
import io.xborder.job.JobWorker;
import io.xborder.job.JobWorkers;
import io.xborder.testing.StoppableDatabaseProfile;
import io.xborder.testing.StoppablePostgresResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Chaos: the database goes away for 20 s in the middle of a 300-document job worked by the instance's own workers.
 * The job finishes by itself once the database is back, with every document stored once; no worker thread dies or
 * is replaced; readiness is DOWN during the outage and UP after.
 */
@QuarkusTest
@TestProfile(StoppableDatabaseProfile.class)
class JobQueueOutageTest {

    private static final Logger LOG = Logger.getLogger(JobQueueOutageTest.class);
    static final int DOCUMENTS = 300;
    static final Duration OUTAGE = Duration.ofSeconds(20);

    @Inject
    JobWorkers workers;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    TextExtractor extractor;

    @Test
    void aJobAcrossADatabaseOutageFinishesWithEveryDocumentOnceAndTheSameWorkerThreads() throws Exception {
        JobWorker worker = workers.worker().orElseThrow();
        Set<Thread> threadsBefore = workerThreads(worker);
        assertThat(threadsBefore).hasSize(2);
        awaitStatus("/q/health/ready", 200, Duration.ofSeconds(30));

        String prefix = "outage-" + UUID.randomUUID();
        RequestSpecification request = given();
        for (int i = 0; i < DOCUMENTS; i++) {
            String text = "Article " + i + " of " + prefix + ".\n\n" + IngestFixtures.EN_TRANSFER
                    + "\n\nThe company said it would comply. " + IngestFixtures.ref();
            request.multiPart("file", prefix + "-" + i + ".txt", text.getBytes(StandardCharsets.UTF_8), "text/plain");
        }
        long t0 = System.nanoTime();
        String location = request.post("/api/v1/jobs").then().statusCode(202).extract().header("Location");

        // the outage starts while the job is under way
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int doneAtStop;
        do {
            doneAtStop = given().get(location).then().statusCode(200).extract().jsonPath().getInt("done");
            Thread.sleep(50);
        } while (doneAtStop < 20 && System.nanoTime() < deadline);
        assertThat(doneAtStop).as("items done before the outage").isBetween(20, DOCUMENTS - 50);

        long outageStart = System.nanoTime();
        StoppablePostgresResource.stopDatabase();
        int readyDuringOutage;
        try {
            readyDuringOutage = awaitStatus("/q/health/ready", 503, OUTAGE);
            while (System.nanoTime() - outageStart < OUTAGE.toNanos()) {
                assertThat(workerThreads(worker)).as("worker threads during the outage").isEqualTo(threadsBefore);
                Thread.sleep(500);
            }
        } finally {
            StoppablePostgresResource.startDatabase();
        }
        long outageMillis = (System.nanoTime() - outageStart) / 1_000_000;
        assertThat(readyDuringOutage).isEqualTo(503);
        long recovered = System.nanoTime();
        awaitStatus("/q/health/ready", 200, Duration.ofSeconds(60));
        long readyAfterMillis = (System.nanoTime() - recovered) / 1_000_000;

        JsonPath job = awaitFinished(location, Duration.ofSeconds(240));
        long totalMillis = (System.nanoTime() - t0) / 1_000_000;
        LOG.infof("Chaos: %d documents, %d done before the outage, outage %d ms, ready again %d ms after restart, "
                + "job finished after %d ms; worker failures tried again: %d", DOCUMENTS, doneAtStop, outageMillis,
                readyAfterMillis, totalMillis, worker.failures());
        assertThat(job.getString("state")).as(job.prettify()).isEqualTo("DONE");
        assertThat(job.getInt("done")).isEqualTo(DOCUMENTS);
        assertThat(job.getInt("failed")).isZero();
        // an item whose outcome could not be written when the database went away runs again once its lease has run
        // out; that run finds the document the first one stored and reports it as known, so the job may count one
        // document fewer as created: the documents table below is the invariant (each document exactly once)
        assertThat(job.getInt("createdDocuments")).isBetween(DOCUMENTS - 2, DOCUMENTS);
        assertThat(
                countDocuments("SELECT count(*) FROM documents WHERE title LIKE 'Article % of ' || ? || '.'", prefix))
                .isEqualTo(DOCUMENTS);
        assertThat(countDocuments(
                "SELECT count(DISTINCT title) FROM documents WHERE title LIKE 'Article % of ' || ? || '.'", prefix))
                .isEqualTo(DOCUMENTS);

        // the same worker, the same threads: nothing died, nothing was restarted
        assertThat(workers.worker()).containsSame(worker);
        assertThat(workerThreads(worker)).isEqualTo(threadsBefore);
        assertThat(worker.restarts()).isZero();
        assertThat(worker.failures()).as("failed claims or writes during the outage").isPositive();
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("xborder_jobs_worker_threads 2.0", "xborder_jobs_worker_restarts_total 0.0",
                "xborder_jobs_worker_stalled 0.0");
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void whileExtractionIsSaturatedBesideAJobNoItemFailsForATransientReasonWhileAttemptsRemain() throws Exception {
        String prefix = "busy-" + UUID.randomUUID();
        int items = 40;
        // 24 clients extract large pages (as uploads would, without the HTTP cost): one extraction thread
        // and two queue places cannot take them all; the job is posted into that
        AtomicInteger busy = new AtomicInteger();
        AtomicInteger other = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(24);
        AtomicBoolean saturate = new AtomicBoolean(true);
        byte[] page = html(prefix + " upload", 1200);
        for (int c = 0; c < 24; c++) {
            clients.submit(() -> {
                while (saturate.get()) {
                    try {
                        extractor.extract(page, "text/html", "upload.html");
                        other.incrementAndGet();
                    } catch (ExtractionException e) {
                        (e.reason() == ExtractionException.Reason.TIMEOUT ? busy : other).incrementAndGet();
                        Thread.sleep(1); // refused at once: do not spin
                    }
                }
                return null;
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (busy.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        RequestSpecification request = given();
        for (int i = 0; i < items; i++) {
            request.multiPart("file", prefix + "-" + i + ".html", html(prefix + " item " + i, 400), "text/html");
        }
        String location = request.post("/api/v1/jobs").then().statusCode(202).extract().header("Location");
        long jobId = given().get(location).then().statusCode(200).extract().jsonPath().getLong("id");
        // saturated until job items have met a busy extraction (or 60 s)
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (countDocuments("SELECT count(*) FROM job_items WHERE job_id = ?::bigint AND attempts > 1",
                Long.toString(jobId)) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        saturate.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        JsonPath job = awaitFinished(location, Duration.ofSeconds(120));
        long retried = countDocuments("SELECT count(*) FROM job_items WHERE job_id = ?::bigint AND attempts > 1",
                Long.toString(jobId));
        long failedEarly = countDocuments(
                "SELECT count(*) FROM job_items WHERE job_id = ?::bigint AND state = 'FAILED' "
                        + "AND attempts < 5",
                Long.toString(jobId));
        LOG.infof("Saturation: %d extractions refused as busy, %d done; job items retried: %d; job %s",
                busy.get(), other.get(), retried, job.getString("state"));
        assertThat(busy.get()).as("extraction was saturated (extractions refused as busy)").isPositive();
        assertThat(retried).as("job items that met a busy extraction and were retried").isPositive();
        assertThat(failedEarly).as("items failed while attempts remained").isZero();
        assertThat(job.getString("state")).as(job.prettify()).isEqualTo("DONE");
        assertThat(job.getInt("done")).isEqualTo(items);
    }

    /** An HTML page of {@code paragraphs} distinct paragraphs (about 100 bytes each). */
    private static byte[] html(String title, int paragraphs) {
        StringBuilder b = new StringBuilder("<html><head><title>").append(title)
                .append("</title></head><body><article>");
        for (int i = 0; i < paragraphs; i++) {
            b.append("<p>Paragraph ").append(i).append(" of ").append(title)
                    .append(": the weather was mild and the market was calm.</p>");
        }
        return b.append("</article></body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Set<Thread> workerThreads(JobWorker worker) {
        String prefix = "job-worker-" + worker.workerId() + "-";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .collect(Collectors.toSet());
    }

    private long countDocuments(String sql, String prefix) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static JsonPath awaitFinished(String location, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonPath job = null;
        while (System.nanoTime() < deadline) {
            var response = given().get(location);
            if (response.statusCode() == 200) {
                job = response.jsonPath();
                if (!List.of("QUEUED", "RUNNING").contains(job.getString("state"))) {
                    return job;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job did not finish in " + timeout + ": " + (job == null ? "?" : job.prettify()));
    }

    private static int awaitStatus(String path, int wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int status;
        do {
            status = given().get(path).then().extract().statusCode();
            if (status == wanted) {
                return status;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " still answered " + status + " after " + timeout);
    }
}
