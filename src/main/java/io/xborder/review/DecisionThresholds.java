package io.xborder.review;

import io.xborder.analysis.AnalysisService;
import io.xborder.classify.Category;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probability from which the classifier reports a finding of each category, read from the model the service
 * classifies with (not assumed to be 0.5: transfers are reported from 0.6). A finding whose confidence is close to
 * its category's threshold is one the classifier was unsure of.
 */
@ApplicationScoped
public class DecisionThresholds {

    private final AnalysisService analysis;

    public DecisionThresholds(AnalysisService analysis) {
        this.analysis = analysis;
    }

    /** Every category's threshold, as the model in use has it now. */
    public Map<Category, Double> byCategory() {
        Map<Category, Double> out = new EnumMap<>(Category.class);
        var model = analysis.analyzer().classifier().model();
        for (Category c : Category.values()) {
            out.put(c, model.category(c).threshold());
        }
        return out;
    }
}
