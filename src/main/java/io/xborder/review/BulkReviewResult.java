package io.xborder.review;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a bulk review did: the findings reviewed and those skipped, with why. */
@Schema(name = "BulkReviewResult")
public record BulkReviewResult(
        @Schema(enumeration = {
                "CONFIRMED", "REJECTED" }) String status,
        @Schema(description = "Findings the bulk review tried.", examples = "3") int requested,
        @Schema(description = "Findings reviewed, with the version each is at now.") List<Applied> applied,
        @Schema(description = "Findings left as they were, with why.") List<Skipped> skipped,
        @Schema(description = "FILTER only: more unreviewed findings match than this call took (call again).") boolean remaining){

    /** A finding reviewed by the bulk review. */
    @Schema(name = "BulkReviewApplied")
    public record Applied(@Schema(examples = "1051") long id, @Schema(examples = "1") int version) {
    }

    /** Why a finding was left alone. */
    public enum Reason {
        /** Someone else reviewed or changed it after it was read (the version check refused it). */
        CHANGED,
        /** It no longer exists (its document was deleted). */
        NOT_FOUND,
        /** Listed more than once in the selection: reviewed once. */
        DUPLICATE
    }

    /** A finding the bulk review did not change. */
    @Schema(name = "BulkReviewSkipped")
    public record Skipped(@Schema(examples = "1052") long id,
            @Schema(enumeration = {
                    "CHANGED", "NOT_FOUND", "DUPLICATE" }) String reason,
            @Schema(examples = "finding 1052 was changed by someone else since you read it (it is now at \"v1\"); "
                    + "read it again and repeat your review on the current version") String detail){
    }

    public int appliedCount() {
        return applied.size();
    }
}
