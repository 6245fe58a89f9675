package io.xborder.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Confidence;
import io.xborder.classify.Evidence;
import io.xborder.classify.Explanation;
import io.xborder.classify.Finding;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response of {@code POST /api/v1/classify}: every passage of the text in order, with its findings. */
@Schema(name = "ClassifyResponse")
public record ClassifyResponse(
        @Schema(description = "The text's language (given, or the dominant detected one).",
                examples = "en") String language,
        @Schema(description = "Every passage in order; dropped boilerplate is not a passage.") List<PassageResult> passages) {

    static ClassifyResponse of(TextAnalyzer.AnalyzedText analyzed, boolean explain) {
        return new ClassifyResponse(analyzed.language().code(), analyzed.passages().stream()
                .map(p -> new PassageResult(p.index(), p.segment().start(), p.segment().end(), p.segment().text(),
                        p.findings().stream().map(f -> FindingResult.of(f, explain)).toList()))
                .toList());
    }

    /** A passage: offsets are UTF-16 code units into the request text, end exclusive. */
    @Schema(name = "ClassifiedPassage")
    public record PassageResult(
            @Schema(examples = "0") int index,
            @Schema(examples = "0") int start,
            @Schema(examples = "74") int end,
            @Schema(examples = "Mr. Musk is seeking approval to transfer data collected in China overseas.") String text,
            @Schema(description = "At most one finding per category; empty when none applies.") List<FindingResult> findings) {
    }

    /** One finding; lists are sets (order carries no meaning). */
    @Schema(name = "ClassifiedFinding")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FindingResult(
            @Schema(enumeration = {
                    "DATA_LOCALIZATION", "CROSS_BORDER_TRANSFER" }, examples = "CROSS_BORDER_TRANSFER") String category,
            @Schema(description = "Calibrated probability that the category is right.",
                    examples = "0.94") double confidence,
            @Schema(enumeration = { "REQUIREMENT", "PROHIBITION", "PERMISSION", "REPORT" },
                    examples = "REPORT") String modality,
            @Schema(examples = "[\"SECURITY_ASSESSMENT\"]") List<String> mechanisms,
            @Schema(description = "ISO 3166-1 alpha-2 codes or EU.", examples = "[\"CN\"]") List<String> jurisdictions,
            @Schema(examples = "[]") List<String> dataCategories,
            List<EvidenceResult> evidence,
            @Schema(description = "Only with explain=true: the rules, words and scores behind the finding.",
                    nullable = true) Explanation explanation){

        static FindingResult of(Finding f, boolean explain) {
            return new FindingResult(f.category().name(), Confidence.rounded(f.confidence()), f.modality().name(),
                    f.mechanisms().stream().map(Enum::name).sorted().toList(),
                    f.jurisdictions().stream().sorted().toList(),
                    f.dataCategories().stream().map(Enum::name).sorted().toList(),
                    f.evidence().stream().sorted(Comparator.comparingInt(Evidence::start)).map(EvidenceResult::of)
                            .toList(),
                    explain ? f.explanation() : null);
        }
    }

    /** The words behind a finding: offsets into the request text, the rule that fired. */
    @Schema(name = "Evidence")
    public record EvidenceResult(
            @Schema(examples = "32") int start,
            @Schema(examples = "73") int end,
            @Schema(examples = "transfer data collected in China overseas") String text,
            @Schema(description = "The id of the rule that fired.", examples = "en.transfer.abroad") String cue) {

        static EvidenceResult of(Evidence e) {
            return new EvidenceResult(e.start(), e.end(), e.text(), e.cue());
        }
    }
}
