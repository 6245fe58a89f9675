package io.xborder.learning;

import io.xborder.analysis.DocumentQuality;
import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.model.LabelledPassage;
import io.xborder.classify.model.ModelTrainer;
import io.xborder.classify.model.PassageClassifier;
import io.xborder.classify.model.Prediction;
import io.xborder.classify.model.QualityMetrics;
import io.xborder.segment.Segmenter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures a model: on the blind set (each passage alone, as {@code BlindSetTest} scores it, and the whole blind
 * documents as the service analyses a stored text), and on the reviewed items. Plain Java.
 */
public final class Evaluation {

    private Evaluation() {
    }

    /** A model's scores on the blind set: passages (all, en, zh) and whole documents. */
    public record BlindScore(Map<String, Measures> passages, DocumentsScore documents) {

        Measures all() {
            return passages.get("all");
        }
    }

    /** On the blind documents: expected findings exactly right, with the right categories, and false findings. */
    public record DocumentsScore(int documents, int expected, Double exactShare, Double categoryShare,
            int falseFindings) {
    }

    /**
     * The candidate beside the active model on the reviewed items (the candidate's answers out of fold): the settled
     * passages, every finding on them reviewed; a partly reviewed passage teaches but has no full answer to score.
     */
    public record Reviewed(int items, Map<String, Measures> active, Map<String, Measures> candidate) {
    }

    /** The comparison stored with a candidate and shown before it is activated. */
    public record Comparison(long activeVersion, BlindScore active, BlindScore candidate, Reviewed reviewed,
            double tolerance, List<ActivationGate.Shortfall> shortfalls) {
    }

    public static BlindScore blind(PassageClassifier classifier, TrainingData data) {
        List<QualityMetrics.Scored> scored = new ArrayList<>();
        for (LabelledPassage p : data.blindPassages()) {
            scored.add(new QualityMetrics.Scored(p, Prediction.of(classifier.classify(p.text(), 0, p.text().length(),
                    p.language(), p.documentJurisdiction()))));
        }
        DocumentsScore documents = null;
        if (!data.blindDocuments().isEmpty()) {
            DocumentQuality.Score s = DocumentQuality.score(new TextAnalyzer(Segmenter.withDefaults(), classifier),
                    data.blindDocuments(), true);
            documents = new DocumentsScore(s.documents(), s.outcomes().size(), Measures.round(s.exactShare()),
                    Measures.round(s.categoryShare()), s.falseFindings().size());
        }
        return new BlindScore(measures(scored), documents);
    }

    /** The active model on the reviewed items, each passage alone (it never saw them). */
    public static Map<String, Measures> reviewed(PassageClassifier classifier, List<LabelledPassage> items) {
        List<QualityMetrics.Scored> scored = new ArrayList<>();
        for (LabelledPassage p : items) {
            scored.add(new QualityMetrics.Scored(p, Prediction.of(classifier.classify(p.text(), 0, p.text().length(),
                    p.language(), p.documentJurisdiction()))));
        }
        return measures(scored);
    }

    /**
     * The candidate on the reviewed items, cross-validated: the trainer's out-of-fold answers (folds by document, so
     * an item is answered by heads trained without its document), each item once however often it was repeated.
     */
    public static Map<String, Measures> reviewedOutOfFold(ModelTrainer.Trained trained, Set<String> reviewedIds) {
        Set<String> seen = new HashSet<>();
        List<QualityMetrics.Scored> scored = new ArrayList<>();
        for (QualityMetrics.Scored s : trained.outOfFold()) {
            if (reviewedIds.contains(s.gold().id()) && seen.add(s.gold().id())) {
                scored.add(s);
            }
        }
        return measures(scored);
    }

    private static Map<String, Measures> measures(List<QualityMetrics.Scored> scored) {
        Map<String, Measures> out = new LinkedHashMap<>();
        if (scored.isEmpty()) {
            return out;
        }
        QualityMetrics.byLanguage(scored).forEach((k, m) -> out.put(k, Measures.of(m)));
        return out;
    }
}
