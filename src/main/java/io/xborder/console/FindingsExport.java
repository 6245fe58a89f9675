package io.xborder.console;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.xborder.document.StoredFinding;
import io.xborder.finding.FindingCursor;
import io.xborder.finding.FindingFilter;
import io.xborder.finding.FindingQuery;
import io.xborder.finding.FindingView;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes every finding of a search (up to {@link #MAX_ROWS}) as CSV or JSON while reading it: slices of
 * {@link #SLICE} rows by keyset cursor, each in its own short transaction, so memory stays flat and no transaction
 * stays open while the client downloads.
 */
@ApplicationScoped
public class FindingsExport {

    public static final int MAX_ROWS = 10_000;
    static final int SLICE = 500;
    /** Column names and cells in words, for analysts opening the file in a spreadsheet; the JSON keeps the codes. */
    static final List<String> CSV_COLUMNS = List.of("Finding", "Published", "Document", "Document title", "Language",
            "Category", "Modality", "Confidence", "Mechanisms", "Countries", "Data categories", "Review",
            "Reviewed by", "Review comment", "Evidence", "Passage");

    private final FindingQuery query;
    private final ObjectMapper json;

    public FindingsExport(FindingQuery query, ObjectMapper json) {
        this.query = query;
        this.json = json;
    }

    public void csv(FindingFilter filter, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        // a BOM so that spreadsheet programs read the Chinese text as UTF-8
        w.write('\uFEFF');
        w.write(String.join(",", CSV_COLUMNS));
        w.write("\r\n");
        IOException[] failure = new IOException[1];
        each(filter, f -> {
            if (failure[0] != null) {
                return;
            }
            try {
                w.write(csvRow(f));
            } catch (IOException e) {
                failure[0] = e;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        w.flush();
    }

    public void json(FindingFilter filter, OutputStream out) throws IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartArray();
            IOException[] failure = new IOException[1];
            each(filter, f -> {
                if (failure[0] != null) {
                    return;
                }
                try {
                    json.writeValue(g, f);
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
            g.writeEndArray();
        }
    }

    private void each(FindingFilter filter, Consumer<FindingView> sink) {
        int written = 0;
        FindingCursor cursor = null;
        while (written < MAX_ROWS) {
            FindingCursor after = cursor;
            int size = Math.min(SLICE, MAX_ROWS - written);
            FindingQuery.Slice slice = QuarkusTransaction.requiringNew().call(() -> query.slice(filter, size, after));
            slice.items().forEach(sink);
            written += slice.items().size();
            if (slice.nextCursor() == null) {
                return;
            }
            cursor = FindingCursor.decode(slice.nextCursor()).orElseThrow();
        }
    }

    static String csvRow(FindingView f) {
        List<String> cells = List.of(
                Long.toString(f.id()),
                f.document().publishedAt() == null ? "" : f.document().publishedAt().toString(),
                Long.toString(f.document().id()),
                f.document().title(),
                "zh".equals(f.language()) ? "Chinese" : "English",
                ConsoleExtensions.label(f.category()),
                ConsoleExtensions.label(f.modality()),
                ConsoleExtensions.percent(f.confidence()),
                String.join("; ", f.mechanisms().stream().map(ConsoleExtensions::label).toList()),
                String.join("; ", f.jurisdictions().stream().map(ConsoleExtensions::country).toList()),
                String.join("; ", f.dataCategories().stream().map(ConsoleExtensions::label).toList()),
                ConsoleExtensions.label(f.reviewStatus()),
                ConsoleExtensions.reviewer(f.reviewedBy()),
                f.reviewComment() == null ? "" : f.reviewComment(),
                String.join(" | ", f.evidence().stream().map(StoredFinding.EvidenceSpan::text).distinct().toList()),
                f.passage().text());
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(cell(cells.get(i)));
        }
        return row.append("\r\n").toString();
    }

    /**
     * One quoted CSV cell. A value a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a
     * leading apostrophe, so it is shown as text.
     */
    static String cell(String value) {
        String v = value == null ? "" : value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }
}
