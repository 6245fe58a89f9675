package io.xborder.learning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xborder.classify.model.QualityMetrics;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationGateTest {

    private static final double TOLERANCE = 0.01;

    /** Measures where only macro-F1, the residency F1 and the hard negatives' false findings are set. */
    private static Measures measures(double macro, double residency, double hardNegativeFp,
            Map<String, Double> standardErrors) {
        return new Measures(400, macro,
                Map.of("DATA_LOCALIZATION",
                        new Measures.CategoryScore(150, 10, 10, 0.94, 0.94, residency)),
                0.98, 0.97, 160, hardNegativeFp, null, null, null, null, 0.01, standardErrors);
    }

    static Stream<Arguments> cases() {
        Map<String, Double> errors = Map.of("macro-F1", 0.012, "DATA_LOCALIZATION F1", 0.018,
                "hard-negative false findings", 0.012);
        return Stream.of(
                // stored before standard errors were kept: the configured tolerance alone
                Arguments.of("old measures, 0.012 lower", null, 0.950, 0.940, 0.02, 0.938, 0.928, 0.02,
                        List.of("macro-F1", "DATA_LOCALIZATION F1")),
                Arguments.of("old measures, within the tolerance", null, 0.950, 0.940, 0.02, 0.942, 0.932, 0.028,
                        List.of()),
                // two or three passages on few items: within the standard error
                Arguments.of("0.012 lower, errors 0.012 and 0.018", errors, 0.950, 0.940, 0.02, 0.938, 0.928, 0.02,
                        List.of()),
                Arguments.of("residency 0.03 lower: beyond its error", errors, 0.950, 0.940, 0.02, 0.940, 0.910, 0.02,
                        List.of("DATA_LOCALIZATION F1")), // macro-F1 0.010 lower: within its error
                Arguments.of("hard negatives 0.011 higher, error 0.012", errors, 0.950, 0.940, 0.02, 0.950, 0.940,
                        0.031, List.of()),
                Arguments.of("hard negatives 0.015 higher, error 0.012", errors, 0.950, 0.940, 0.02, 0.950, 0.940,
                        0.035, List.of("hard-negative false findings")),
                Arguments.of("better everywhere", errors, 0.950, 0.940, 0.02, 0.960, 0.950, 0.01, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesOnlyBeyondTheToleranceOrTheStandardError(String name, Map<String, Double> errors, double macro,
            double residency, double hardNegatives, double candidateMacro, double candidateResidency,
            double candidateHardNegatives, List<String> refusedOn) {
        Measures active = measures(macro, residency, hardNegatives, errors);
        Measures candidate = measures(candidateMacro, candidateResidency, candidateHardNegatives, errors);

        assertThat(ActivationGate.shortfalls(active, candidate, TOLERANCE))
                .extracting(ActivationGate.Shortfall::measure)
                .containsExactlyElementsOf(refusedOn);
    }

    @ParameterizedTest(name = "F1 {0}/{1}/{2}: standard error {3}")
    @MethodSource("f1Errors")
    void anF1IsReadAsAProportionOverHalfItsDenominator(int tp, int fp, int fn, double error) {
        double f1 = 2.0 * tp / (2.0 * tp + fp + fn);
        QualityMetrics.Prf prf = new QualityMetrics.Prf(tp, fp, fn, Double.NaN, Double.NaN, f1);

        assertThat(Measures.f1Error(prf)).isCloseTo(error, within(1e-4));
    }

    static Stream<Arguments> f1Errors() {
        return Stream.of(Arguments.of(85, 5, 10, 0.0284), // F1 0.919 over 92.5
                Arguments.of(160, 8, 12, 0.0180), // F1 0.941 over 170
                Arguments.of(1600, 80, 120, 0.0057)); // ten times the items: a third of the error
    }

    @org.junit.jupiter.api.Test
    void aProportionWithoutItemsHasNoError() {
        assertThat(Measures.proportionError(0.03, 310)).isCloseTo(0.0097, within(1e-4));
        assertThat(Measures.proportionError(0.5, 0)).isNaN();
        assertThat(Measures.proportionError(Double.NaN, 100)).isNaN();
    }
}
