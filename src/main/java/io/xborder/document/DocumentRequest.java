package io.xborder.document;

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
        @Schema(description = "en, zh, or null to detect per passage.", enumeration = {
                "en", "zh" }, nullable = true) String language,
        @Schema(description = "The document's own jurisdiction (ISO 3166-1 alpha-2 or EU); set it for laws.",
                examples = "CN", nullable = true) String jurisdiction,
        @Schema(description = "Publication date (ISO date or date-time).", examples = "2024-04-29",
                nullable = true) String publishedAt){
}
