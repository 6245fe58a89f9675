package io.xborder.finding;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of findings, newest first. */
@Schema(name = "FindingPage")
public record FindingPage(
        List<FindingView> items,
        @Schema(description = "Zero-based page number (offset paging); null when the page was addressed by cursor.",
                examples = "0", nullable = true) Integer page,
        @Schema(examples = "20") int size,
        @Schema(description = "Number of findings matching the filters; when totalExact is false, a lower bound "
                + "(counting stops after 1,000 matches by default, XBORDER_FINDINGS_COUNT_CAP).",
                examples = "137") long total,
        @Schema(description = "Whether total is exact (true) or a lower bound because counting was capped.") boolean totalExact,
        @Schema(description = "Opaque cursor for the next page (pass it as cursor=...), or null on the last page. "
                + "Cursor paging stays fast on deep pages.", nullable = true) String nextCursor) {

    /** A capped count: exact up to the cap, else the cap and {@code exact=false}. */
    public record Count(long count, boolean exact) {
    }
}
