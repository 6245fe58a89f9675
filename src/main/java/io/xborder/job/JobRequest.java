package io.xborder.job;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/jobs} as JSON (files are sent as multipart instead). */
@Schema(name = "JobRequest")
public record JobRequest(
        @Schema(description = "URLS: fetch and ingest each URL. RECLASSIFY: re-run the classifier on every document "
                + "classified with another ruleset version.",
                enumeration = {
                        "URLS", "RECLASSIFY" },
                required = true) String kind,
        @Schema(description = "For URLS: the http(s) URLs.", nullable = true,
                examples = "[\"https://example.com/a.html\", \"https://example.com/law.pdf\"]") List<String> urls,
        @Schema(description = "For URLS: en or zh for every document; detected when absent.",
                implementation = String.class, nullable = true) Language language,
        @Schema(description = "For URLS: ISO 3166-1 alpha-2 code or EU.", implementation = String.class,
                nullable = true) Jurisdiction jurisdiction,
        @Schema(description = "For URLS: publication date (ISO).", nullable = true) LocalDate publishedAt){
}
