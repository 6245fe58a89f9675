package io.xborder.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The one generator of findings for performance measurements (the benchmark suite's million findings, the search
 * page's {@code SearchPerformanceTest}): fills the service's schema (migrated by the service itself) with generated
 * documents, passages and findings until there are at least {@code target} findings, with COPY. The passages are
 * the project's labelled passages in English and Chinese, and each finding carries the labels of its passage
 * (category, mechanisms, modality, jurisdictions, data categories), so filters and text search hit realistic
 * proportions; one finding in ten is reviewed (7 % confirmed, 3 % rejected).
 *
 * <p>Resumable: documents are numbered ({@code content_hash = 'bench-<n>'}) and written in transactions of
 * {@link #CHUNK} documents; a new run continues after the highest number stored, and does nothing when enough
 * findings exist. The secondary indexes are dropped while loading and rebuilt at the end (much faster than
 * maintaining them row by row); their definitions are kept in {@code bench_dropped_indexes} until rebuilt, so an
 * interrupted run rebuilds them next time.
 */
public final class FindingsData {

    static final int CHUNK = 2000;
    static final long ID_BASE = 1_000_000_000L;
    private static final int PASSAGES_PER_DOCUMENT = 10;
    private static final String REVIEWED_AT = "2026-01-01 00:00:00+00";

    private record Labelled(String lang, String text, List<String> categories, List<String> mechanisms,
            String modality, List<String> jurisdictions, List<String> dataCategories, String docJurisdiction) {
    }

    private final Map<String, List<Labelled>> positive = new LinkedHashMap<>();
    private final Map<String, List<Labelled>> negative = new LinkedHashMap<>();

    private FindingsData() throws IOException {
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of("src/training/data/xborder-labelled.jsonl"),
                StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            Labelled l = new Labelled(n.get("lang").asText(), n.get("text").asText(), list(n.get("categories")),
                    list(n.get("mechanisms")), n.hasNonNull("modality") ? n.get("modality").asText() : "REQUIREMENT",
                    list(n.get("jurisdictions")), list(n.get("dataCategories")),
                    n.hasNonNull("docJurisdiction") ? n.get("docJurisdiction").asText() : null);
            (l.categories().isEmpty() ? negative : positive).computeIfAbsent(l.lang(), k -> new ArrayList<>()).add(l);
        }
    }

    private static List<String> list(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null) {
            n.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    /** Makes sure at least {@code target} findings exist; returns how many there are. */
    public static long ensure(Connection c, long target) throws IOException, SQLException {
        c.setAutoCommit(true);
        long have = count(c, "select count(*) from findings");
        if (have >= target) {
            rebuildIndexes(c);
            return have;
        }
        new FindingsData().fill(c, target, have);
        return count(c, "select count(*) from findings");
    }

    private void fill(Connection c, long target, long have) throws IOException, SQLException {
        dropIndexes(c);
        long next = count(c, "select coalesce(max(id) - " + ID_BASE + " + 1, 0) from documents where id >= " + ID_BASE);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long t0 = System.nanoTime();
        long findings = have;
        c.setAutoCommit(false);
        while (findings < target) {
            StringBuilder docs = new StringBuilder();
            StringBuilder passages = new StringBuilder();
            StringBuilder finds = new StringBuilder();
            for (long n = next; n < next + CHUNK; n++) {
                findings += document(n, docs, passages, finds);
            }
            copy.copyIn(
                    "COPY documents (id, title, source_url, language, jurisdiction, published_at, content_hash, text) FROM STDIN",
                    new StringReader(docs.toString()));
            copy.copyIn("COPY passages (id, document_id, idx, start_offset, end_offset, text, language) FROM STDIN",
                    new StringReader(passages.toString()));
            copy.copyIn(
                    "COPY findings (id, passage_id, document_id, language, occurred_on, category, confidence, modality, "
                            + "mechanisms, jurisdictions, data_categories, evidence, ruleset_version, review_status, "
                            + "reviewed_by, reviewed_at) FROM STDIN",
                    new StringReader(finds.toString()));
            c.commit();
            next += CHUNK;
            System.err.printf("bench: generated %,d findings (%,d documents), %.0f s%n", findings, next,
                    (System.nanoTime() - t0) / 1e9);
        }
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String seq : new String[] { "documents", "passages", "findings" }) {
                s.execute("select setval('" + seq + "_seq', (select max(id) + 1000 from " + seq + "))");
            }
        }
        rebuildIndexes(c);
    }

    /** Appends one document with its passages and findings as COPY text rows; returns its number of findings. */
    private int document(long n, StringBuilder docs, StringBuilder passages, StringBuilder finds) {
        SplittableRandom r = new SplittableRandom(n * 7919 + 17);
        String lang = r.nextInt(100) < 55 ? "en" : "zh";
        List<Labelled> pos = positive.get(lang);
        List<Labelled> neg = negative.get(lang);
        long docId = ID_BASE + n;
        LocalDate published = LocalDate.of(2000, 1, 1).plusDays(r.nextInt(365 * 26 + 180));
        StringBuilder text = new StringBuilder();
        String docJurisdiction = null;
        int count = 0;
        for (int i = 0; i < PASSAGES_PER_DOCUMENT; i++) {
            Labelled l = r.nextInt(100) < 90 ? pos.get(r.nextInt(pos.size())) : neg.get(r.nextInt(neg.size()));
            if (docJurisdiction == null) {
                docJurisdiction = l.docJurisdiction();
            }
            if (i > 0 && lang.equals("en")) {
                text.append(' ');
            }
            int start = text.length();
            text.append(l.text());
            int end = text.length();
            long passageId = docId * 16 + i;
            row(passages, passageId, docId, i, start, end, l.text(), lang);
            for (String category : l.categories()) {
                long findingId = passageId * 2 + (category.equals("DATA_LOCALIZATION") ? 0 : 1);
                List<String> jurisdictions = l.jurisdictions().isEmpty() && l.docJurisdiction() != null
                        ? List.of(l.docJurisdiction())
                        : l.jurisdictions();
                int cueEnd = Math.min(end, start + Math.min(12, l.text().length()));
                String evidence = "[{\"start\":" + start + ",\"end\":" + cueEnd + ",\"text\":\""
                        + jsonEscape(text.substring(start, cueEnd)) + "\",\"cue\":\"bench\"}]";
                // its own random source: the review states leave the other draws (and so earlier data) as they were
                int review = new SplittableRandom(findingId).nextInt(100);
                String status = review < 90 ? "UNREVIEWED" : review < 97 ? "CONFIRMED" : "REJECTED";
                boolean reviewed = !status.equals("UNREVIEWED");
                row(finds, findingId, passageId, docId, lang, published, category,
                        String.valueOf((500 + r.nextInt(501)) / 1000.0), l.modality(), array(l.mechanisms()),
                        array(jurisdictions), array(l.dataCategories()), evidence, "bench", status,
                        reviewed ? "bench" : null, reviewed ? REVIEWED_AT : null);
                count++;
            }
        }
        row(docs, docId, "Generated document " + n, null, lang, docJurisdiction, published, "bench-" + n, text);
        return count;
    }

    private static String array(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void row(StringBuilder sb, Object... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                sb.append("\\N");
                continue;
            }
            String s = v.toString();
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '\\' -> sb.append("\\\\");
                    case '\t' -> sb.append("\\t");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    default -> sb.append(ch);
                }
            }
        }
        sb.append('\n');
    }

    private static void dropIndexes(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("create table if not exists bench_dropped_indexes (name text primary key, def text not null)");
            // secondary indexes only: those that back a primary key or unique constraint stay
            s.execute("""
                    insert into bench_dropped_indexes (name, def)
                    select i.indexname, i.indexdef from pg_indexes i
                    where i.schemaname = current_schema() and i.tablename in ('documents', 'passages', 'findings')
                      and not exists (select 1 from pg_constraint k where k.conname = i.indexname)
                    on conflict do nothing""");
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select name from bench_dropped_indexes")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                s.execute("drop index if exists " + name);
            }
        }
    }

    private static void rebuildIndexes(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (count(c, "select count(*) from pg_tables where tablename = 'bench_dropped_indexes'") == 0) {
                return;
            }
            Map<String, String> defs = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("select name, def from bench_dropped_indexes order by name")) {
                while (rs.next()) {
                    defs.put(rs.getString(1), rs.getString(2));
                }
            }
            s.execute("set maintenance_work_mem = '512MB'");
            for (Map.Entry<String, String> d : defs.entrySet()) {
                long t0 = System.nanoTime();
                s.execute(d.getValue().replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS "));
                s.execute("delete from bench_dropped_indexes where name = '" + d.getKey() + "'");
                System.err.printf("bench: rebuilt index %s in %.0f s%n", d.getKey(), (System.nanoTime() - t0) / 1e9);
            }
            s.execute("drop table bench_dropped_indexes");
            s.execute("vacuum analyze documents");
            s.execute("vacuum analyze passages");
            s.execute("vacuum analyze findings");
        }
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
