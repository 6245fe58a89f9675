package io.xborder.finding;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.document.ReviewStatus;
import java.time.LocalDate;

/** The checked criteria of a findings query; null means "any". */
public record FindingFilter(
        Category category,
        String jurisdiction,
        Mechanism mechanism,
        Modality modality,
        DataCategory dataCategory,
        Language language,
        Double minConfidence,
        Long documentId,
        String text,
        LocalDate from,
        LocalDate to,
        ReviewStatus reviewStatus) {

    /** The {@link #jurisdiction()} of findings that name no jurisdiction at all. */
    public static final String NO_JURISDICTION = "-";

    /** The same criteria with another jurisdiction (a code, {@link #NO_JURISDICTION} or null). */
    public FindingFilter withJurisdiction(String code) {
        return new FindingFilter(category, code, mechanism, modality, dataCategory, language, minConfidence, documentId,
                text, from, to, reviewStatus);
    }

    /** The same criteria with another review status (null: any). */
    public FindingFilter withReviewStatus(ReviewStatus status) {
        return new FindingFilter(category, jurisdiction, mechanism, modality, dataCategory, language, minConfidence,
                documentId, text, from, to, status);
    }

    public static FindingFilter none() {
        return new FindingFilter(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
