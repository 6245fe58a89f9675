package io.xborder.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.document.DocumentInputs;
import io.xborder.document.DocumentMetadata;
import io.xborder.http.ProblemException;
import io.xborder.http.WireJson;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The metadata scheme of multipart uploads. Form fields {@code language}, {@code jurisdiction} and
 * {@code publishedAt} apply to every file; {@code title} and {@code sourceUrl} name one document, so they are
 * accepted only with a single file. A {@code metadata} part (JSON object keyed by file name, values
 * {@link DocumentMetadata}) sets any field per file and wins over the form fields.
 */
public final class UploadMetadata {

    private static final TypeReference<Map<String, DocumentMetadata>> BY_FILE = new TypeReference<>() {
    };

    private final DocumentMetadata form;
    private final Map<String, DocumentMetadata> byFile;

    private UploadMetadata(DocumentMetadata form, Map<String, DocumentMetadata> byFile) {
        this.form = form;
        this.byFile = byFile;
    }

    /**
     * Checks the request as a whole (400 for what concerns every file, 413 for too many files).
     *
     * @param fileNames the uploaded parts' file names, in order (null entries for parts without a name)
     */
    public static UploadMetadata parse(DocumentMetadata form, String metadataJson, List<String> fileNames,
            int maxFiles, ObjectMapper json) {
        if (fileNames.isEmpty()) {
            throw ProblemException.invalid("file", "at least one part named 'file' with a file is required");
        }
        if (fileNames.size() > maxFiles) {
            throw ProblemException.tooLarge(fileNames.size() + " files in one request; the limit is " + maxFiles
                    + " (use several requests or a job)");
        }
        if (fileNames.size() > 1 && (notBlank(form.title()) || notBlank(form.sourceUrl()))) {
            throw ProblemException.invalid(notBlank(form.title()) ? "title" : "sourceUrl",
                    "applies to a single file; with several files set it per file in the metadata part");
        }
        // what applies to every file is checked once, for the whole request
        DocumentInputs.check(form);
        Map<String, DocumentMetadata> byFile = Map.of();
        if (metadataJson != null && !metadataJson.isBlank()) {
            try {
                byFile = json.readValue(metadataJson, BY_FILE);
            } catch (WireJson.InvalidValue e) {
                // a value of the wrong kind for its field, e.g. {"a.pdf": {"language": "fr"}}
                throw ProblemException.invalid("metadata", e.getPath().stream().map(r -> r.getFieldName())
                        .collect(Collectors.joining(".")) + " " + e.getOriginalMessage());
            } catch (JsonProcessingException e) {
                throw ProblemException.invalid("metadata", "must be a JSON object keyed by file name, each value "
                        + "an object with title, language, jurisdiction, sourceUrl, publishedAt: "
                        + e.getOriginalMessage());
            }
            if (byFile == null) {
                byFile = Map.of();
            }
            Set<String> unknown = new TreeSet<>(byFile.keySet());
            fileNames.forEach(unknown::remove);
            if (!unknown.isEmpty()) {
                throw ProblemException.invalid("metadata", "names files that were not uploaded: " + unknown);
            }
        }
        return new UploadMetadata(form, byFile);
    }

    /** The metadata of the file with this name: its metadata entry, then the form fields. */
    public DocumentMetadata forFile(String fileName) {
        DocumentMetadata own = fileName == null ? null : byFile.get(fileName);
        return own == null ? form : own.orElse(form);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
