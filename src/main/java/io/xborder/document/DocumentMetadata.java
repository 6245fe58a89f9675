package io.xborder.document;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A document's metadata as a client sends it, every field optional: with a JSON or text document, an uploaded file
 * (the {@code metadata} part of an upload, keyed by file name), a URL to fetch, a feed item or a job item. Language,
 * jurisdiction and date are read where they arrive (parameters by the framework, JSON by its reader), so a value that
 * is none is refused there, naming the field; {@link DocumentInputs} checks the rest. The one record for these five
 * fields, so no code copies them by position from one shape into another.
 */
@Schema(name = "FileMetadata") // the name it has in the API: the per-file values of an upload's metadata part
public record DocumentMetadata(
        @Schema(description = "Title; defaults to the file's own title (HTML <title>, PDF/DOCX properties) or first line.",
                nullable = true, examples = "Network Data Security Management Regulations") String title,
        @Schema(description = "en, zh, or null to detect per passage.", implementation = String.class,
                nullable = true) Language language,
        @Schema(description = "ISO 3166-1 alpha-2 code or EU.", implementation = String.class, nullable = true,
                examples = "CN") Jurisdiction jurisdiction,
        @Schema(description = "Where the file comes from (http or https URL).", nullable = true) String sourceUrl,
        @Schema(description = "Publication date (ISO date, or a date-time: its date).", nullable = true,
                examples = "2024-09-24") LocalDate publishedAt) {

    public static final DocumentMetadata NONE = new DocumentMetadata(null, null, null, null, null);

    /** This metadata with absent (or blank) fields filled from {@code defaults}. */
    public DocumentMetadata orElse(DocumentMetadata defaults) {
        return new DocumentMetadata(pick(title, defaults.title), language != null ? language : defaults.language,
                jurisdiction != null ? jurisdiction : defaults.jurisdiction, pick(sourceUrl, defaults.sourceUrl),
                publishedAt != null ? publishedAt : defaults.publishedAt);
    }

    public DocumentMetadata withTitle(String value) {
        return new DocumentMetadata(value, language, jurisdiction, sourceUrl, publishedAt);
    }

    public DocumentMetadata withSourceUrl(String value) {
        return new DocumentMetadata(title, language, jurisdiction, value, publishedAt);
    }

    private static String pick(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
