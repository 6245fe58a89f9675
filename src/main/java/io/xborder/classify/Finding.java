package io.xborder.classify;

import java.util.List;
import java.util.Set;

/**
 * One category decision for one passage, with the taxonomy's attributes and the evidence behind it.
 *
 * @param confidence calibrated probability that the category is right, in [0, 1]
 * @param jurisdictions ISO 3166-1 alpha-2 codes or {@code EU}
 * @param explanation why the finding was made (rules, words, scores); never null
 */
public record Finding(
        Category category,
        double confidence,
        Modality modality,
        Set<Mechanism> mechanisms,
        Set<String> jurisdictions,
        Set<DataCategory> dataCategories,
        List<Evidence> evidence,
        Explanation explanation) {

    public Finding {
        mechanisms = Set.copyOf(mechanisms);
        jurisdictions = Set.copyOf(jurisdictions);
        dataCategories = Set.copyOf(dataCategories);
        evidence = List.copyOf(evidence);
    }
}
