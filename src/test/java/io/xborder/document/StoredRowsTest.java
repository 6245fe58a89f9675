package io.xborder.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.xborder.classify.Language;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every column of the rows a new document is stored as, read back with plain SQL: ids as their place in the document,
 * times against what the answer said. Written against the rows Hibernate inserted, so that a different way of writing
 * them must store the very same rows.
 */
@QuarkusTest
class StoredRowsTest {

    @Inject
    DocumentService documents;

    @Inject
    AgroalDataSource dataSource;

    static final String TEXT = """
            Data rules for operators (ref %s)

            Operators of critical information infrastructure shall store personal information collected within the \
            territory of the People's Republic of China within that territory.

            Analysts said the market reaction was muted. Where it is truly necessary to provide such data abroad, a \
            security assessment shall be conducted.

            Mr. Musk is seeking approval to transfer data collected in China overseas.""";

    @Test
    void aDocumentIsStoredAsTheseRows() throws SQLException {
        String ref = UUID.randomUUID().toString();
        DocumentInput input = new DocumentInput("Rules " + ref, TEXT.formatted(ref), "https://example.com/rules",
                Language.EN, "CN", LocalDate.of(2024, 5, 1));
        DocumentView view = documents.ingest(input).document();
        List<String> rows = rows(view);
        assertThat(rows).containsExactly(
                "documents: title=Rules <ref> | source_url=https://example.com/rules | language=en | jurisdiction=CN"
                        + " | published_at=2024-05-01 | content_hash=<hash> | text=<text> | created_at=<created>"
                        + " | ruleset_version=<ruleset>",
                "passages: document_id=<D> | idx=0 | start_offset=0 | end_offset=67 | text=Data rules for operators"
                        + " (ref <ref>) | language=en",
                "passages: document_id=<D> | idx=1 | start_offset=69 | end_offset=238 | text=Operators of critical"
                        + " information infrastructure shall store personal information collected within the"
                        + " territory of the People's Republic of China within that territory. | language=en",
                "passages: document_id=<D> | idx=2 | start_offset=240 | end_offset=284 | text=Analysts said the"
                        + " market reaction was muted. | language=en",
                "passages: document_id=<D> | idx=3 | start_offset=285 | end_offset=383 | text=Where it is truly"
                        + " necessary to provide such data abroad, a security assessment shall be conducted."
                        + " | language=en",
                "passages: document_id=<D> | idx=4 | start_offset=385 | end_offset=459 | text=Mr. Musk is seeking"
                        + " approval to transfer data collected in China overseas. | language=en");
        assertThat(findingRows(view)).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("findings: passage=<P"));
        assertThat(findingRows(view)).containsExactlyElementsOf(expectedFindings(view));
    }

    @Test
    void withoutSourceJurisdictionOrDateTheirColumnsAreNullAndFindingsAreDatedToday() throws SQLException {
        String ref = UUID.randomUUID().toString();
        DocumentView view = documents.ingest(new DocumentInput("Rules " + ref, TEXT.formatted(ref), null, null, null,
                null)).document();
        assertThat(rows(view).get(0)).isEqualTo("documents: title=Rules <ref> | source_url=null | language=en"
                + " | jurisdiction=null | published_at=null | content_hash=<hash> | text=<text> | created_at=<created>"
                + " | ruleset_version=<ruleset>");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(findingRows(view)).isNotEmpty().containsExactlyElementsOf(expectedFindings(view).stream()
                .map(f -> f.replace("occurred_on=2024-05-01", "occurred_on=" + today)).toList());
    }

    /** The finding rows as the answer describes them: what a finding row must hold, column by column. */
    private static List<String> expectedFindings(DocumentView view) {
        List<String> out = new ArrayList<>();
        for (DocumentView.PassageView p : view.passages()) {
            for (DocumentView.PassageFinding f : p.findings()) {
                out.add("findings: passage=<P" + p.index() + "> | document_id=<D> | language=" + p.language()
                        + " | occurred_on=2024-05-01 | category=" + f.category() + " | confidence=" + f.confidence()
                        + " | modality=" + f.modality() + " | mechanisms=" + array(f.mechanisms())
                        + " | jurisdictions=" + array(f.jurisdictions()) + " | data_categories="
                        + array(f.dataCategories()) + " | evidence=" + evidence(f.evidence())
                        + " | ruleset_version=" + f.rulesetVersion()
                        + " | review_status=UNREVIEWED | created_at=<stamped> | version=0 | reviewed_by=null"
                        + " | reviewed_at=null | review_comment=null | classifier_original=null | origin=CLASSIFIER");
            }
        }
        return out;
    }

    private static String array(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    /** Evidence as PostgreSQL prints the jsonb: keys by length, then by bytes. */
    private static String evidence(List<StoredFinding.EvidenceSpan> spans) {
        List<String> items = new ArrayList<>();
        for (StoredFinding.EvidenceSpan e : spans) {
            items.add("{\"cue\": " + (e.cue() == null ? "null" : "\"" + e.cue() + "\"") + ", \"end\": " + e.end()
                    + ", \"text\": \"" + e.text().replace("\"", "\\\"") + "\", \"start\": " + e.start() + "}");
        }
        return "[" + String.join(", ", items) + "]";
    }

    private List<String> rows(DocumentView view) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Map<String, String> r : select(c, "SELECT * FROM documents WHERE id = ?", view.id())) {
                assertThat(r.remove("id")).isEqualTo(String.valueOf(view.id()));
                assertThat(r.put("title", r.get("title").replace(view.title().substring(6), "<ref>")))
                        .isEqualTo(view.title());
                assertThat(r.put("content_hash", "<hash>")).isEqualTo(view.contentHash());
                assertThat(r.put("text", "<text>")).isEqualTo(view.text());
                // the column keeps microseconds
                assertThat(Duration.between(view.createdAt(), Instant.parse(r.put("created_at", "<created>"))).abs())
                        .isLessThan(Duration.ofNanos(1000));
                assertThat(r.put("ruleset_version", "<ruleset>")).isNotBlank();
                out.add(line("documents", r));
            }
            String ref = view.title().substring(6);
            List<DocumentView.PassageView> passages = view.passages();
            List<Map<String, String>> stored = select(c, "SELECT * FROM passages WHERE document_id = ? ORDER BY idx",
                    view.id());
            assertThat(stored).hasSameSizeAs(passages);
            for (int i = 0; i < stored.size(); i++) {
                Map<String, String> r = stored.get(i);
                assertThat(r.remove("id")).isEqualTo(String.valueOf(passages.get(i).id()));
                assertThat(r.put("document_id", "<D>")).isEqualTo(String.valueOf(view.id()));
                r.put("text", r.get("text").replace(ref, "<ref>"));
                out.add(line("passages", r));
            }
        }
        return out;
    }

    private List<String> findingRows(DocumentView view) throws SQLException {
        Map<Long, Integer> passageIndex = new HashMap<>();
        Map<Long, Long> findingPassage = new HashMap<>();
        for (DocumentView.PassageView p : view.passages()) {
            passageIndex.put(p.id(), p.index());
            p.findings().forEach(f -> findingPassage.put(f.id(), p.id()));
        }
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Map<String, String> r : select(c,
                    "SELECT * FROM findings WHERE document_id = ? ORDER BY passage_id, id", view.id())) {
                long id = Long.parseLong(r.remove("id"));
                long passage = Long.parseLong(r.remove("passage_id"));
                assertThat(findingPassage.get(id)).isEqualTo(passage);
                assertThat(r.put("document_id", "<D>")).isEqualTo(String.valueOf(view.id()));
                assertThat(r.put("created_at", "<stamped>")).isNotBlank();
                Map<String, String> row = new LinkedHashMap<>();
                row.put("passage", "<P" + passageIndex.get(passage) + ">");
                row.putAll(r);
                out.add(line("findings", row));
            }
        }
        return out;
    }

    private static List<Map<String, String>> select(Connection c, String sql, long id) throws SQLException {
        List<Map<String, String>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnName(i), md.getColumnTypeName(i).equals("timestamptz")
                                && rs.getObject(i) != null
                                        ? rs.getObject(i, OffsetDateTime.class).toInstant().toString()
                                        : rs.getString(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static String line(String table, Map<String, String> row) {
        List<String> cells = new ArrayList<>();
        row.forEach((k, v) -> cells.add(k + "=" + v));
        return table + ": " + String.join(" | ", cells);
    }
}
