package io.xborder.feed;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A feed subscription with its poll record. */
@Schema(name = "Feed")
public record FeedView(
        @Schema(examples = "3") long id,
        @Schema(examples = "https://example.com/news/rss.xml") String url,
        @Schema(nullable = true) String title,
        @Schema(examples = "60") int intervalMinutes,
        boolean enabled,
        @Schema(nullable = true) String language,
        @Schema(nullable = true) String jurisdiction,
        Instant nextPollAt,
        @Schema(nullable = true) Instant lastPolledAt,
        @Schema(description = "What went wrong at the last poll that failed; null once a poll succeeds.",
                nullable = true) String lastError,
        @Schema(nullable = true) Instant lastErrorAt,
        @Schema(description = "Items seen (each counted once).", examples = "40") long itemsSeen,
        @Schema(description = "Items that gave a document (new or stored before).", examples = "38") long itemsIngested,
        @Schema(description = "Items that gave none (neither link nor description usable).",
                examples = "2") long itemsFailed,
        Instant createdAt) {

    static FeedView of(Feed f) {
        return new FeedView(f.id, f.url, f.title, f.intervalSeconds / 60, f.enabled, f.language, f.jurisdiction,
                f.nextPollAt, f.lastPolledAt, f.lastError, f.lastErrorAt, f.itemsSeen, f.itemsIngested, f.itemsFailed,
                f.createdAt);
    }

    /** One page of feeds, oldest first. */
    @Schema(name = "FeedPage")
    public record Page(List<FeedView> items, int page, int size, long total) {
    }

    /** What one poll did. */
    @Schema(name = "FeedPoll")
    public record Poll(
            @Schema(description = "Items in the feed now.", examples = "20") int items,
            @Schema(description = "Items not seen before.", examples = "2") int newItems,
            @Schema(description = "New items that gave a document.", examples = "2") int ingested,
            @Schema(description = "New items that gave none.", examples = "0") int failed,
            @Schema(description = "Why the feed itself could not be read, or null.", nullable = true) String error,
            FeedView feed) {
    }
}
