package io.xborder.finding;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One step of a finding's review history: a verdict with the attributes it left, who, when and why. */
@Schema(name = "ReviewStep")
public record ReviewStep(
        @Schema(description = "The finding's version this step produced (its ETag is \"v\" + this).",
                examples = "1") int findingVersion,
        @Schema(enumeration = {
                "CONFIRMED", "REJECTED" }) String verdict,
        @Schema(description = "True for the step that added the finding: a reviewer's finding where the classifier "
                + "found none.") boolean added,
        @Schema(enumeration = { "DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER" }) String category,
        @Schema(enumeration = { "REQUIREMENT", "PROHIBITION", "PERMISSION", "REPORT" }) String modality,
        List<String> mechanisms,
        List<String> jurisdictions,
        List<String> dataCategories,
        @Schema(description = "The principal, as the audit log names it.",
                examples = "key:anna-review") String reviewer,
        @Schema(description = "The name shown for the reviewer: the API key's name or the token's name claim.",
                examples = "anna-review") String reviewerName,
        Instant reviewedAt,
        @Schema(description = "The comment given with this step; null when none.", nullable = true) String comment){

    static ReviewStep of(StoredReview r) {
        return new ReviewStep(r.findingVersion, r.verdict.name(), r.added, r.attributes.category.name(),
                r.attributes.modality.name(),
                FindingView.sorted(r.attributes.mechanisms), FindingView.sorted(r.attributes.jurisdictions),
                FindingView.sorted(r.attributes.dataCategories), r.reviewer, r.reviewerName, r.reviewedAt, r.comment);
    }
}
