package io.xborder.alert;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.document.StoredFinding;
import io.xborder.finding.FindingFilter;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The criteria of a saved search, as the findings search reads them (every one optional, all combined). They are
 * checked at the edge like the search's parameters, stored as typed columns, queried through {@link FindingFilter}
 * and matched against a new finding by {@link #matches}, which applies the same rules in Java.
 */
@Schema(name = "SearchCriteria")
public record SearchCriteria(
        @Schema(description = "Words that the passage contains (case-insensitive substring).", examples = "境外",
                nullable = true) @Size(max = 200, message = "must be at most 200 characters") String q,
        @Schema(description = "ISO 3166-1 alpha-2 code or EU that the finding names.", implementation = String.class,
                examples = "CN", nullable = true) Jurisdiction jurisdiction,
        @Schema(nullable = true) Category category,
        @Schema(nullable = true) Mechanism mechanism,
        @Schema(nullable = true) Modality modality,
        @Schema(nullable = true) DataCategory dataCategory,
        @Schema(description = "Passage language: en or zh.", implementation = String.class,
                nullable = true) Language language,
        @Schema(description = "Lowest confidence, 0 to 1.", examples = "0.5", nullable = true) @DecimalMin(value = "0",
                message = "must be between 0.0 and 1.0") @DecimalMax(value = "1",
                        message = "must be between 0.0 and 1.0") Double minConfidence) {

    public SearchCriteria {
        q = q == null || q.isBlank() ? null : q.strip().replace("\u0000", "");
    }

    public static SearchCriteria none() {
        return new SearchCriteria(null, null, null, null, null, null, null, null);
    }

    static SearchCriteria ofStored(String q, String jurisdiction, String category, String mechanism, String modality,
            String dataCategory, String language, Double minConfidence) {
        return new SearchCriteria(q, jurisdiction == null ? null : Jurisdiction.of(jurisdiction).orElseThrow(),
                category == null ? null : Category.valueOf(category),
                mechanism == null ? null : Mechanism.valueOf(mechanism),
                modality == null ? null : Modality.valueOf(modality),
                dataCategory == null ? null : DataCategory.valueOf(dataCategory),
                language == null ? null : Language.fromCode(language).orElseThrow(), minConfidence);
    }

    /** The same criteria for the findings query. */
    public FindingFilter filter() {
        return new FindingFilter(category, jurisdiction == null ? null : jurisdiction.code(), mechanism, modality,
                dataCategory, language, minConfidence, null, q, null, null, null);
    }

    /** Whether a stored finding (with its passage) meets every criterion. */
    public boolean matches(StoredFinding f) {
        return (category == null || category == f.attributes.category)
                && (modality == null || modality == f.attributes.modality)
                && (jurisdiction == null || contains(f.attributes.jurisdictions, jurisdiction.code()))
                && (mechanism == null || contains(f.attributes.mechanisms, mechanism.name()))
                && (dataCategory == null || contains(f.attributes.dataCategories, dataCategory.name()))
                && (language == null || language.code().equals(f.language))
                && (minConfidence == null || f.confidence >= minConfidence)
                && (q == null || f.passage.text.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT)));
    }

    private static boolean contains(String[] values, String value) {
        return values != null && Arrays.asList(values).contains(value);
    }
}
