package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Category;
import io.xborder.classify.Evidence;
import io.xborder.classify.Explanation;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A passage that no rule of a category matches can still get a finding of that category from the model alone; its
 * evidence is then the words of the features that weighed most (valid offsets into the text, the cue naming the
 * feature class as {@code model:<class>}) and its explanation says {@link Explanation.Basis#MODEL_ONLY}.
 */
class ModelOnlyFindingsTest {

    private static final PassageClassifier CLASSIFIER = PassageClassifier.fromClasspath();

    static Stream<Arguments> passagesNoRuleReads() {
        return Stream.of(
                Arguments.of(Language.EN, Category.CROSS_BORDER_TRANSFER,
                        "Engineers in Bangalore can still log into the Frankfurt cluster that holds European patient files."),
                Arguments.of(Language.EN, Category.CROSS_BORDER_TRANSFER,
                        "Call recordings of Kenyan subscribers are now reviewed by a contractor in Manila."));
    }

    @ParameterizedTest
    @MethodSource("passagesNoRuleReads")
    void findsWhatNoRuleReadsAndPointsAtTheWordsThatWeighed(Language language, Category category, String text) {
        assertThat(CLASSIFIER.rules().analyze(text, 0, text.length(), language, PassageContext.NONE).matches())
                .as("precondition: no rule of the category matches").noneMatch(m -> m.category() == category);

        Finding f = CLASSIFIER.classify(text, 0, text.length(), language, PassageContext.NONE, true).stream()
                .filter(x -> x.category() == category).findFirst().orElseThrow();

        assertThat(f.explanation().basis()).isEqualTo(Explanation.Basis.MODEL_ONLY);
        assertThat(f.explanation().rules()).isEmpty();
        assertThat(f.explanation().features()).isNotEmpty();
        assertValidModelEvidence(text, f);
    }

    @Test
    void everyModelOnlyFindingOnTheTrainingTextHasValidEvidence() throws IOException {
        int modelOnly = 0;
        for (LabelledPassage p : LabelledPassage.read(Path.of("src/training/data/xborder-labelled.jsonl"))) {
            String text = p.text();
            List<Finding> findings = CLASSIFIER.classify(text, 0, text.length(), p.language(), PassageContext.NONE,
                    false);
            for (Finding f : findings) {
                if (f.explanation().basis() == Explanation.Basis.MODEL_ONLY) {
                    modelOnly++;
                    assertValidModelEvidence(text, f);
                }
            }
        }
        // the model finds on its own what the rules were never told: a good share of the positives
        assertThat(modelOnly).isGreaterThan(100);
    }

    /**
     * What anchors a finding (see {@link Features#anchored}): a rule of the category, a place, or a word of a class
     * that ties the passage to the category. Without one, a passage is found only from its document.
     */
    static Stream<Arguments> anchors() {
        return Stream.of(
                Arguments.of(Language.EN,
                        "An application shall state the categories of data concerned and the identity of the recipient.",
                        false, false),
                Arguments.of(Language.EN,
                        "The file is sent back if the data controller has not supplied every document the Office lists.",
                        false, false),
                Arguments.of(Language.EN,
                        "The recipient may hold the data only for the period the authorisation states.", false, false),
                Arguments.of(Language.EN,
                        "Support staff in Manila can look up subscriber records when a customer calls.", true, true),
                Arguments.of(Language.EN,
                        "The vendor is owned by a state fund and could be asked to hand over customer files.", true,
                        false),
                Arguments.of(Language.EN, "Customer records are kept on local servers.", false, true),
                Arguments.of(Language.EN, "The group relies on an adequacy finding for payroll data.", true, false),
                Arguments.of(Language.ZH, "申报材料应当载明数据的种类、数量和接收方的名称。", false, false),
                Arguments.of(Language.ZH, "位于新加坡的客服团队可以查询会员的订单信息。", true, true),
                Arguments.of(Language.ZH, "企业应当将用户数据存储在境内。", true, true));
    }

    @ParameterizedTest
    @MethodSource("anchors")
    void aFindingNeedsAnAnchor(Language language, String text, boolean transfer, boolean residency) {
        FeatureExtractor extractor = new FeatureExtractor(CLASSIFIER.rules());
        Features f = extractor.extract(CLASSIFIER.rules().analyze(text, 0, text.length(), language,
                PassageContext.NONE));
        assertThat(f.anchored(Category.CROSS_BORDER_TRANSFER)).as("transfer anchored: " + text).isEqualTo(transfer);
        assertThat(f.anchored(Category.DATA_LOCALIZATION)).as("residency anchored: " + text).isEqualTo(residency);
        if (!transfer && !residency) {
            assertThat(CLASSIFIER.classify(text, 0, text.length(), language, PassageContext.NONE, false))
                    .as("no finding without an anchor: " + text).isEmpty();
        }
    }

    private static void assertValidModelEvidence(String text, Finding f) {
        assertThat(f.evidence()).as(text).isNotEmpty();
        for (Evidence e : f.evidence()) {
            assertThat(e.start()).as(text).isBetween(0, text.length() - 1);
            assertThat(e.end()).as(text).isBetween(e.start() + 1, text.length());
            assertThat(e.text()).as(text).isEqualTo(text.substring(e.start(), e.end()));
            assertThat(e.cue()).as(text).startsWith("model:");
        }
    }
}
