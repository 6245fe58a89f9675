package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xborder.classify.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LearnedScorerTest {

    @Test
    void hashingIsStableAndKeepsTheBiasSlotFree() {
        FeatureHasher h = new FeatureHasher(18);
        FeatureVector a = h.vector("Data must stay in India.", 0, 24, Language.EN, Map.of("rule:x", 1.0));
        FeatureVector b = h.vector("Data must stay in India.", 0, 24, Language.EN, Map.of("rule:x", 1.0));
        assertThat(a).isEqualTo(b);
        assertThat(a.indices()).doesNotContain(0);
        // unigrams and bigrams of 5 words, plus one named feature (collisions aside)
        assertThat(a.size()).isBetween(9, 11);
        assertThat(h.index("rule:x", 'f')).isEqualTo(new FeatureHasher(18).index("rule:x", 'f'));
    }

    @Test
    void chineseUsesCharacterBigramsAndTrigramsOfTheRangeOnly() {
        FeatureHasher h = new FeatureHasher(18);
        String text = "前文。个人信息出境。后文";
        FeatureVector v = h.vector(text, 3, 10, Language.ZH, Map.of());
        // 个人信息出境。: 7 characters -> 6 bigrams + 5 trigrams
        assertThat(v.size()).isEqualTo(11);
        assertThat(v).isNotEqualTo(h.vector(text, 0, 10, Language.ZH, Map.of()));
    }

    @Test
    void logisticRegressionLearnsASeparableProblemDeterministically() {
        FeatureHasher h = new FeatureHasher(12);
        List<LogisticModel.Example> examples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            examples.add(new LogisticModel.Example(
                    h.vector("store data locally " + i, 0, 20, Language.EN, Map.of("rule:dl", 1.0)), true));
            examples.add(new LogisticModel.Example(
                    h.vector("wire money abroad " + i, 0, 19, Language.EN, Map.of("rule:money", 1.0)), false));
        }
        LogisticModel m1 = LogisticModel.train(examples, h.dimension(), LogisticModel.Settings.defaults());
        LogisticModel m2 = LogisticModel.train(examples, h.dimension(), LogisticModel.Settings.defaults());
        assertThat(m1.weights()).containsExactly(m2.weights());
        assertThat(m1.probability(h.vector("store data locally", 0, 18, Language.EN, Map.of("rule:dl", 1.0))))
                .isGreaterThan(0.9);
        assertThat(m1.probability(h.vector("wire money abroad", 0, 17, Language.EN, Map.of("rule:money", 1.0))))
                .isLessThan(0.1);
    }

    @Test
    void plattScalingRecoversAKnownCalibration() {
        // labels drawn with P(right) = sigmoid(2m - 1): a = -2, b = 1 in Platt's form 1 / (1 + exp(a m + b))
        Random random = new Random(7);
        List<PlattCalibration.Point> points = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            double m = random.nextGaussian() * 2;
            points.add(new PlattCalibration.Point(m, random.nextDouble() < 1 / (1 + Math.exp(-(2 * m - 1)))));
        }
        PlattCalibration fitted = PlattCalibration.fit(points);
        assertThat(fitted.a()).isCloseTo(-2, within(0.15));
        assertThat(fitted.b()).isCloseTo(1, within(0.15));
        assertThat(Calibration.expectedCalibrationError(points, fitted)).isLessThan(0.02);
        // a badly scaled calibration is measurably worse
        assertThat(Calibration.expectedCalibrationError(points, new PlattCalibration(-0.3, 0))).isGreaterThan(0.08);
    }

    @Test
    void theBuildShipsACalibratedModel() {
        FindingScorer scorer = FindingScorer.fromClasspath().orElseThrow(
                () -> new AssertionError("the build trains model/finding-scorer.json before the tests run"));
        assertThat(scorer.version()).startsWith("scorer-");
        assertThat(scorer.models()).containsKeys(io.xborder.classify.Category.values());
    }
}
