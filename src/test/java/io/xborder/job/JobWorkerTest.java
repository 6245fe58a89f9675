package io.xborder.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.xborder.ingest.FileMetadata;
import io.xborder.ingest.IngestFixtures;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    static List<JobService.JobFile> articles(String prefix, int n) {
        List<JobService.JobFile> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String text = "Article " + i + " of " + prefix + ".\n\n" + IngestFixtures.EN_TRANSFER + "\n\nThe company "
                    + "said it would comply. " + IngestFixtures.ref();
            files.add(new JobService.JobFile(prefix + "-" + i + ".txt", "text/plain",
                    text.getBytes(StandardCharsets.UTF_8), new FileMetadata(prefix + "-" + i, "en", null, null, null)));
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
