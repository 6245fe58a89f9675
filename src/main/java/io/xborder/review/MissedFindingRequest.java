package io.xborder.review;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /api/v1/passages/{id}/findings}: the finding the classifier missed on a passage, as a reviewer
 * states it, with the words that show it.
 */
@Schema(name = "MissedFindingRequest")
public record MissedFindingRequest(
        @Schema(required = true) @NotNull Category category,
        @Schema(required = true) @NotNull Modality modality,
        @Schema(nullable = true) @Size(max = 20) List<@NotNull Mechanism> mechanisms,
        @Schema(description = "ISO 3166-1 alpha-2 codes or EU.", nullable = true,
                examples = "[\"CN\"]") @Size(max = 50) List<@NotNull Jurisdiction> jurisdictions,
        @Schema(nullable = true) @Size(max = 20) List<@NotNull DataCategory> dataCategories,
        @Schema(required = true, description = "The words that show the finding: 1 to 5 spans with offsets into "
                + "the passage's text (UTF-16 code units, as JavaScript counts them; end exclusive).") @NotNull @NotEmpty(
                        message = "must hold at least one span of the passage") @Size(max = MissedFindings.MAX_SPANS,
                                message = "must hold at most " + MissedFindings.MAX_SPANS
                                        + " spans") List<@Valid @NotNull Span> evidence,
        @Schema(description = "Why; at most 2000 characters.", nullable = true) @Size(max = 2000,
                message = "must be at most 2000 characters") String comment) {

    /** A span of the passage's text. */
    @Schema(name = "PassageSpan")
    public record Span(
            @Schema(required = true, description = "First character, from 0.",
                    examples = "0") @NotNull @PositiveOrZero Integer start,
            @Schema(required = true, description = "After the last character.",
                    examples = "42") @NotNull @PositiveOrZero Integer end,
            @Schema(description = "The spanned text, when given checked against the passage (guards against "
                    + "offsets counted on another text).", nullable = true,
                    examples = "must be stored within the territory") String text) {
    }
}
