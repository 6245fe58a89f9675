package io.xborder.learning;

import io.xborder.classify.Category;
import io.xborder.classify.model.QualityMetrics;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The measures of one model on one set of items, as stored with a model version and shown beside another: per
 * category precision, recall and F1, their macro-F1, and the attributes (mechanisms, data categories and
 * jurisdictions as micro-F1, modality accuracy), the share of hard negatives given a finding, and the expected
 * calibration error. A measure that is undefined on the items (no hard negative among them) is null.
 */
public record Measures(int n, Double macroF1, Map<String, CategoryScore> categories, Double precision,
        Double recall, Integer hardNegatives, Double hardNegativeFp, Double mechanismsF1, Double dataCategoriesF1,
        Double jurisdictionsF1, Double modalityAccuracy, Double ece) {

    /** One category: precision, recall and F1 with the counts behind them. */
    public record CategoryScore(int tp, int fp, int fn, Double precision, Double recall, Double f1) {
    }

    static Measures of(QualityMetrics m) {
        Map<String, CategoryScore> categories = new LinkedHashMap<>();
        for (Category c : Category.values()) {
            QualityMetrics.Prf p = m.categories().get(c);
            categories.put(c.name(), new CategoryScore(p.tp(), p.fp(), p.fn(), round(p.precision()),
                    round(p.recall()), round(p.f1())));
        }
        return new Measures(m.n(), round(m.macroF1()), categories, round(m.anyFinding().precision()),
                round(m.anyFinding().recall()), m.hardNegatives(), round(m.hardNegativeFpRate()),
                round(m.mechanisms().f1()), round(m.dataCategories().f1()), round(m.jurisdictions().f1()),
                round(m.modalityAccuracy()), round(m.ece()));
    }

    static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10000) / 10000.0;
    }
}
