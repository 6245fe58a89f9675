package io.xborder.job;

import io.xborder.text.StoredText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The job tables in PostgreSQL as a work queue shared by every worker of every replica. An item is claimed with
 * {@code FOR UPDATE SKIP LOCKED} (no two workers get the same item, none waits for another) and leased: the claim
 * records the worker and a lease end; an item whose lease ran out while RUNNING (its worker died) is claimable
 * again. Completion and failure are conditional on still holding the claim, so a worker that lost its lease
 * cannot overwrite the outcome of the worker that took over. Plain JDBC with auto-commit: every method is its own
 * short transaction; the clock is the database's.
 */
public final class JobQueue {

    /** A new item of a job. */
    public record NewItem(String source, byte[] payload, String metadataJson, Long documentId) {
    }

    /** A claimed item: what to do, and the attempt number (1 for the first claim). */
    public record ClaimedItem(long id, long jobId, JobKind kind, int index, String source, byte[] payload,
            String metadataJson, Long documentId, int attempt) {
    }

    private static final String CLAIM = """
            UPDATE job_items i
               SET state = 'RUNNING', claimed_by = ?, lease_until = now() + ? * interval '1 millisecond',
                   attempts = i.attempts + 1, not_before = NULL
             WHERE i.id = (SELECT id FROM job_items
                            WHERE (state = 'QUEUED' AND (not_before IS NULL OR not_before <= now()))
                               OR (state = 'RUNNING' AND lease_until < now())
                            ORDER BY id
                            LIMIT 1
                            FOR UPDATE SKIP LOCKED)
            RETURNING i.id, i.job_id, (SELECT kind FROM jobs j WHERE j.id = i.job_id), i.idx, i.source, i.payload,
                      i.metadata::text, i.document_id, i.attempts
            """;

    /** Between the instance id and the process's own token in a worker id: {@code <instance>#<token>}. */
    public static final String INSTANCE_SEPARATOR = "#";

    private final DataSource dataSource;

