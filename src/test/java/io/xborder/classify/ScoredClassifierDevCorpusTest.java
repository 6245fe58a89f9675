package io.xborder.classify;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.model.ScoredPassageClassifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The whole classifier as the service runs it (rules + learned scorer) on the dev corpus, which neither the rules'
 * scorer nor its calibration was trained on: quality floor, valid evidence, and calibration of the confidences.
 */
class ScoredClassifierDevCorpusTest {

    @Test
    void scoredClassifierKeepsQualityAndIsCalibratedOnTheDevCorpus() throws IOException {
        Path dev = DevCorpusTest.sharedDir().resolve("corpus/dev.jsonl");
        Assumptions.assumeTrue(Files.isRegularFile(dev),
                "shared corpus not found at " + dev.toAbsolutePath() + " (set XBORDER_SHARED): skipping");
        ScoredPassageClassifier classifier = ScoredPassageClassifier.fromClasspath();
        Assumptions.assumeTrue(classifier.scorer().isPresent(), "no trained model on the classpath");
        DevCorpusTest.Score score = new DevCorpusTest.Score();
        for (DevCorpusTest.Item it : DevCorpusTest.items(dev)) {
            Language lang = Language.fromCode(it.lang()).orElseThrow();
            score.add(it, DevCorpusTest.Prediction.of(it.text(),
                    classifier.classify(it.text(), 0, it.text().length(), lang, it.docJurisdiction())));
        }
        System.out.printf(Locale.ROOT, "Scored classifier (%s) on dev: micro-F1 %.3f, macro-F1 %.3f, ECE %.3f%n",
                classifier.version(), score.microF1(), score.macroF1(), score.ece());
        assertThat(score.evidenceValid).isEqualTo(score.findings);
        assertThat(score.microF1()).isGreaterThanOrEqualTo(0.93);
        assertThat(score.ece()).as("expected calibration error").isLessThanOrEqualTo(0.08);
    }
}
