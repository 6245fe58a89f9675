package io.xborder.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Whether a candidate is worse than the active model on the blind set beyond the tolerance: a candidate is refused
 * when its category macro-F1, the F1 of either category, of mechanisms, data categories or jurisdictions, or its
 * modality accuracy is lower than the active model's by more than the tolerance, or its share of hard negatives
 * given a finding is higher by more than it. The calibration error is shown, not gated (it moves with few items).
 *
 * <p>The tolerance is support-aware: on each measure it is the configured tolerance or, when larger, the active
 * model's standard error of that measure on the items ({@link Measures#standardErrors}), so that a candidate is not
 * refused for the two or three passages by which any retraining moves a measure computed over few items (a category
 * F1 over 170 positives moves by about 0.006 a passage), while a drop beyond that chance is still refused. Plain
 * Java.
 */
public final class ActivationGate {

    static final String MACRO_F1 = "macro-F1";
    static final String MECHANISMS = "mechanisms F1";
    static final String DATA_CATEGORIES = "data categories F1";
    static final String JURISDICTIONS = "jurisdictions F1";
    static final String MODALITY = "modality accuracy";
    static final String HARD_NEGATIVES = "hard-negative false findings";

    private ActivationGate() {
    }

    /** A measure on which the candidate is worse: its name, both values and by how much. */
    public record Shortfall(String measure, double active, double candidate) {

        public double difference() {
            return candidate - active;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %.4f (active %.4f)", measure, candidate, active);
        }
    }

    /** The name of a category's F1 among the measures. */
    static String categoryMeasure(String category) {
        return category + " F1";
    }

    /**
     * The measures on which {@code candidate} is worse than {@code active} by more than {@code tolerance}, or by more
     * than the active model's standard error of the measure where that is larger.
     */
    public static List<Shortfall> shortfalls(Measures active, Measures candidate, double tolerance) {
        List<Shortfall> out = new ArrayList<>();
        higherIsBetter(out, MACRO_F1, active, candidate, Measures::macroF1, tolerance);
        for (String category : active.categories().keySet()) {
            higherIsBetter(out, categoryMeasure(category), active, candidate,
                    m -> m.categories().containsKey(category) ? m.categories().get(category).f1() : null, tolerance);
        }
        higherIsBetter(out, MECHANISMS, active, candidate, Measures::mechanismsF1, tolerance);
        higherIsBetter(out, DATA_CATEGORIES, active, candidate, Measures::dataCategoriesF1, tolerance);
        higherIsBetter(out, JURISDICTIONS, active, candidate, Measures::jurisdictionsF1, tolerance);
        higherIsBetter(out, MODALITY, active, candidate, Measures::modalityAccuracy, tolerance);
        Double a = active.hardNegativeFp();
        Double c = candidate.hardNegativeFp();
        if (a != null && c != null && c - a > allowed(active, HARD_NEGATIVES, tolerance) + 1e-9) {
            out.add(new Shortfall(HARD_NEGATIVES, a, c));
        }
        return out;
    }

    /** The tolerance on one measure: the configured one, or the active model's standard error of it if larger. */
    static double allowed(Measures active, String measure, double tolerance) {
        Double error = active.standardErrors() == null ? null : active.standardErrors().get(measure);
        return error == null ? tolerance : Math.max(tolerance, error);
    }

    private static void higherIsBetter(List<Shortfall> out, String name, Measures active, Measures candidate,
            Function<Measures, Double> measure, double tolerance) {
        Double a = measure.apply(active);
        Double c = measure.apply(candidate);
        if (a != null && c != null && a - c > allowed(active, name, tolerance) + 1e-9) {
            out.add(new Shortfall(name, a, c));
        }
    }
}
