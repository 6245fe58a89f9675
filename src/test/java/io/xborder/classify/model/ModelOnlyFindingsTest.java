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
