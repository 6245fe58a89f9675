package io.xborder.review;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/reviews/bulk}: one verdict for a selection of findings or a whole filtered queue. */
@Schema(name = "BulkReviewRequest")
public record BulkReviewRequest(
        @Schema(required = true, description = "The verdict for every finding.", enumeration = {
                "CONFIRMED",
                "REJECTED" }) @NotNull Verdict status,
        @Schema(required = true, description = "SELECTION: the findings listed in findings, each at the version "
                + "the reviewer saw. FILTER: every unreviewed finding matching the query-string filters (as for "
                + "search), at most limit of them, each at the version read when the bulk review starts.",
                enumeration = { "SELECTION", "FILTER" }) @NotNull Scope scope,
        @Schema(description = "SELECTION only: the findings and the versions (ETag numbers) they were seen at.",
                nullable = true) @Size(max = BulkReviews.MAX_FINDINGS,
                        message = "must list at most " + BulkReviews.MAX_FINDINGS
                                + " findings") List<@Valid @NotNull Item> findings,
        @Schema(description = "FILTER only: the most findings to review in this call (default and at most "
                + BulkReviews.MAX_FINDINGS + "); the answer says whether more remain.", nullable = true,
                examples = "200") @Min(1) @Max(BulkReviews.MAX_FINDINGS) Integer limit,
        @Schema(description = "Why; kept with each finding's review step. At most 2000 characters.", nullable = true,
                examples = "Stock-market news, not a rule.") @Size(max = 2000,
                        message = "must be at most 2000 characters") String comment){

    /** A bulk verdict: only confirming or rejecting. */
    public enum Verdict {
        CONFIRMED, REJECTED
    }

    /** What the verdict applies to. */
    public enum Scope {
        SELECTION, FILTER
    }

    /** A finding of a selection, at the version the reviewer saw. */
    @Schema(name = "BulkReviewItem")
    public record Item(
            @Schema(required = true, examples = "1051") @NotNull @Positive Long id,
            @Schema(required = true, description = "The version seen (the number in the ETag \"v0\").",
                    examples = "0") @NotNull @PositiveOrZero Integer version) {
    }
}
