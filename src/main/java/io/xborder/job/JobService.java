package io.xborder.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.xborder.analysis.AnalysisService;
import io.xborder.document.DocumentInputs;
import io.xborder.document.DocumentMetadata;
import io.xborder.http.ProblemException;
import io.xborder.http.WireValues;
import io.xborder.ingest.IncomingFile;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Creates jobs (checking them as a whole) and reports their progress. */
@ApplicationScoped
public class JobService {

    private static final int MAX_FAILURES_SHOWN = 1000;
    private static final String COUNTS = """
            SELECT j.id, j.kind, j.total, j.created_at,
                   count(i.id) FILTER (WHERE i.state = 'QUEUED'),
                   count(i.id) FILTER (WHERE i.state = 'RUNNING'),
                   count(i.id) FILTER (WHERE i.state = 'DONE'),
                   count(i.id) FILTER (WHERE i.state = 'FAILED'),
                   count(i.id) FILTER (WHERE i.created_document),
                   max(i.finished_at)
              FROM jobs j LEFT JOIN job_items i ON i.job_id = j.id
            """;

    private final JobWorkers workers;
    private final AgroalDataSource dataSource;
    private final AnalysisService analysis;
    private final JobsConfig config;
    private final ObjectMapper json;

    public JobService(JobWorkers workers, AgroalDataSource dataSource, AnalysisService analysis, JobsConfig config,
            ObjectMapper json) {
        this.workers = workers;
        this.dataSource = dataSource;
        this.analysis = analysis;
        this.config = config;
        this.json = json;
    }

    /** A URLS or RECLASSIFY job from its JSON request; 400 when it is malformed. */
    public long create(JobRequest request) {
        if (request == null || request.kind() == null || request.kind().isBlank()) {
            throw ProblemException.invalid("kind",
                    "is required: URLS or RECLASSIFY (files go as multipart/form-data)");
        }
        JobKind kind = WireValues.enumValue("kind", request.kind(), JobKind.class);
        return switch (kind) {
            case URLS -> createUrls(request);
            case RECLASSIFY -> createReclassify();
            case FILES -> throw ProblemException.invalid("kind", "FILES jobs are created by posting the files as "
                    + "multipart/form-data");
            case TRAIN_MODEL -> throw ProblemException.invalid("kind", "a model is trained with POST "
                    + "/api/v1/models/training (admins only)");
        };
    }

