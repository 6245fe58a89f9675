package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Category;
import io.xborder.classify.Evidence;
import io.xborder.classify.Explanation;
import io.xborder.classify.Finding;
import io.xborder.classify.PassageContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The second look at a document's passages ({@link ContextModel}): what it reads, that it learns, and that the
 * shipped model finds a follow-up clause from its document while the same clause alone gets nothing.
 */
class ContextModelTest {

    private static final TextAnalyzer ANALYZER = TextAnalyzer.withDefaults();
    private static final double[] THRESHOLDS = { 0.5, 0.6 };
    private static final Category CBT = Category.CROSS_BORDER_TRANSFER;

    static Stream<Arguments> openings() {
        return Stream.of(
                Arguments.of("(2) An application shall be made in writing.", true),
                Arguments.of("  (iv) the recipient's name;", true),
                Arguments.of("b. the categories of data;", true),
                Arguments.of("3. The Office shall decide within sixty days.", true),
                Arguments.of("（三）省级网信部门应当完成查验。", true),
                Arguments.of("二、申报材料应当真实。", true),
                Arguments.of("答：需要备案。", true),
                Arguments.of("A: Yes, within ten working days.", true),
                Arguments.of("Such transfers need the Office's approval.", true),
                Arguments.of("前款规定的情形除外。", true),
                Arguments.of("The Office shall decide within sixty days.", false),
                Arguments.of("2024 was the year the rules changed.", false),
                Arguments.of("Thistle Bank moved its data to Ireland.", false),
                Arguments.of("数据处理者应当申报安全评估。", false));
    }

    @ParameterizedTest
    @MethodSource("openings")
    void tellsAContinuationFromAFreshStart(String text, boolean continues) {
        assertThat(ContextModel.continues(text, 0, text.length())).isEqualTo(continues);
    }

    @Test
    void readsThePassageItsNeighboursAndTheDocument() {
        double[][] p = { { 0.1, 0.9 }, null, { 0.2, 0.3 }, { 0.0, 0.7 } };
        boolean[] continues = { false, false, true, false };

        double[] x = ContextModel.features(CBT, p, continues, 2, THRESHOLDS);

        assertThat(x[0]).as("bias").isEqualTo(1);
        assertThat(x[1]).as("own").isEqualTo(0.3);
        assertThat(x[2]).as("own log-odds / 4").isCloseTo(Math.log(0.3 / 0.7) / 4, within(1e-3));
        assertThat(x[3]).as("previous: a passage the model does not read says 0").isZero();
        assertThat(x[4]).as("next").isEqualTo(0.7);
        assertThat(x[5]).as("highest elsewhere").isEqualTo(0.9);
        assertThat(x[6]).as("share found among the other read passages").isEqualTo(1.0);
        assertThat(x[7]).as("the other category").isEqualTo(0.2);
        assertThat(x[8]).as("continues").isEqualTo(1);
        assertThat(x[9]).as("continues × previous").isZero();
        assertThat(ContextModel.features(CBT, p, continues, 0, THRESHOLDS)[3]).as("no passage before").isZero();
    }

    @Test
    void learnsThatAWeakContinuationBesideFoundPassagesCarriesTheRuleAndSurvivesAWriteAndRead()
            throws IOException {
        Random random = new Random(3);
        List<ContextModel.Row> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double own = 0.2 + 0.3 * random.nextDouble();
            double neighbour = random.nextDouble();
            boolean continues = random.nextBoolean();
            double[][] p = { { 0, neighbour }, { 0, own }, { 0, 0 } };
            rows.add(new ContextModel.Row(ContextModel.features(CBT, p, new boolean[] { false, continues, false }, 1,
                    THRESHOLDS), continues && neighbour > 0.7));
        }
        ContextModel model = new ContextModel(Map.of(CBT, ContextModel.fit(rows), Category.DATA_LOCALIZATION,
                ContextModel.fit(List.of())), 0.65);

        double[][] beside = { { 0, 0.95 }, { 0, 0.35 }, { 0, 0 } };
        double[][] alone = { { 0, 0.05 }, { 0, 0.35 }, { 0, 0 } };
        boolean[] continuation = { false, true, false };
        assertThat(model.probability(CBT, beside, continuation, 1, ContextModel.overview(beside, THRESHOLDS)))
                .isGreaterThan(0.65);
        assertThat(model.probability(CBT, alone, continuation, 1, ContextModel.overview(alone, THRESHOLDS)))
                .isLessThan(0.3);
        assertThat(model.probability(CBT, beside, new boolean[3], 1, ContextModel.overview(beside, THRESHOLDS)))
                .isLessThan(0.3);
        assertThat(model.probability(Category.DATA_LOCALIZATION, beside, continuation, 1,
                ContextModel.overview(beside, THRESHOLDS)))
                .as("a category without rows finds nothing").isLessThan(0.01);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        model.write(new DataOutputStream(bytes));
        ContextModel read = ContextModel.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(read.threshold()).isEqualTo(0.65);
        assertThat(read.probability(CBT, beside, continuation, 1, ContextModel.overview(beside, THRESHOLDS)))
                .isEqualTo(model.probability(CBT, beside, continuation, 1, ContextModel.overview(beside, THRESHOLDS)));
    }

    @Test
    void theShippedModelWasTrainedWithTheTrainingDocuments() {
        assertThat(ANALYZER.classifier().model().context()).isNotNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> report = (Map<String, Object>) ANALYZER.classifier().model().training().get("context");
        assertThat((Integer) report.get("documents")).isGreaterThanOrEqualTo(79);
    }

    @Test
    void aFollowUpClauseOfATransferSectionIsFoundFromItsDocumentNotAlone() {
        String text = """
                Section 31. Transfers outside Mauritius.
                (1) A controller shall not transfer personal data to a recipient in another country unless the Data Protection Office has authorised the transfer in writing.
                (2) An application under subsection (1) shall be made in the form the Office prescribes and shall state the purpose of the processing, the categories of data concerned and the identity of the recipient.
                """;
        int start = text.indexOf("(2)");
        int end = text.length() - 1;

        TextAnalyzer.AnalyzedPassage clause = ANALYZER.analyze(text, null, null, true).passages().stream()
                .filter(p -> p.segment().start() == start).findFirst().orElseThrow();
        Finding f = clause.findings().stream().filter(x -> x.category() == CBT).findFirst().orElseThrow();

        assertThat(f.explanation().basis()).isEqualTo(Explanation.Basis.DOCUMENT_CONTEXT);
        assertThat(f.confidence()).isGreaterThanOrEqualTo(0.65);
        assertThat(f.evidence()).isNotEmpty();
        for (Evidence e : f.evidence()) {
            assertThat(e.start()).isGreaterThanOrEqualTo(start);
            assertThat(e.end()).isLessThanOrEqualTo(end);
            assertThat(e.text()).isEqualTo(text.substring(e.start(), e.end()));
        }
        assertThat(ANALYZER.classifier().classify(text, start, end, clause.segment().language(),
                PassageContext.NONE, false)).as("the same clause alone").noneMatch(x -> x.category() == CBT);
    }

    @Test
    void theSameClauseWithNothingFoundAroundItStaysWithoutAFinding() {
        String text = """
                Section 4. Travel documents.
                (1) Every traveller shall carry a valid passport when crossing the border.
                (2) An application under subsection (1) shall be made in the form the Office prescribes and shall state the purpose of the processing, the categories of data concerned and the identity of the recipient.
                """;
        assertThat(ANALYZER.analyze(text, null, null, true).passages()).allMatch(p -> p.findings().isEmpty());
    }
}
