package io.xborder.document;

import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A document without its text and passages, as lists show it. */
@Schema(name = "DocumentSummary")
public record DocumentSummary(
        @Schema(examples = "7") long id,
        @Schema(examples = "Tesla seeks approval to move China data abroad") String title,
        @Schema(nullable = true) String sourceUrl,
        @Schema(examples = "en") String language,
        @Schema(examples = "CN", nullable = true) String jurisdiction,
        @Schema(nullable = true) LocalDate publishedAt,
        Instant createdAt,
        @Schema(description = "SHA-256 of the text; a document with the same text is stored once.") String contentHash,
        @Schema(examples = "12") long passageCount,
        @Schema(examples = "3") long findingCount) {
}
