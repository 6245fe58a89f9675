package io.xborder.alert;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A saved search as the API shows it, with what is new in it for the caller. */
@Schema(name = "SavedSearch")
public record SavedSearchView(
        @Schema(examples = "7") long id,
        @Schema(examples = "China: cross-border transfer") String name,
        @Schema(description = "Who saved it (principal).", examples = "key:alice") String owner,
        boolean shared,
        Criteria criteria,
        @Schema(description = "Findings matching it that were stored since the caller last read its findings "
                + "(capped like the search's total; all matches when the caller never looked).",
                examples = "3") long newFindings,
        @Schema(description = "Whether newFindings is exact (false: a lower bound).") boolean newFindingsExact,
        @Schema(description = "When the caller last read its findings; null: never.",
                nullable = true) Instant lastLookedAt,
        @Schema(description = "Whether it has a feed token (its Atom and JSON feeds can be read).") boolean feedEnabled,
        Instant createdAt,
        Instant updatedAt) {

    /** The criteria as the wire spells them (codes and names; null: any). */
    @Schema(name = "SavedSearchCriteria")
    public record Criteria(@Schema(nullable = true) String q,
            @Schema(nullable = true, examples = "CN") String jurisdiction,
            @Schema(nullable = true, examples = "CROSS_BORDER_TRANSFER") String category,
            @Schema(nullable = true) String mechanism,
            @Schema(nullable = true) String modality,
            @Schema(nullable = true) String dataCategory,
            @Schema(nullable = true, examples = "en") String language,
            @Schema(nullable = true, examples = "0.6") Double minConfidence) {

        static Criteria of(SavedSearch s) {
            return new Criteria(s.q, s.jurisdiction, s.category, s.mechanism, s.modality, s.dataCategory, s.language,
                    s.minConfidence);
        }
    }

    /** A page of saved searches. */
    @Schema(name = "SavedSearchPage")
    public record Page(List<SavedSearchView> items, int page, int size, long total) {
    }
}