    public JobQueue(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Creates a job with its items in one transaction; returns the job id. */
    public long create(JobKind kind, List<NewItem> items) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                long jobId;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs (kind, total) VALUES (?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, kind.name());
                    ps.setInt(2, items.size());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        jobId = keys.getLong(1);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO job_items (job_id, idx, source, payload, "
                        + "metadata, document_id) VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
                    int index = 0;
                    for (NewItem item : items) {
                        ps.setLong(1, jobId);
                        ps.setInt(2, index++);
                        ps.setString(3, StoredText.clean(item.source()));
                        ps.setBytes(4, item.payload());
                        ps.setString(5, item.metadataJson() == null ? "{}" : item.metadataJson());
                        if (item.documentId() == null) {
                            ps.setNull(6, Types.BIGINT);
                        } else {
                            ps.setLong(6, item.documentId());
                        }
                        ps.addBatch();
                        if (index % 500 == 0) {
                            ps.executeBatch();
                        }
                    }
                    ps.executeBatch();
                }
                c.commit();
                return jobId;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new JobStoreException("cannot create the job", e);
        }
    }

    /** Claims the oldest claimable item for {@code workerId} with a lease of {@code lease}; empty when none. */
    public Optional<ClaimedItem> claim(String workerId, Duration lease) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setString(1, workerId);
            ps.setLong(2, lease.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long documentId = rs.getLong(8);
                return Optional.of(new ClaimedItem(rs.getLong(1), rs.getLong(2), JobKind.valueOf(rs.getString(3)),
                        rs.getInt(4), rs.getString(5), rs.getBytes(6), rs.getString(7),
                        rs.wasNull() ? null : documentId, rs.getInt(9)));
            }
        } catch (SQLException e) {
            throw new JobStoreException("cannot claim a job item", e);
        }
    }

    /** Marks the item DONE with its document; false when {@code workerId} no longer holds it. */
    public boolean complete(long itemId, String workerId, Long documentId, boolean createdDocument) {
        return update("""
                UPDATE job_items SET state = 'DONE', document_id = ?, created_document = ?, payload = NULL,
                       lease_until = NULL, error_reason = NULL, error_detail = NULL, finished_at = now()
                 WHERE id = ? AND claimed_by = ? AND state = 'RUNNING'""", ps -> {
            if (documentId == null) {
                ps.setNull(1, Types.BIGINT);
            } else {
                ps.setLong(1, documentId);
            }
            ps.setBoolean(2, createdDocument);
            ps.setLong(3, itemId);
            ps.setString(4, workerId);
        });
    }

    /** Marks the item FAILED for good with a reason code and a message; false when the claim was lost. */
    public boolean fail(long itemId, String workerId, String reason, String detail) {
        return update("""
                UPDATE job_items SET state = 'FAILED', error_reason = ?, error_detail = ?, payload = NULL,
                       lease_until = NULL, finished_at = now()
                 WHERE id = ? AND claimed_by = ? AND state = 'RUNNING'""", ps -> {
            ps.setString(1, StoredText.clean(reason));
            ps.setString(2, StoredText.clean(detail));
            ps.setLong(3, itemId);
            ps.setString(4, workerId);
        });
    }

    /**
     * Gives the item back (QUEUED) for another worker. {@code countAttempt} false for a graceful shutdown (the
     * item was not tried), true after a failure (so that an item that always fails stops being retried).
     */
    public boolean release(long itemId, String workerId, boolean countAttempt, String reason, String detail) {
        return release(itemId, workerId, countAttempt, reason, detail, Duration.ZERO);
    }

    /** As {@link #release(long, String, boolean, String, String)}; the item is not claimed again for {@code delay}. */
    public boolean release(long itemId, String workerId, boolean countAttempt, String reason, String detail,
            Duration delay) {
        return update("""
                UPDATE job_items SET state = 'QUEUED', claimed_by = NULL, lease_until = NULL,
                       attempts = CASE WHEN ? THEN attempts ELSE greatest(attempts - 1, 0) END,
                       error_reason = ?, error_detail = ?,
                       not_before = CASE WHEN ? > 0 THEN now() + ? * interval '1 millisecond' END
                 WHERE id = ? AND claimed_by = ? AND state = 'RUNNING'""", ps -> {
            ps.setBoolean(1, countAttempt);
            ps.setString(2, StoredText.clean(reason));
            ps.setString(3, StoredText.clean(detail));
            ps.setLong(4, delay.toMillis());
            ps.setLong(5, delay.toMillis());
            ps.setLong(6, itemId);
            ps.setString(7, workerId);
        });
    }

    /**
     * Gives back the items that earlier processes of this instance still hold: claimed by a worker id of
     * {@code instanceId} other than {@code workerId}. Only a stable instance id that no other live process uses
     * (a pod name, an embedded database's data directory) proves that those processes are gone. The attempts stay
     * counted: an item that crashes its process is failed after max-attempts like any other.
     *
     * @return the items given back
     */
    public int reclaim(String instanceId, String workerId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        """
                                UPDATE job_items SET state = 'QUEUED', claimed_by = NULL, lease_until = NULL, not_before = NULL,
                                       error_reason = 'WORKER_RESTARTED', error_detail = 'its worker process ended; given back at restart'
                                 WHERE state = 'RUNNING' AND claimed_by LIKE ? ESCAPE '\\' AND claimed_by <> ?""")) {
            ps.setString(1, instanceId.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
                    + INSTANCE_SEPARATOR + "%");
            ps.setString(2, workerId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new JobStoreException("cannot reclaim the items of earlier processes", e);
        }
    }

    /** Extends the lease of an item still held by {@code workerId}. */
    public boolean renew(long itemId, String workerId, Duration lease) {
        return update("""
                UPDATE job_items SET lease_until = now() + ? * interval '1 millisecond'
                 WHERE id = ? AND claimed_by = ? AND state = 'RUNNING'""", ps -> {
            ps.setLong(1, lease.toMillis());
            ps.setLong(2, itemId);
            ps.setString(3, workerId);
        });
    }

    @FunctionalInterface
    private interface Binder {

        void bind(PreparedStatement ps) throws SQLException;
    }

    private boolean update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new JobStoreException("cannot update a job item", e);
        }
    }

    /** The job tables could not be read or written. */
    public static class JobStoreException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        JobStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
