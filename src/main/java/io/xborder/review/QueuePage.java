package io.xborder.review;

import io.xborder.finding.FindingView;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of the review queue: unreviewed findings in the queue's order, with the thresholds it used. */
@Schema(name = "ReviewQueuePage")
public record QueuePage(
        List<QueueItem> items,
        @Schema(examples = "0") int page,
        @Schema(examples = "20") int size,
        @Schema(description = "Unreviewed findings matching the filters (at most the count cap; see totalExact).",
                examples = "137") long total,
        @Schema(description = "False when total is the count cap, not the exact count.") boolean totalExact,
        @Schema(enumeration = {
                "UNCERTAINTY", "NEWEST" }) String order,
        @Schema(description = "The probability from which the classifier in use reports each category.",
                examples = "{\"DATA_LOCALIZATION\": 0.5, \"CROSS_BORDER_TRANSFER\": 0.6}") Map<String, Double> thresholds){

    /** A finding in the queue with how far its confidence is from its category's threshold. */
    @Schema(name = "ReviewQueueItem")
    public record QueueItem(
            @Schema(description = "Zero-based position in the queue (page * size + index).",
                    examples = "0") long position,
            @Schema(description = "|confidence − threshold|: 0 is a coin toss for the classifier.",
                    examples = "0.032") double distance,
            FindingView finding) {
    }
}
