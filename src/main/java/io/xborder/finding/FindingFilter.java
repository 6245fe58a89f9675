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

    public static FindingFilter none() {
        return new FindingFilter(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
