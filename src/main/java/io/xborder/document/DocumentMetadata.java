package io.xborder.document;

import java.util.function.UnaryOperator;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A document's metadata as a client sends it, every field a string that may be null: with a JSON or text document,
 * an uploaded file (the {@code metadata} part of an upload, keyed by file name), a URL to fetch, a feed item or a
 * job item. {@link DocumentInputs} checks it. The one record for these five fields, so no code copies them by
 * position from one shape into another.
 */
@Schema(name = "FileMetadata") // the name it has in the API: the per-file values of an upload's metadata part
public record DocumentMetadata(
        @Schema(description = "Title; defaults to the file's own title (HTML <title>, PDF/DOCX properties) or first line.",
                nullable = true, examples = "Network Data Security Management Regulations") String title,
        @Schema(description = "en, zh, or null to detect per passage.", enumeration = {
                "en", "zh" }, nullable = true) String language,
        @Schema(description = "ISO 3166-1 alpha-2 code or EU.", nullable = true, examples = "CN") String jurisdiction,
        @Schema(description = "Where the file comes from (http or https URL).", nullable = true) String sourceUrl,
        @Schema(description = "Publication date (ISO date or date-time).", nullable = true,
                examples = "2024-09-24") String publishedAt){

    public static final DocumentMetadata NONE = new DocumentMetadata(null, null, null, null, null);

    /** This metadata with blank fields filled from {@code defaults}. */
    public DocumentMetadata orElse(DocumentMetadata defaults) {
        return new DocumentMetadata(pick(title, defaults.title), pick(language, defaults.language),
                pick(jurisdiction, defaults.jurisdiction), pick(sourceUrl, defaults.sourceUrl),
                pick(publishedAt, defaults.publishedAt));
    }

    public DocumentMetadata withTitle(String value) {
        return new DocumentMetadata(value, language, jurisdiction, sourceUrl, publishedAt);
    }

    public DocumentMetadata withSourceUrl(String value) {
        return new DocumentMetadata(title, language, jurisdiction, value, publishedAt);
    }

    /** Every field passed through {@code f} (e.g. cleaned for storage). */
    public DocumentMetadata map(UnaryOperator<String> f) {
        return new DocumentMetadata(f.apply(title), f.apply(language), f.apply(jurisdiction), f.apply(sourceUrl),
                f.apply(publishedAt));
    }

    private static String pick(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
