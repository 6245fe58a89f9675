package io.xborder.learning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.analysis.AnalysisService;
import io.xborder.classify.model.Model;
import io.xborder.classify.model.PassageClassifier;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The packed training data and blind set (read once, kept) and the blind-set score of a version, measured once
 * and stored with it.
 */
@ApplicationScoped
public class Evaluator {

    private final ModelVersions versions;
    private final AnalysisService analysis;
    private final ObjectMapper json;
    private volatile TrainingData data;

    public Evaluator(ModelVersions versions, AnalysisService analysis, ObjectMapper json) {
        this.versions = versions;
        this.analysis = analysis;
        this.json = json;
    }

    public TrainingData data() {
        TrainingData d = data;
        if (d == null) {
            synchronized (this) {
                d = data;
                if (d == null) {
                    d = TrainingData.fromClasspath(Evaluator.class.getClassLoader());
                    data = d;
                }
            }
        }
        return d;
    }

    /** The version's blind-set score: as stored, or measured now and stored. */
    public Evaluation.BlindScore blindOf(ModelVersions.Row row, Model model) {
        if (row.evaluation() != null && !row.evaluation().isNull()) {
            try {
                return json.treeToValue(row.evaluation(), Evaluation.BlindScore.class);
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // an older form: measure again below
            }
        }
        Evaluation.BlindScore score = Evaluation.blind(
                new PassageClassifier(analysis.analyzer().classifier().rules(), model), data());
        versions.evaluation(row.id(), json.valueToTree(score));
        return score;
    }
}
