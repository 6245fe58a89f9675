package io.xborder.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.xborder.classify.Language;
import io.xborder.document.DocumentMetadata;
import io.xborder.ingest.IncomingFile;
import io.xborder.ingest.IngestFixtures;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The PostgreSQL job queue with real workers: recovery after a dead worker, two workers sharing one job. */
@QuarkusTest
class JobWorkerTest {

    static final Duration LEASE = Duration.ofSeconds(2);
    static final JobWorker.Settings SETTINGS = new JobWorker.Settings(2, Duration.ofMillis(50), LEASE, 3);

    @Inject
    JobService jobs;
    @Inject
    JobWorkers workers;
    @Inject
    JobProcessor processor;
    @Inject
    AgroalDataSource dataSource;

    /** n small unique articles, each with a cross-border sentence, titled prefix-i. */
    static List<IncomingFile> articles(String prefix, int n) {
        List<IncomingFile> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = "Article " + i + " of " + prefix + ".\n\n" + IngestFixtures.EN_TRANSFER + "\n\nThe company "
                    + "said it would comply. " + IngestFixtures.ref();
            byte[] content = text.getBytes(StandardCharsets.UTF_8);
            files.add(new IncomingFile(prefix + "-" + i + ".txt", "text/plain", content.length, content,
                    new DocumentMetadata(prefix + "-" + i, Language.EN, null, null, null)));
        }
        return files;
    }

    @Test
    void aJobWhoseWorkerDiedMidwayCompletesAfterTheLeaseWithEachDocumentStoredOnce() throws Exception {
        String prefix = "crash-" + UUID.randomUUID();
        long jobId = jobs.createFiles(articles(prefix, 30));
        AtomicInteger stored = new AtomicInteger();
        CountDownLatch dying = new CountDownLatch(2);
        // stores the document, then hangs before the outcome is recorded: the worst moment to die
        JobItemHandler storesThenHangs = item -> {
            JobItemHandler.Outcome outcome = processor.handle(item);
            if (stored.incrementAndGet() >= 10) {
                dying.countDown();
                new CountDownLatch(1).await();
            }
            return outcome;
        };
        JobWorker first = new JobWorker("first-" + prefix, workers.queue(), storesThenHangs, SETTINGS);
        first.start();
        assertThat(dying.await(60, TimeUnit.SECONDS)).as("first worker reached its 10th item").isTrue();
        first.abandon();

        JobView midway = jobs.get(jobId).orElseThrow();
        assertThat(midway.state()).isEqualTo("RUNNING");
        assertThat(midway.running()).isEqualTo(2);
        assertThat(midway.done()).isBetween(8, 9);

        try (JobWorker second = new JobWorker("second-" + prefix, workers.queue(), processor, SETTINGS)) {
            second.start();
            JobView finished = awaitFinished(jobId, Duration.ofSeconds(90));
            assertThat(finished.state()).isEqualTo("DONE");
            assertThat(finished.done()).isEqualTo(30);
            assertThat(finished.failed()).isZero();
        }
        assertThat(documentsTitled(prefix)).isEqualTo(30);
        assertThat(query("SELECT count(DISTINCT document_id) FROM job_items WHERE job_id = ?", jobId)).isEqualTo(30);
        // the two items the dead worker held were taken over: claimed twice, finished by the second worker
        assertThat(
                query("SELECT count(*) FROM job_items WHERE job_id = ? AND attempts = 2 AND claimed_by LIKE 'second-%'",
                        jobId))
                .isEqualTo(2);
        // their documents had been stored by the first worker: the second found them by content hash
        assertThat(query("SELECT count(*) FROM job_items WHERE job_id = ? AND NOT created_document", jobId))
                .isEqualTo(2);
    }

    @Test
    void twoWorkersSplitA200DocumentJobWithoutDuplicates() throws Exception {
        String prefix = "split-" + UUID.randomUUID();
        long jobId = jobs.createFiles(articles(prefix, 200));
        try (JobWorker a = new JobWorker("a-" + prefix, workers.queue(), processor, SETTINGS);
                JobWorker b = new JobWorker("b-" + prefix, workers.queue(), processor, SETTINGS)) {
            a.start();
            b.start();
            JobView finished = awaitFinished(jobId, Duration.ofSeconds(180));
            assertThat(finished.state()).isEqualTo("DONE");
            assertThat(finished.done()).isEqualTo(200);
            assertThat(finished.createdDocuments()).isEqualTo(200);
            assertThat(a.handled()).as("worker a did some").isPositive();
            assertThat(b.handled()).as("worker b did some").isPositive();
            assertThat(a.handled() + b.handled()).isEqualTo(200);
        }
        assertThat(documentsTitled(prefix)).isEqualTo(200);
        assertThat(query("SELECT count(DISTINCT document_id) FROM job_items WHERE job_id = ?", jobId)).isEqualTo(200);
        assertThat(query("SELECT max(attempts) FROM job_items WHERE job_id = ?", jobId)).isEqualTo(1);
        Map<String, Long> byWorker = byWorker(jobId);
        assertThat(byWorker).hasSize(2);
    }

    @Test
    void gracefulStopGivesBackTheItemsInHandUncounted() throws Exception {
        String prefix = "stop-" + UUID.randomUUID();
        long jobId = jobs.createFiles(articles(prefix, 4));
        CountDownLatch holding = new CountDownLatch(1);
        JobItemHandler slow = item -> {
            holding.countDown();
            new CountDownLatch(1).await(); // never finishes on its own
            return processor.handle(item);
        };
        JobWorker stopping = new JobWorker("stopping-" + prefix, workers.queue(), slow,
                new JobWorker.Settings(1, Duration.ofMillis(50), Duration.ofMinutes(5), 3));
        stopping.start();
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        stopping.stop(Duration.ofMillis(200));
        JobView afterStop = jobs.get(jobId).orElseThrow();
        assertThat(afterStop.state()).isEqualTo("QUEUED");
        assertThat(query("SELECT max(attempts) FROM job_items WHERE job_id = ?", jobId)).isZero();
        try (JobWorker next = new JobWorker("next-" + prefix, workers.queue(), processor, SETTINGS)) {
            next.start();
            assertThat(awaitFinished(jobId, Duration.ofSeconds(60)).state()).isEqualTo("DONE");
        }
    }

    @Test
    void aWorkerThreadThatEndsIsStartedAgainAndItsItemIsFinished() throws Exception {
        String prefix = "dies-" + UUID.randomUUID();
        long jobId = jobs.createFiles(articles(prefix, 6));
        AtomicBoolean died = new AtomicBoolean();
        JobItemHandler diesOnce = item -> {
            if (died.compareAndSet(false, true)) {
                throw new StackOverflowError("simulated: the thread ends");
            }
            return processor.handle(item);
        };
        try (JobWorker worker = new JobWorker("dies-" + prefix, workers.queue(), diesOnce,
                SETTINGS.withRetryBackoff(Duration.ofMillis(100), Duration.ofMillis(500)))) {
            worker.start();
            JobView finished = awaitFinished(jobId, Duration.ofSeconds(60));
            assertThat(finished.state()).isEqualTo("DONE");
            assertThat(finished.done()).isEqualTo(6);
            assertThat(died).isTrue();
            assertThat(worker.restarts()).isEqualTo(1);
            assertThat(worker.aliveThreads()).isEqualTo(2);
        }
        assertThat(query("SELECT max(attempts) FROM job_items WHERE job_id = ?", jobId)).isEqualTo(2);
    }

    @Test
    void aStalledWorkerMakesReadinessDownUntilItMovesAgain() throws Exception {
        String prefix = "stall-" + UUID.randomUUID();
        long jobId = jobs.createFiles(articles(prefix, 1));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        JobItemHandler hangs = item -> {
            holding.countDown();
            release.await();
            return processor.handle(item);
        };
        JobWorker worker = workers.watch(new JobWorker("stall-" + prefix, workers.queue(), hangs,
                new JobWorker.Settings(1, Duration.ofMillis(50), LEASE, 3).withStallAfter(Duration.ofSeconds(1))));
        try {
            worker.start();
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
            awaitReadiness(503, Duration.ofSeconds(10));
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'job-workers' }.status", equalTo("DOWN"));
            assertThat(given().get("/q/metrics").asString()).contains("xborder_jobs_worker_stalled 1.0");
            release.countDown();
            awaitReadiness(200, Duration.ofSeconds(10));
            assertThat(awaitFinished(jobId, Duration.ofSeconds(30)).state()).isEqualTo("DONE");
        } finally {
            release.countDown();
            worker.close();
        }
    }

    @Test
    void transientFailuresAreRetriedWithBackOffAndPermanentOnesFailAtOnce() throws Exception {
        String prefix = "retry-" + UUID.randomUUID();
        long jobId = jobs.createFiles(articles(prefix, 4));
        // item 0: busy twice, then fine; 1: corrupt; 2: the database away once; 3: busy every time
        JobItemHandler flaky = item -> switch (item.index()) {
            case 0 -> {
                if (item.attempt() < 3) {
                    throw new JobItemHandler.ItemDeferredException("EXTRACTION_TIMEOUT", "too many extractions");
                }
                yield processor.handle(item);
            }
            case 1 -> throw new JobItemHandler.ItemFailedException("CORRUPT", "cannot be parsed");
            case 2 -> {
                if (item.attempt() == 1) {
                    throw new RuntimeException(new SQLTransientConnectionException("Acquisition timeout"));
                }
                yield processor.handle(item);
            }
            default -> throw new JobItemHandler.ItemDeferredException("EXTRACTION_TIMEOUT", "too many extractions");
        };
        long t0 = System.nanoTime();
        try (JobWorker worker = new JobWorker("retry-" + prefix, workers.queue(), flaky,
                SETTINGS.withRetryBackoff(Duration.ofMillis(300), Duration.ofSeconds(5)))) {
            worker.start();
            JobView finished = awaitFinished(jobId, Duration.ofSeconds(60));
            assertThat(finished.state()).isEqualTo("PARTIAL");
            assertThat(finished.done()).isEqualTo(2);
        }
        // back-off: 300 ms then 600 ms (±20 %) before the third attempt of items 0 and 3
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(700));
        assertThat(itemRow(jobId, 0)).isEqualTo("DONE 3 null");
        assertThat(itemRow(jobId, 1)).isEqualTo("FAILED 1 CORRUPT");
        assertThat(itemRow(jobId, 2)).isEqualTo("DONE 2 null");
        assertThat(itemRow(jobId, 3)).isEqualTo("FAILED 3 EXTRACTION_TIMEOUT");
    }

    @Test
    void aRestartedInstanceTakesBackAtOnceWhatItsEarlierProcessHeldButNotAnotherInstancesItems()
            throws Exception {
        String prefix = "restart-" + UUID.randomUUID();
        long jobId = jobs.createFiles(articles(prefix, 8));
        JobWorker.Settings longLease = new JobWorker.Settings(2, Duration.ofMillis(50), Duration.ofMinutes(5), 3);
        CountDownLatch holding = new CountDownLatch(2);
        JobItemHandler hangs = item -> {
            holding.countDown();
            new CountDownLatch(1).await();
            return processor.handle(item);
        };
        String instance = "pod-" + prefix;
        JobWorker crashed = JobWorker.forInstance(instance, workers.queue(), hangs, longLease);
        crashed.start();
        assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
        crashed.abandon();
        assertThat(crashed.workerId()).startsWith(instance + "#");

        // another instance does the rest, but cannot prove the two held items are its own: they wait for the lease
        try (JobWorker stranger = JobWorker.forInstance("other-" + prefix, workers.queue(), processor, longLease)) {
            stranger.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (jobs.get(jobId).orElseThrow().done() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(500);
            JobView stuck = jobs.get(jobId).orElseThrow();
            assertThat(stuck.done()).isEqualTo(6);
            assertThat(stuck.running()).isEqualTo(2);
        }
        // the same instance, restarted: it gives them back at start, long before the 5-minute lease
        try (JobWorker restarted = JobWorker.forInstance(instance, workers.queue(), processor, longLease)) {
            restarted.start();
            JobView finished = awaitFinished(jobId, Duration.ofSeconds(30));
            assertThat(finished.state()).isEqualTo("DONE");
            assertThat(finished.done()).isEqualTo(8);
        }
        assertThat(documentsTitled(prefix)).isEqualTo(8);
        assertThat(query("SELECT count(*) FROM job_items WHERE job_id = ? AND attempts = 2", jobId)).isEqualTo(2);
    }

    void awaitReadiness(int status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int last;
        do {
            last = given().get("/q/health/ready").statusCode();
            if (last == status) {
                return;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("readiness answered " + last + ", not " + status + ", for " + timeout);
    }

    String itemRow(long jobId, int index) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT state, attempts, error_reason FROM job_items WHERE job_id = ? AND idx = ?")) {
            ps.setLong(1, jobId);
            ps.setInt(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3);
            }
        }
    }

    JobView awaitFinished(long jobId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JobView view = jobs.get(jobId).orElseThrow();
            if (!view.state().equals("QUEUED") && !view.state().equals("RUNNING")) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not finish in " + timeout + ": " + jobs.get(jobId));
    }

    long documentsTitled(String prefix) throws SQLException {
        return query("SELECT count(*) FROM documents WHERE title LIKE ? || '-%'", prefix);
    }

    Map<String, Long> byWorker(long jobId) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT claimed_by, count(*) FROM job_items WHERE job_id = ? GROUP BY claimed_by")) {
            ps.setLong(1, jobId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    long query(String sql, Object parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
