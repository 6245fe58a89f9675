package io.xborder.ingest;

import io.xborder.document.DocumentInputs;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Metadata of one uploaded file, as a value of the {@code metadata} part keyed by file name. */
@Schema(name = "FileMetadata")
public record FileMetadata(
        @Schema(description = "Title; defaults to the file's own title (HTML <title>, PDF/DOCX properties) or first line.",
                nullable = true, examples = "Network Data Security Management Regulations") String title,
        @Schema(description = "en, zh, or null to detect per passage.", enumeration = {
                "en", "zh" }, nullable = true) String language,
        @Schema(description = "ISO 3166-1 alpha-2 code or EU.", nullable = true, examples = "CN") String jurisdiction,
        @Schema(description = "Where the file comes from (http or https URL).", nullable = true) String sourceUrl,
        @Schema(description = "Publication date (ISO date or date-time).", nullable = true,
                examples = "2024-09-24") String publishedAt){

    public DocumentInputs.Metadata toMetadata() {
        return new DocumentInputs.Metadata(title, sourceUrl, language, jurisdiction, publishedAt);
    }
}
