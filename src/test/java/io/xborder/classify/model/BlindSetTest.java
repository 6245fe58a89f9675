package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.analysis.DocumentQuality;
import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Category;
import io.xborder.segment.Segmenter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quality floors on the project's own blind set (src/blind: passages and whole documents written by helpers who
 * saw neither the rules nor the training data; never trained on). Passages that nearly repeat the training data are
 * not scored, as the team's held-out evaluation drops them. Runs in every build: it needs nothing outside the
 * repository.
 */
class BlindSetTest {

    private static final Path BLIND = Path.of("src/blind");
    private static PassageClassifier classifier;
    private static List<LabelledPassage> unseen;
    private static int nearCopies;

    @BeforeAll
    static void load() throws IOException {
        classifier = PassageClassifier.fromClasspath();
        NearCopies copies = new NearCopies(LabelledPassage.read(Path.of("src/training/data/xborder-labelled.jsonl"))
                .stream().map(LabelledPassage::text).toList());
        List<LabelledPassage> all = new ArrayList<>();
        for (Path batch : batches()) {
            all.addAll(LabelledPassage.read(batch.resolve("passages.jsonl")));
        }
        unseen = all.stream().filter(p -> !copies.isNearCopy(p.text())).toList();
        nearCopies = all.size() - unseen.size();
    }

    static List<Path> batches() throws IOException {
        try (Stream<Path> dirs = Files.list(BLIND)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("passages.jsonl"))).sorted().toList();
        }
    }

    @Test
    void blindPassagesScoreAtTheFloors() {
        Scoring.Result r = Scoring.score(classifier, unseen, false);
        System.out.println("blind passages (" + unseen.size() + " scored, " + nearCopies
                + " near copies of training text left out)\n" + r.table());
        assertThat(unseen.size()).isGreaterThanOrEqualTo(350);
        assertThat(r.invalidEvidence()).as("findings with invalid evidence").isEmpty();
        QualityMetrics all = r.metrics().get("all");
        assertThat(all.macroF1()).as("category macro-F1").isGreaterThanOrEqualTo(0.95);
        assertThat(r.metrics().get("en").macroF1()).as("English macro-F1").isGreaterThanOrEqualTo(0.94);
        assertThat(r.metrics().get("zh").macroF1()).as("Chinese macro-F1").isGreaterThanOrEqualTo(0.94);
        // the target, 3 %: batches 11 and 17 measure 2.0 % (batch 17 alone, scored once before: 3.7 %)
        assertThat(all.hardNegativeFpRate()).as("hard negatives given a finding").isLessThanOrEqualTo(0.03);
        assertThat(all.mechanisms().f1()).as("mechanisms F1").isGreaterThanOrEqualTo(0.89);
        assertThat(all.dataCategories().f1()).as("data categories F1").isGreaterThanOrEqualTo(0.87);
        assertThat(all.modalityAccuracy()).as("modality accuracy").isGreaterThanOrEqualTo(0.88);
        assertThat(all.jurisdictions().f1()).as("jurisdictions F1").isGreaterThanOrEqualTo(0.93);
        assertThat(all.ece()).as("expected calibration error").isLessThanOrEqualTo(0.05);
        assertThat(all.categories().get(Category.DATA_LOCALIZATION).tp()).isGreaterThan(60);
    }

    @Test
    void blindDocumentsKeepTheirFindings() throws IOException {
        List<DocumentQuality.Document> documents = new ArrayList<>();
        for (Path batch : batches()) {
            documents.addAll(DocumentQuality.read(batch.resolve("documents")));
        }
        TextAnalyzer analyzer = new TextAnalyzer(Segmenter.withDefaults(), classifier);
        DocumentQuality.Score given = DocumentQuality.score(analyzer, documents, true);
        DocumentQuality.Score found = DocumentQuality.score(analyzer, documents, false);
        System.out.println("blind documents, jurisdiction given: " + given.summary());
        System.out.println("blind documents, jurisdiction found by the service: " + found.summary());
        assertThat(documents).hasSizeGreaterThanOrEqualTo(8);
        // regression floors a little under what batches 11 and 17 measured together (2026-12-08, each scored once
        // against the packaged service before anyone read it: batch 11 85.2 % categories and 51.1 % exact, batch 17 —
        // written as real documents read — 68.9 % and 29.7 %; with the model trained on batch 16 since, 80.2 % and
        // 43.2 % together); the target of 90 % exact is not reached (see src/docs/classification.md)
        assertThat(given.categoryShare()).as("expected findings with the right categories")
                .isGreaterThanOrEqualTo(0.77);
        assertThat(given.exactShare()).as("expected findings exactly right").isGreaterThanOrEqualTo(0.40);
        assertThat(found.exactShare()).as("exactly right without a given jurisdiction").isGreaterThanOrEqualTo(0.40);
        assertThat(given.falseFindings().size()).as("findings on sentences that must have none")
                .isLessThanOrEqualTo(documents.size() * 9 / 4);
    }
}
