package io.xborder.classify.model;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Finding;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An item-level prediction pooled from the findings of all passages of one text, the way the evaluation harness
 * ({@code eval/score.py}) pools them: the categories found with their highest confidence, the union of mechanisms,
 * jurisdictions and data categories, and the modality of the most confident finding.
 */
public record Prediction(Map<Category, Double> categories, Set<Mechanism> mechanisms, Set<String> jurisdictions,
        Set<DataCategory> dataCategories, Modality modality) {

    public static Prediction of(List<Finding> findings) {
        Map<Category, Double> categories = new EnumMap<>(Category.class);
        Set<Mechanism> mechanisms = EnumSet.noneOf(Mechanism.class);
        Set<String> jurisdictions = new TreeSet<>();
        Set<DataCategory> dataCategories = EnumSet.noneOf(DataCategory.class);
        Modality modality = null;
        double best = -1;
        for (Finding f : findings) {
            categories.merge(f.category(), f.confidence(), Math::max);
            mechanisms.addAll(f.mechanisms());
            jurisdictions.addAll(f.jurisdictions());
            dataCategories.addAll(f.dataCategories());
            if (f.confidence() > best) {
                best = f.confidence();
                modality = f.modality();
            }
        }
        return new Prediction(categories, mechanisms, jurisdictions, dataCategories, modality);
    }

    /**
     * How this prediction differs from the labels of {@code gold}, one line per wrong part ({@code CAT}, and for a
     * positive found with some category {@code MECH}, {@code JUR}, {@code DCAT}, {@code MOD}: "gold=… pred=…"); empty
     * when it is right. For the tools and tests that list errors.
     */
    public List<String> differences(LabelledPassage gold) {
        List<String> out = new ArrayList<>();
        if (!gold.categories().equals(categories.keySet())) {
            out.add("CAT gold=" + gold.categories() + " pred=" + categories);
        }
        if (gold.positive() && !categories.isEmpty()) {
            if (!gold.mechanisms().equals(mechanisms)) {
                out.add("MECH gold=" + gold.mechanisms() + " pred=" + mechanisms);
            }
            if (!gold.jurisdictions().equals(jurisdictions)) {
                out.add("JUR gold=" + gold.jurisdictions() + " pred=" + jurisdictions);
            }
            if (!gold.dataCategories().equals(dataCategories)) {
                out.add("DCAT gold=" + gold.dataCategories() + " pred=" + dataCategories);
            }
            if (gold.modality() != modality) {
                out.add("MOD gold=" + gold.modality() + " pred=" + modality);
            }
        }
        return out;
    }
}
