package io.xborder.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;

/**
 * A new document's rows written with plain JDBC on the current transaction's connection: the document, its passages
 * and its findings, one batch per table (the driver rewrites each into multi-row INSERTs), with ids from the entities'
 * own sequence generators (the same sequences and id blocks as Hibernate's inserts). The rows are only ever inserted
 * here, and Hibernate's insert path (its attribute decomposition and value bindings per column and row) was nearly
 * half of the service's CPU in the ingest benchmark; {@code StoredRowsTest} holds that the rows are the same. Also the
 * look-ups by content hash that come before, which need only an id.
 */
@ApplicationScoped
class DocumentRows {

    /** Rows per executed batch: a whole ordinary document in one round trip per table, a huge one in several. */
    static final int BATCH = 1000;

    /** Evidence as JSON (jsonb keeps it parsed: key order and spacing do not matter). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String INSERT_DOCUMENT = "INSERT INTO documents (id, title, source_url, language, "
            + "jurisdiction, published_at, content_hash, text, created_at, ruleset_version) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_PASSAGE = "INSERT INTO passages (id, document_id, idx, start_offset, "
            + "end_offset, text, language) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_FINDING = "INSERT INTO findings (id, passage_id, document_id, language, "
            + "occurred_on, category, confidence, modality, mechanisms, jurisdictions, data_categories, evidence, "
            + "ruleset_version, review_status, created_at, origin, version, reviewed_by, reviewed_at, "
            + "review_comment, classifier_original) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))";

    private final AgroalDataSource dataSource;
    private final StatelessSession session;

    /**
     * @param session the current transaction's stateless session: its entities' id generators (sequences with their
     *     pooled id blocks) number the rows
     */
    DocumentRows(AgroalDataSource dataSource, StatelessSession session) {
        this.dataSource = dataSource;
        this.session = session;
    }

    /** The id of the document stored with this content hash, read outside any transaction (autocommit). */
    Optional<Long> idOf(String hash) {
        try (Connection c = dataSource.getConnection()) {
            return idOf(c, hash);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look a document up by its content hash", e);
        }
    }

    /**
     * In the current transaction: waits for any other transaction storing this content (a transaction-scoped
     * advisory lock on {@code lock}), then the id of the document stored with it, seen after the wait.
     */
    Optional<Long> lockAndFind(long lock, String hash) {
        // the connection enlisted in the transaction: closing this handle leaves it to the transaction
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                ps.setLong(1, lock);
                ps.execute();
            }
            return idOf(c, hash);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot look a document up by its content hash", e);
        }
    }

    private static Optional<Long> idOf(Connection c, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM documents WHERE content_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** Numbers and inserts the document, its passages and its findings (each finding's passage among them). */
    void insert(Document d, List<Passage> passages, List<StoredFinding> findings) {
        SharedSessionContractImplementor s = session.unwrap(SharedSessionContractImplementor.class);
        d.id = (Long) generator(s, Document.class).generate(s, d, null, EventType.INSERT);
        BeforeExecutionGenerator passageIds = generator(s, Passage.class);
        for (Passage p : passages) {
            p.id = (Long) passageIds.generate(s, p, null, EventType.INSERT);
        }
        BeforeExecutionGenerator findingIds = generator(s, StoredFinding.class);
        for (StoredFinding f : findings) {
            f.id = (Long) findingIds.generate(s, f, null, EventType.INSERT);
        }
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_DOCUMENT)) {
                ps.setLong(1, d.id);
                ps.setString(2, d.title);
                ps.setString(3, d.sourceUrl);
                ps.setString(4, d.language);
                ps.setString(5, d.jurisdiction);
                setDate(ps, 6, d.publishedAt);
                ps.setString(7, d.contentHash);
                ps.setString(8, d.text);
                setTime(ps, 9, d.createdAt);
                ps.setString(10, d.rulesetVersion);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_PASSAGE)) {
                int n = 0;
                for (Passage p : passages) {
                    ps.setLong(1, p.id);
                    ps.setLong(2, p.document.id);
                    ps.setInt(3, p.index);
                    ps.setInt(4, p.start);
                    ps.setInt(5, p.end);
                    ps.setString(6, p.text);
                    ps.setString(7, p.language);
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                if (n % BATCH != 0) {
                    ps.executeBatch();
                }
            }
            if (findings.isEmpty()) {
                return;
            }
            try (PreparedStatement ps = c.prepareStatement(INSERT_FINDING)) {
                int n = 0;
                for (StoredFinding f : findings) {
                    ps.setLong(1, f.id);
                    ps.setLong(2, f.passage.id);
                    ps.setLong(3, f.document.id);
                    ps.setString(4, f.language);
                    setDate(ps, 5, f.occurredOn);
                    ps.setString(6, name(f.attributes.category));
                    ps.setDouble(7, f.confidence);
                    ps.setString(8, name(f.attributes.modality));
                    ps.setArray(9, c.createArrayOf("varchar", f.attributes.mechanisms));
                    ps.setArray(10, c.createArrayOf("varchar", f.attributes.jurisdictions));
                    ps.setArray(11, c.createArrayOf("varchar", f.attributes.dataCategories));
                    ps.setString(12, json(f.evidence));
                    ps.setString(13, f.rulesetVersion);
                    ps.setString(14, name(f.reviewStatus));
                    setTime(ps, 15, f.createdAt);
                    ps.setString(16, name(f.origin));
                    ps.setInt(17, f.version);
                    ps.setString(18, f.reviewedBy);
                    setTime(ps, 19, f.reviewedAt);
                    ps.setString(20, f.reviewComment);
                    ps.setString(21, f.classifierOriginal == null ? null : json(f.classifierOriginal));
                    ps.addBatch();
                    if (++n % BATCH == 0) {
                        ps.executeBatch();
                    }
                }
                if (n % BATCH != 0) {
                    ps.executeBatch();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot store document " + d.id, e);
        }
    }

    /** The entity's id generator: its sequence with Hibernate's pooled optimizer, shared with Hibernate's inserts. */
    private static BeforeExecutionGenerator generator(SharedSessionContractImplementor s, Class<?> entity) {
        return (BeforeExecutionGenerator) s.getFactory().getMappingMetamodel().getEntityDescriptor(entity)
                .getGenerator();
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static void setDate(PreparedStatement ps, int i, LocalDate date) throws SQLException {
        if (date == null) {
            ps.setNull(i, Types.DATE);
        } else {
            ps.setObject(i, date);
        }
    }

    private static void setTime(PreparedStatement ps, int i, Instant time) throws SQLException {
        if (time == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
