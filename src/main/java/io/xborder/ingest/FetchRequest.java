package io.xborder.ingest;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/documents/fetch}. */
@Schema(name = "FetchRequest", description = "A URL to fetch and ingest, with optional metadata.")
public record FetchRequest(
        @Schema(description = "http or https URL. Hosts that resolve to loopback, private, link-local, unique-local, "
                + "CGNAT or multicast addresses are refused unless allow-listed.", required = true,
                examples = "https://example.com/news/tesla-data") String url,
        @Schema(description = "Title; defaults to the page's or file's own title.", nullable = true) String title,
        @Schema(description = "en, zh, or null to detect per passage.", implementation = String.class,
                nullable = true) Language language,
        @Schema(description = "ISO 3166-1 alpha-2 code or EU.", implementation = String.class, nullable = true,
                examples = "CN") Jurisdiction jurisdiction,
        @Schema(description = "Publication date (ISO date, or a date-time: its date).", nullable = true,
                examples = "2024-04-29") LocalDate publishedAt) {
}
