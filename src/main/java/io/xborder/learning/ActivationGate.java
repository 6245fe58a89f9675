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
 * Plain Java.
 */
public final class ActivationGate {

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

    /** The measures on which {@code candidate} is worse than {@code active} by more than {@code tolerance}. */
    public static List<Shortfall> shortfalls(Measures active, Measures candidate, double tolerance) {
        List<Shortfall> out = new ArrayList<>();
        higherIsBetter(out, "macro-F1", active, candidate, Measures::macroF1, tolerance);
        for (String category : active.categories().keySet()) {
            higherIsBetter(out, category + " F1", active, candidate,
                    m -> m.categories().containsKey(category) ? m.categories().get(category).f1() : null, tolerance);
        }
        higherIsBetter(out, "mechanisms F1", active, candidate, Measures::mechanismsF1, tolerance);
        higherIsBetter(out, "data categories F1", active, candidate, Measures::dataCategoriesF1, tolerance);
        higherIsBetter(out, "jurisdictions F1", active, candidate, Measures::jurisdictionsF1, tolerance);
        higherIsBetter(out, "modality accuracy", active, candidate, Measures::modalityAccuracy, tolerance);
        Double a = active.hardNegativeFp();
        Double c = candidate.hardNegativeFp();
        if (a != null && c != null && c - a > tolerance + 1e-9) {
            out.add(new Shortfall("hard-negative false findings", a, c));
        }
        return out;
    }

    private static void higherIsBetter(List<Shortfall> out, String name, Measures active, Measures candidate,
            Function<Measures, Double> measure, double tolerance) {
        Double a = measure.apply(active);
        Double c = measure.apply(candidate);
        if (a != null && c != null && a - c > tolerance + 1e-9) {
            out.add(new Shortfall(name, a, c));
        }
    }
}