    private long createUrls(JobRequest request) {
        List<String> urls = request.urls();
        if (urls == null || urls.isEmpty()) {
            throw ProblemException.invalid("urls", "must list at least one http or https URL");
        }
        if (urls.size() > config.maxItems()) {
            throw ProblemException.tooLarge(urls.size() + " URLs in one job; the limit is " + config.maxItems());
        }
        DocumentMetadata common = new DocumentMetadata(null, request.language(), request.jurisdiction(), null,
                request.publishedAt());
        DocumentInputs.check(common);
        String metadata = toJson(new JobProcessor.ItemMetadata(common, null).toTree(json));
        List<JobQueue.NewItem> items = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String url = DocumentInputs.url("urls[" + i + "]", urls.get(i));
            if (url == null) {
                throw ProblemException.invalid("urls[" + i + "]", "must not be blank");
            }
            items.add(new JobQueue.NewItem(url, null, metadata, null));
        }
        return created(workers.queue().create(JobKind.URLS, items));
    }

    private long createReclassify() {
        List<JobQueue.NewItem> items = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT id FROM documents WHERE ruleset_version IS DISTINCT FROM ? ORDER BY id")) {
            ps.setString(1, analysis.rulesetVersion());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    items.add(new JobQueue.NewItem("document " + id, null, "{}", id));
                }
            }
        } catch (SQLException e) {
            throw new JobQueue.JobStoreException("cannot list the documents to reclassify", e);
        }
        return created(workers.queue().create(JobKind.RECLASSIFY, items));
    }

    /** A job of a kind done by {@link PluggedJobs} with one item; its workers are woken. */
    public long createPlugged(JobKind kind, JobQueue.NewItem item) {
        return created(workers.queue().create(kind, List.of(item)));
    }

    /** A FILES job; a file over the per-file limit (content null) becomes an item that fails with TOO_LARGE. */
    public long createFiles(List<IncomingFile> files) {
        if (files.size() > config.maxItems()) {
            throw ProblemException.tooLarge(files.size() + " files in one job; the limit is " + config.maxItems());
        }
        List<JobQueue.NewItem> items = new ArrayList<>();
        for (IncomingFile f : files) {
            items.add(new JobQueue.NewItem(f.fileName() == null ? "file" : f.fileName(), f.content(),
                    toJson(new JobProcessor.ItemMetadata(f.metadata(), f.mediaType()).toTree(json)), null));
        }
        return created(workers.queue().create(JobKind.FILES, items));
    }

    private long created(long jobId) {
        workers.wake();
        return jobId;
    }

    public Optional<JobView> get(long id) {
        try (Connection c = dataSource.getConnection()) {
            JobView counts;
            try (PreparedStatement ps = c.prepareStatement(COUNTS + " WHERE j.id = ? GROUP BY j.id")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    counts = view(rs, List.of());
                }
            }
            List<JobView.ItemFailure> failures = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT idx, source, error_reason, error_detail, attempts "
                    + "FROM job_items WHERE job_id = ? AND state = 'FAILED' ORDER BY idx LIMIT "
                    + MAX_FAILURES_SHOWN)) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        failures.add(new JobView.ItemFailure(rs.getInt(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getInt(5)));
                    }
                }
            }
            return Optional.of(new JobView(counts.id(), counts.kind(), counts.state(), counts.total(), counts.queued(),
                    counts.running(), counts.done(), counts.failed(), counts.createdDocuments(), counts.createdAt(),
                    counts.finishedAt(), failures));
        } catch (SQLException e) {
            throw new JobQueue.JobStoreException("cannot read job " + id, e);
        }
    }

    /**
     * One item of a job as its page lists it: the file name or URL, its state, the document it gave (title, and
     * whether this job created it or the same text was stored before), or why it failed.
     */
    public record ItemOutcome(int index, String source, String state, Long documentId, String documentTitle,
            Boolean createdDocument, String errorReason, String errorDetail) {
    }

    /** The job's first {@code limit} items in order, with what each gave. */
    public List<ItemOutcome> items(long jobId, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT i.idx, i.source, i.state, i.document_id, d.title, "
                        + "i.created_document, i.error_reason, i.error_detail FROM job_items i "
                        + "LEFT JOIN documents d ON d.id = i.document_id WHERE i.job_id = ? ORDER BY i.idx LIMIT ?")) {
            ps.setLong(1, jobId);
            ps.setInt(2, limit);
            List<ItemOutcome> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long doc = rs.getLong(4);
                    Long documentId = rs.wasNull() ? null : doc;
                    boolean created = rs.getBoolean(6);
                    Boolean createdDocument = rs.wasNull() ? null : created;
                    items.add(new ItemOutcome(rs.getInt(1), rs.getString(2), rs.getString(3), documentId,
                            rs.getString(5), createdDocument, rs.getString(7), rs.getString(8)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new JobQueue.JobStoreException("cannot read the items of job " + jobId, e);
        }
    }

    public JobView.Page list(int page, int size) {
        try (Connection c = dataSource.getConnection()) {
            List<JobView> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(COUNTS
                    + " GROUP BY j.id ORDER BY j.created_at DESC, j.id DESC LIMIT ? OFFSET ?")) {
                ps.setInt(1, size);
                ps.setLong(2, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(view(rs, List.of()));
                    }
                }
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM jobs");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            return new JobView.Page(items, page, size, total);
        } catch (SQLException e) {
            throw new JobQueue.JobStoreException("cannot list jobs", e);
        }
    }

    private static JobView view(ResultSet rs, List<JobView.ItemFailure> failures) throws SQLException {
        int total = rs.getInt(3);
        int queued = rs.getInt(5);
        int running = rs.getInt(6);
        int done = rs.getInt(7);
        int failed = rs.getInt(8);
        JobState state = JobState.of(total, queued, done, failed);
        Timestamp finished = rs.getTimestamp(10);
        return new JobView(rs.getLong(1), rs.getString(2), state.name(), total, queued, running, done, failed,
                rs.getInt(9), rs.getTimestamp(4).toInstant(),
                state == JobState.QUEUED || state == JobState.RUNNING || finished == null ? null : finished.toInstant(),
                failures);
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
