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
 *
 * <p>{@code standardErrors} gives, per gated measure (the names {@link ActivationGate} reports), how much it moves by
 * chance on items this few: the standard error of a proportion {@code sqrt(p (1 - p) / n)} over the items it is
 * computed on — the hard negatives for their false findings, the passages whose modality is scored for modality
 * accuracy, and for an F1 half its denominator {@code (2 tp + fp + fn) / 2}; macro-F1 combines its categories'. Null
 * in measures stored before it was kept.
 */
public record Measures(int n, Double macroF1, Map<String, CategoryScore> categories, Double precision,
        Double recall, Integer hardNegatives, Double hardNegativeFp, Double mechanismsF1, Double dataCategoriesF1,
        Double jurisdictionsF1, Double modalityAccuracy, Double ece, Map<String, Double> standardErrors) {

    /** One category: precision, recall and F1 with the counts behind them. */
    public record CategoryScore(int tp, int fp, int fn, Double precision, Double recall, Double f1) {
    }

    static Measures of(QualityMetrics m) {
        Map<String, CategoryScore> categories = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        double macroVariance = 0;
        int macroParts = 0;
        for (Category c : Category.values()) {
            QualityMetrics.Prf p = m.categories().get(c);
            categories.put(c.name(), new CategoryScore(p.tp(), p.fp(), p.fn(), round(p.precision()),
                    round(p.recall()), round(p.f1())));
            double e = f1Error(p);
            put(errors, ActivationGate.categoryMeasure(c.name()), e);
            if (!Double.isNaN(e)) {
                macroVariance += e * e;
                macroParts++;
            }
        }
        put(errors, ActivationGate.MACRO_F1, macroParts == 0 ? Double.NaN : Math.sqrt(macroVariance) / macroParts);
        put(errors, ActivationGate.MECHANISMS, f1Error(m.mechanisms()));
        put(errors, ActivationGate.DATA_CATEGORIES, f1Error(m.dataCategories()));
        put(errors, ActivationGate.JURISDICTIONS, f1Error(m.jurisdictions()));
        put(errors, ActivationGate.MODALITY, proportionError(m.modalityAccuracy(), m.modalityN()));
        put(errors, ActivationGate.HARD_NEGATIVES, proportionError(m.hardNegativeFpRate(), m.hardNegatives()));
        return new Measures(m.n(), round(m.macroF1()), categories, round(m.anyFinding().precision()),
                round(m.anyFinding().recall()), m.hardNegatives(), round(m.hardNegativeFpRate()),
                round(m.mechanisms().f1()), round(m.dataCategories().f1()), round(m.jurisdictions().f1()),
                round(m.modalityAccuracy()), round(m.ece()), errors);
    }

    /** The standard error of an F1 read as a proportion over half its denominator. */
    static double f1Error(QualityMetrics.Prf p) {
        return proportionError(p.f1(), (2.0 * p.tp() + p.fp() + p.fn()) / 2);
    }

    /** {@code sqrt(p (1 - p) / n)}; NaN when there is no item or no value. */
    static double proportionError(double p, double n) {
        return n <= 0 || Double.isNaN(p) ? Double.NaN : Math.sqrt(p * (1 - p) / n);
    }

    private static void put(Map<String, Double> errors, String measure, double error) {
        if (!Double.isNaN(error)) {
            errors.put(measure, round(error));
        }
    }

    static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10000) / 10000.0;
    }
}
