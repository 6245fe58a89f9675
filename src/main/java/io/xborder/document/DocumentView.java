package io.xborder.document;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A whole document: metadata, text, and every passage with its findings. */
@Schema(name = "Document")
public record DocumentView(
        long id,
        String title,
        @Schema(nullable = true) String sourceUrl,
        String language,
        @Schema(nullable = true) String jurisdiction,
        @Schema(nullable = true) LocalDate publishedAt,
        Instant createdAt,
        String contentHash,
        String text,
        List<PassageView> passages) {

    /** A passage: offsets into the document's text. */
    @Schema(name = "Passage")
    public record PassageView(long id, int index, int start, int end, String text, String language,
            List<PassageFinding> findings) {
    }

    /** A finding on a passage; evidence offsets are into the document's text. */
    @Schema(name = "PassageFinding")
    public record PassageFinding(
            long id,
            @Schema(enumeration = {
                    "DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER" }) String category,
            double confidence,
            @Schema(enumeration = { "REQUIREMENT", "PROHIBITION", "PERMISSION", "REPORT" }) String modality,
            List<String> mechanisms,
            List<String> jurisdictions,
            List<String> dataCategories,
            List<StoredFinding.EvidenceSpan> evidence,
            String rulesetVersion,
            @Schema(enumeration = { "UNREVIEWED", "CONFIRMED", "REJECTED" }) String reviewStatus,
            @Schema(description = "CLASSIFIER, or REVIEWER for a finding a reviewer added where the classifier missed "
                    + "it.", enumeration = { "CLASSIFIER", "REVIEWER" }) String origin){

        static PassageFinding of(StoredFinding f) {
            return new PassageFinding(f.id, f.attributes.category.name(), f.confidence, f.attributes.modality.name(),
                    sorted(f.attributes.mechanisms),
                    sorted(f.attributes.jurisdictions), sorted(f.attributes.dataCategories), f.evidence,
                    f.rulesetVersion,
                    f.reviewStatus.name(), f.origin.name());
        }
    }

    static DocumentView of(Document d, List<Passage> passages) {
        return new DocumentView(d.id, d.title, d.sourceUrl, d.language, d.jurisdiction, d.publishedAt, d.createdAt,
                d.contentHash, d.text, passages.stream()
                        .map(p -> new PassageView(p.id, p.index, p.start, p.end, p.text, p.language,
                                p.findings.stream().map(PassageFinding::of).toList()))
                        .toList());
    }

    private static List<String> sorted(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).sorted().toList();
    }
}
