package io.xborder.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.xborder.classify.Language;
import io.xborder.document.Document;
import io.xborder.document.DocumentInput;
import io.xborder.document.DocumentService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads a few demo documents (English and Chinese news and policy summaries written for xborder) into an empty
 * database at start, so that a newcomer sees findings at once; when, {@link DemoConfig#enabled()} says.
 */
@ApplicationScoped
public class DemoDocuments {

    private static final Logger LOG = Logger.getLogger(DemoDocuments.class);
    private static final String INDEX = "demo/documents.yaml";

    private final DocumentService documents;
    private final boolean enabled;

    public DemoDocuments(DocumentService documents, DemoConfig config) {
        this.documents = documents;
        String mode = config.enabled();
        this.enabled = mode.equalsIgnoreCase("true") || (mode.equalsIgnoreCase("auto") && config.embedded());
    }

    /** One entry of the demo index. */
    record Entry(String file, String title, String language, String jurisdiction, String publishedAt,
            String sourceUrl) {
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        if (QuarkusTransaction.requiringNew().call(() -> Document.count()) > 0) {
            LOG.debug("Database holds documents already; demo documents not loaded");
            return;
        }
        load();
    }

    /** Ingests every demo document (a stored one is not stored twice); the number of findings made. */
    int load() {
        List<Entry> entries = read();
        int findings = 0;
        for (Entry e : entries) {
            DocumentInput input = new DocumentInput(e.title(), text(e.file()), e.sourceUrl(),
                    Language.fromCode(e.language()).orElse(null), e.jurisdiction(),
                    e.publishedAt() == null ? null : LocalDate.parse(e.publishedAt()));
            findings += documents.ingest(input).document().passages().stream().mapToInt(p -> p.findings().size()).sum();
        }
        LOG.infof("Loaded %d demo documents with %d findings", entries.size(), findings);
        return findings;
    }

    static List<Entry> read() {
        try (InputStream in = resource(INDEX)) {
            return new YAMLMapper().readValue(in, new TypeReference<List<Entry>>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + INDEX, e);
        }
    }

    static String text(String file) {
        try (InputStream in = resource("demo/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read demo/" + file, e);
        }
    }

    private static InputStream resource(String path) throws IOException {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IOException(path + " is not on the classpath");
        }
        return in;
    }
}
