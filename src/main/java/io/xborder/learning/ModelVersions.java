package io.xborder.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.xborder.text.StoredText;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The model_versions table (migration V11), in plain JDBC. Inside a transaction the connection takes part in it
 * (the data source is the service's), so a change and its audit entry commit together; outside one each call is its
 * own short transaction (training progress).
 */
@ApplicationScoped
public class ModelVersions {

    /** What the service needs of a version to load, gate and switch it. */
    public record Row(long id, String kind, String state, String modelVersion, boolean everActive,
            JsonNode evaluation) {
    }

    private static final String VIEW_COLUMNS = """
            id, kind, state, model_version, rules_version, size_bytes, shipped_passages, reviewed_passages,
            reviewed_verdicts, reviewer_findings, partly_reviewed_passages, review_weight, trained_by, created_at, trained_at, job_id, progress,
            stage, error, training_report::text, activated_by, activated_at, forced, force_reason, evaluation::text,
            comparison::text""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public ModelVersions(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    public List<ModelVersionView> list() {
        return query("SELECT " + VIEW_COLUMNS + " FROM model_versions ORDER BY id DESC", ps -> {
        });
    }

    public Optional<ModelVersionView> view(long id) {
        return query("SELECT " + VIEW_COLUMNS + " FROM model_versions WHERE id = ?", ps -> ps.setLong(1, id))
                .stream().findFirst();
    }

    public Optional<Row> active() {
        return rows("SELECT id, kind, state, model_version, ever_active, evaluation::text FROM model_versions "
                + "WHERE state = 'ACTIVE'", ps -> {
                });
    }

    /** The version, locked until the end of the transaction. */
    public Optional<Row> lock(long id) {
        return rows("SELECT id, kind, state, model_version, ever_active, evaluation::text FROM model_versions "
                + "WHERE id = ? FOR UPDATE", ps -> ps.setLong(1, id));
    }

    public Optional<Row> row(long id) {
        return rows("SELECT id, kind, state, model_version, ever_active, evaluation::text FROM model_versions "
                + "WHERE id = ?", ps -> ps.setLong(1, id));
    }

    public Optional<Row> shipped(String modelVersion) {
        return rows("SELECT id, kind, state, model_version, ever_active, evaluation::text FROM model_versions "
                + "WHERE kind = 'SHIPPED' AND model_version = ?", ps -> ps.setString(1, modelVersion));
    }

    /** The stored model of a version; empty while it trains or when it failed. */
    public Optional<byte[]> model(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT model FROM model_versions WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getBytes(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read model version " + id, e);
        }
    }

    /** Serialises registrations of the shipped model across replicas, until the transaction ends. */
    public void lockRegistration() {
        update("SELECT pg_advisory_xact_lock(7181011)", ps -> {
        }, true);
    }

    public long insertShipped(String modelVersion, String rulesVersion, byte[] model, int shippedPassages,
            JsonNode report, String state) {
        return insert("""
                INSERT INTO model_versions (kind, state, model_version, rules_version, model, size_bytes,
                       shipped_passages, training_report, trained_by, trained_at, ever_active)
                VALUES ('SHIPPED', ?, ?, ?, ?, ?, ?, cast(? as jsonb), 'build', now(), ?)""", ps -> {
            ps.setString(1, state);
            ps.setString(2, modelVersion);
            ps.setString(3, rulesVersion);
            ps.setBytes(4, model);
            ps.setInt(5, model.length);
            ps.setInt(6, shippedPassages);
            ps.setString(7, text(report));
            ps.setBoolean(8, "ACTIVE".equals(state));
        });
    }

    public long insertTraining(String rulesVersion, int weight, String trainedBy) {
        return insert("""
                INSERT INTO model_versions (kind, state, rules_version, review_weight, trained_by, stage)
                VALUES ('TRAINED', 'TRAINING', ?, ?, ?, 'waiting for a job worker')""", ps -> {
            ps.setString(1, rulesVersion);
            ps.setInt(2, weight);
            ps.setString(3, StoredText.clean(trainedBy));
        });
    }

    public void setJob(long id, long jobId) {
        update("UPDATE model_versions SET job_id = ? WHERE id = ?", ps -> {
            ps.setLong(1, jobId);
            ps.setLong(2, id);
        }, false);
    }

    /** Marks TRAINING versions whose job ended (its item failed or was lost) as FAILED; returns their ids. */
    public List<Long> failAbandoned() {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                UPDATE model_versions v SET state = 'FAILED', error = 'its training job ended without a model',
                       progress = 0
                 WHERE v.state = 'TRAINING' AND v.job_id IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM job_items i WHERE i.job_id = v.job_id
                                      AND i.state IN ('QUEUED', 'RUNNING'))
                RETURNING v.id""")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot check the trainings", e);
        }
        return out;
    }

    /** Progress of a training; only while it is TRAINING. */
    public void progress(long id, int percent, String stage) {
        update("UPDATE model_versions SET progress = ?, stage = ? WHERE id = ? AND state = 'TRAINING'", ps -> {
            ps.setInt(1, Math.max(0, Math.min(100, percent)));
            ps.setString(2, stage);
            ps.setLong(3, id);
        }, false);
    }

    /** The trained model with its counts and measures; false when the version is no longer TRAINING. */
    public boolean complete(long id, String modelVersion, byte[] model, int shippedPassages, int reviewedPassages,
            int verdicts, int reviewerFindings, int partlyReviewed, JsonNode report, JsonNode evaluation,
            JsonNode comparison, long comparedWith) {
        return update("""
                UPDATE model_versions SET state = 'READY', model_version = ?, model = ?, size_bytes = ?,
                       shipped_passages = ?, reviewed_passages = ?, reviewed_verdicts = ?, reviewer_findings = ?,
                       partly_reviewed_passages = ?, training_report = cast(? as jsonb), evaluation = cast(? as jsonb),
                       comparison = cast(? as jsonb), compared_with = ?, trained_at = now(), progress = 100,
                       stage = 'trained and measured'
                 WHERE id = ? AND state = 'TRAINING'""", ps -> {
            ps.setString(1, modelVersion);
            ps.setBytes(2, model);
            ps.setInt(3, model.length);
            ps.setInt(4, shippedPassages);
            ps.setInt(5, reviewedPassages);
            ps.setInt(6, verdicts);
            ps.setInt(7, reviewerFindings);
            ps.setInt(8, partlyReviewed);
            ps.setString(9, text(report));
            ps.setString(10, text(evaluation));
            ps.setString(11, text(comparison));
            ps.setLong(12, comparedWith);
            ps.setLong(13, id);
        }, false);
    }

    public boolean fail(long id, String error) {
        return update("UPDATE model_versions SET state = 'FAILED', error = ?, stage = 'failed' "
                + "WHERE id = ? AND state = 'TRAINING'", ps -> {
                    ps.setString(1, StoredText.clean(error));
                    ps.setLong(2, id);
                }, false);
    }

    /** Stores a version's own blind-set scores once (the first measurement stands). */
    public void evaluation(long id, JsonNode evaluation) {
        update("UPDATE model_versions SET evaluation = cast(? as jsonb) WHERE id = ? AND evaluation IS NULL", ps -> {
            ps.setString(1, text(evaluation));
            ps.setLong(2, id);
        }, false);
    }

    /**
     * Makes {@code to} the active version in the caller's transaction: the active one (if any) becomes RETIRED, and
     * the switch is recorded in model_activations.
     */
    public void switchActive(Long from, long to, String action, String actor, boolean forced, String reason) {
        if (from != null) {
            update("UPDATE model_versions SET state = 'RETIRED' WHERE id = ? AND state = 'ACTIVE'",
                    ps -> ps.setLong(1, from), false);
        }
        update("""
                UPDATE model_versions SET state = 'ACTIVE', ever_active = true, activated_by = ?, activated_at = now(),
                       forced = ?, force_reason = ?
                 WHERE id = ?""", ps -> {
            ps.setString(1, StoredText.clean(actor));
            ps.setBoolean(2, forced);
            ps.setString(3, StoredText.clean(reason));
            ps.setLong(4, to);
        }, false);
        update("INSERT INTO model_activations (version_id, previous_id, action, actor, forced, reason) "
                + "VALUES (?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setLong(1, to);
                    if (from == null) {
                        ps.setNull(2, Types.BIGINT);
                    } else {
                        ps.setLong(2, from);
                    }
                    ps.setString(3, action);
                    ps.setString(4, StoredText.clean(actor));
                    ps.setBoolean(5, forced);
                    ps.setString(6, StoredText.clean(reason));
                }, false);
    }

    // ------------------------------------------------------------------------------------------------ JDBC

    @FunctionalInterface
    private interface Binder {

        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<ModelVersionView> query(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<ModelVersionView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(view(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the model versions", e);
        }
    }

    private Optional<Row> rows(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getBoolean(5), tree(rs.getString(6))))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the model versions", e);
        }
    }

    private long insert(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            binder.bind(ps);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong("id");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a model version", e);
        }
    }

    private boolean update(String sql, Binder binder, boolean query) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            if (query) {
                ps.executeQuery().close();
                return true;
            }
            return ps.executeUpdate() >= 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot update the model versions", e);
        }
    }

    private ModelVersionView view(ResultSet rs) throws SQLException {
        int size = rs.getInt("size_bytes");
        Integer sizeBytes = rs.wasNull() ? null : size;
        long job = rs.getLong("job_id");
        Long jobId = rs.wasNull() ? null : job;
        return new ModelVersionView(rs.getLong("id"), rs.getString("kind"), rs.getString("state"),
                rs.getString("model_version"), rs.getString("rules_version"), sizeBytes,
                new ModelVersionView.Training(rs.getInt("shipped_passages"), rs.getInt("reviewed_passages"),
                        rs.getInt("reviewed_verdicts"), rs.getInt("reviewer_findings"),
                        rs.getInt("partly_reviewed_passages"), rs.getInt("review_weight"), rs.getString("trained_by"),
                        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("trained_at")), jobId,
                        rs.getInt("progress"), rs.getString("stage"), rs.getString("error"),
                        tree(rs.getString("training_report"))),
                rs.getString("activated_by") == null
                        ? null
                        : new ModelVersionView.Activation(rs.getString("activated_by"),
                                instant(rs.getTimestamp("activated_at")), rs.getBoolean("forced"),
                                rs.getString("force_reason")),
                tree(rs.getString("evaluation")), tree(rs.getString("comparison")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model_versions holds invalid JSON", e);
        }
    }

    String text(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
