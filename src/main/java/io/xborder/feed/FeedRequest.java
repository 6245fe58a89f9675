package io.xborder.feed;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/feeds} and {@code PUT /api/v1/feeds/{id}}. */
@Schema(name = "FeedRequest")
public record FeedRequest(
        @Schema(description = "The RSS or Atom feed's http(s) URL; SSRF rules as for fetching.", required = true,
                examples = "https://example.com/news/rss.xml") String url,
        @Schema(description = "A name for the feed; defaults to the feed's own title at the first poll.",
                nullable = true) String title,
        @Schema(description = "Minutes between polls, 1 to 10080 (a week); default 60.", nullable = true,
                examples = "60") Integer intervalMinutes,
        @Schema(description = "Polled only when true; default true.", nullable = true) Boolean enabled,
        @Schema(description = "en or zh for every item; detected when absent.", implementation = String.class,
                nullable = true) Language language,
        @Schema(description = "ISO 3166-1 alpha-2 code or EU for every item.", implementation = String.class,
                nullable = true) Jurisdiction jurisdiction) {
}
