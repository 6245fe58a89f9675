package io.xborder.finding;

import io.xborder.document.StoredFinding;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A stored finding with its passage and document, as the findings list returns it. */
@Schema(name = "Finding")
public record FindingView(
        @Schema(examples = "1051") long id,
        @Schema(enumeration = {
                "DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER" }) String category,
        @Schema(examples = "0.91") double confidence,
        @Schema(enumeration = { "REQUIREMENT", "PROHIBITION", "PERMISSION", "REPORT" }) String modality,
        List<String> mechanisms,
        List<String> jurisdictions,
        List<String> dataCategories,
        @Schema(description = "Spans with offsets into the document's text.") List<StoredFinding.EvidenceSpan> evidence,
        @Schema(examples = "2026.11-3f2a9c1d") String rulesetVersion,
        @Schema(enumeration = { "UNREVIEWED", "CONFIRMED", "REJECTED" }) String reviewStatus,
        @Schema(examples = "en") String language,
        Instant createdAt,
        PassageRef passage,
        DocumentRef document,
        @Schema(description = "Who reviewed the finding; null while unreviewed.", nullable = true) String reviewedBy,
        @Schema(description = "When it was reviewed; null while unreviewed.", nullable = true) Instant reviewedAt,
        @Schema(description = "The reviewer's comment.", nullable = true) String reviewComment,
        @Schema(description = "The classifier's own attributes, kept from the first review on; the attribute fields "
                + "above hold the reviewed values. Null while unreviewed.",
                nullable = true) StoredFinding.Attributes classifierOriginal,
        @Schema(description = "Incremented by every review; the ETag of GET /api/v1/findings/{id} is derived from it.",
                examples = "0") int version,
        @Schema(description = "CLASSIFIER, or REVIEWER for a finding a reviewer added where the classifier missed it "
                + "(confirmed from the start, confidence 1).",
                enumeration = { "CLASSIFIER",
                        "REVIEWER" }) String origin){

    /** The passage a finding was made on: offsets into the document's text. */
    @Schema(name = "FindingPassage")
    public record PassageRef(long id, int index, int start, int end, String text) {
    }

    /** The document a finding belongs to. */
    @Schema(name = "FindingDocument")
    public record DocumentRef(long id, String title, LocalDate publishedAt, String jurisdiction) {
    }

    static List<String> sorted(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).sorted().toList();
    }
}
