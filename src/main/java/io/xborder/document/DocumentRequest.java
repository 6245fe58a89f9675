package io.xborder.document;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A document to ingest, as JSON. */
@Schema(name = "DocumentRequest")
public record DocumentRequest(
        @Schema(description = "Title; defaults to the text's first line.",
                examples = "Tesla seeks approval to move China data abroad",
                nullable = true) String title,
        @Schema(description = "The whole text. Required, not blank.", required = true) String text,
        @Schema(description = "Where the text comes from (http or https URL).",
                examples = "https://example.com/news/tesla-data",
                nullable = true) String sourceUrl,
        @Schema(description = "en, zh, or null to detect per passage.", implementation = String.class,
                nullable = true) Language language,
        @Schema(description = "The document's own jurisdiction (ISO 3166-1 alpha-2 or EU); set it for laws.",
                implementation = String.class, examples = "CN", nullable = true) Jurisdiction jurisdiction,
        @Schema(description = "Publication date (ISO date, or a date-time: its date).", examples = "2024-04-29",
                nullable = true) LocalDate publishedAt) {
}
