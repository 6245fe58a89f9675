package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.rules.PassageAnalysis;
import io.xborder.classify.rules.RuleEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearnedScorerTest {

    private static final RuleEngine RULES = RuleEngine.fromClasspath();
    private static final FeatureExtractor FEATURES = new FeatureExtractor(RULES);

    private static FeatureVector vector(String text, Language language, String jurisdiction) {
        PassageAnalysis a = RULES.analyze(text, 0, text.length(), language, jurisdiction);
        return FEATURES.vector(a);
    }

    @Test
    void featuresAreStableAndKeepTheBiasSlotFree() {
        FeatureVector a = vector("Customer data must stay in India.", Language.EN, (String) null);
        FeatureVector b = vector("Customer data must stay in India.", Language.EN, (String) null);
        assertThat(a).isEqualTo(b);
        for (int i : a.indices()) {
            assertThat(i).isBetween(1, (1 << FeatureExtractor.BITS) - 1);
        }
    }

    @Test
    void passagesWithoutDataPlaceOrTransferWordsAreOutOfScope() {
        String text = "The committee met on Tuesday and approved the minutes of the previous meeting.";
        assertThat(FEATURES.extract(RULES.analyze(text, 0, text.length(), Language.EN, (String) null)).outOfScope())
                .isTrue();
        String zh = "会议审议通过了上次会议纪要。";
        assertThat(FEATURES.extract(RULES.analyze(zh, 0, zh.length(), Language.ZH, (String) null)).outOfScope())
                .isTrue();
    }

    /**
     * Without a data noun a passage is read when something is moved, kept or reached across a border (an action word
     * with a border, foreign-tie or instrument word or a named place), unless what crosses is money, goods, staff,
     * shares, technology or a shop.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            It may not be replicated, backed up or made accessible from outside the national territory. | EN | false
            Call recordings are analysed by a speech-analytics provider in the United States.           | EN | false
            The bidder shall not permit remote administrative access from outside Botswana.             | EN | false
            该对照表不得以任何形式传输至境外。                                                                 | ZH | false
            供应商不得从境外发起对采购人生产环境的任何远程连接。                                                   | ZH | false
            The bank may transfer funds to its correspondent account in Singapore.                     | EN | true
            The company shipped its goods to buyers abroad last quarter.                                | EN | true
            Two engineers were seconded to the group's office in Germany.                               | EN | true
            该公司向境外汇出资金用于支付货款。                                                                   | ZH | true
            Foreign firms were forced to transfer technology to local partners abroad.                 | EN | true
            The committee moved the next meeting to Thursday.                                           | EN | true
            """)
    void withoutADataNounWhatCrossesABorderIsReadButLookAlikesAreNot(String text, Language language,
            boolean outOfScope) {
        assertThat(FEATURES.extract(RULES.analyze(text, 0, text.length(), language, (String) null)).outOfScope())
                .isEqualTo(outOfScope);
    }

    @Test
    void namedFeaturesSayWhatTheyAreAndWhereTheirWordsAre() {
        String text = "Our affiliates abroad may access your personal data.";
        Features f = FEATURES.extract(RULES.analyze(text, 0, text.length(), Language.EN, (String) null));
        List<String> names = new ArrayList<>();
        for (int j = 0; j < f.namedCount(); j++) {
            names.add(f.name(j));
            if (f.spanStart(j, 0) >= 0) {
                assertThat(f.spanEnd(j, 0)).isGreaterThan(f.spanStart(j, 0)).isLessThanOrEqualTo(text.length());
            }
        }
        assertThat(names).contains("recipient", "border", "access", "personal");
        assertThat(names).anyMatch(n -> n.contains("recipient") && n.contains("&") && n.contains("border"));
    }

    @Test
    void chineseUsesCharacterBigramsOfThePassageOnly() {
        String text = "前文。个人信息出境。后文";
        PassageAnalysis whole = RULES.analyze(text, 0, text.length(), Language.ZH, (String) null);
        PassageAnalysis part = RULES.analyze(text, 3, 10, Language.ZH, (String) null);
        Features f = FEATURES.extract(part);
        // 个人信息出境。: 7 characters -> 6 bigrams before the named features
        assertThat(f.namedFrom()).isEqualTo(6);
        assertThat(FEATURES.vector(part)).isNotEqualTo(FEATURES.vector(whole));
    }

    @Test
    void logisticRegressionLearnsASeparableProblemDeterministically() {
        List<LogisticModel.Example> examples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            examples.add(new LogisticModel.Example(vector("Data is stored locally in data centre " + i + ".",
                    Language.EN, (String) null), true));
            examples.add(new LogisticModel.Example(vector("Money was wired abroad to account " + i + ".",
                    Language.EN, (String) null), false));
        }
        float[] w1 = LogisticModel.train(examples, 1 << FeatureExtractor.BITS, LogisticModel.Settings.defaults());
        float[] w2 = LogisticModel.train(examples, 1 << FeatureExtractor.BITS, LogisticModel.Settings.defaults());
        assertThat(w1).containsExactly(w2);
        assertThat(LogisticModel.margin(w1, vector("Data is stored locally.", Language.EN, (String) null)))
                .isPositive();
        assertThat(LogisticModel.margin(w1, vector("Money was wired abroad.", Language.EN, (String) null)))
                .isNegative();
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
        assertThat(ece(points, fitted)).isLessThan(0.02);
        // a badly scaled calibration is measurably worse
        assertThat(ece(points, new PlattCalibration(-0.3, 0))).isGreaterThan(0.08);
    }

    private static double ece(List<PlattCalibration.Point> points, PlattCalibration c) {
        List<double[]> scored = new ArrayList<>();
        points.forEach(p -> scored.add(new double[] { c.probability(p.margin()), p.positive() ? 1 : 0 }));
        return QualityMetrics.ece(scored);
    }

    @Test
    void theBuildShipsAModelWithEveryHeadAndItSurvivesAWriteAndRead() throws IOException {
        Model model = Model.fromClasspath();
        assertThat(model.version()).startsWith("model-");
        for (Category c : Category.values()) {
            assertThat(model.category(c)).isNotNull();
        }
        assertThat(model.mechanisms()).containsOnlyKeys(Mechanism.values());
        assertThat(model.dataCategories()).containsOnlyKeys(DataCategory.values());
        assertThat(model.modalities()).containsOnlyKeys(Modality.values());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        model.write(out);
        Model again = Model.read(new ByteArrayInputStream(out.toByteArray()));
        assertThat(again.version()).isEqualTo(model.version());
        List<Head> before = new ArrayList<>();
        List<Head> after = new ArrayList<>();
        before.add(model.category(Category.CROSS_BORDER_TRANSFER));
        after.add(again.category(Category.CROSS_BORDER_TRANSFER));
        before.add(model.dataCategories().get(DataCategory.HEALTH_DATA));
        after.add(again.dataCategories().get(DataCategory.HEALTH_DATA));
        for (int h = 0; h < before.size(); h++) {
            int nonZero = 0;
            for (int i = 0; i < 1 << FeatureExtractor.BITS; i++) {
                assertThat(after.get(h).weight(i)).isEqualTo(before.get(h).weight(i));
                nonZero += before.get(h).weight(i) != 0 ? 1 : 0;
            }
            assertThat(nonZero).isGreaterThan(1000);
        }
        assertThat(again.training()).isEqualTo(model.training());
    }

    @Test
    void aModelWhoseCategoryHeadsWereTrainedSmallerStillReadsAndFoldsItsFeaturesAsTrained() throws IOException {
        // model versions stored before the category heads grew to 2^18 weights have heads of 2^16
        Map<Category, Model.Trained> small = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            float[] w = new float[1 << 16];
            w[12345] = 1.5f;
            small.put(c, new Model.Trained(w, new PlattCalibration(1, 0), 0.5));
        }
        Model older = new Model(small, Map.of(), Map.of(), Map.of(), "model-older", Map.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        older.write(out);
        Model again = Model.read(new ByteArrayInputStream(out.toByteArray()));
        Head head = again.category(Category.DATA_LOCALIZATION);
        assertThat(head.table().dimension()).isEqualTo(1 << 16);
        assertThat(head.weight(12345)).isCloseTo(1.5f, within(1e-6f));
        assertThat(head.weight(12345 + (1 << 16))).as("an index beyond 2^16 folds onto the trained weight")
                .isCloseTo(1.5f, within(1e-6f));
        assertThat(Model.fromClasspath().category(Category.DATA_LOCALIZATION).table().dimension())
                .as("the shipped model's category heads").isEqualTo(1 << Model.CATEGORY_BITS);
    }
}
