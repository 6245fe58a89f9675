package io.xborder.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.xborder.analysis.AnalysisService;
import io.xborder.classify.model.LabelledPassage;
import io.xborder.classify.model.LogisticModel;
import io.xborder.classify.model.Model;
import io.xborder.classify.model.ModelTrainer;
import io.xborder.classify.model.PassageClassifier;
import io.xborder.classify.rules.RuleEngine;
import io.xborder.job.JobKind;
import io.xborder.job.JobQueue;
import io.xborder.job.PluggedJobs;
import io.xborder.review.ReviewedExamples;
import io.xborder.security.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The TRAIN_MODEL job: trains a candidate from the shipped training data plus every reviewed example
 * ({@link ReviewedExamples}: the passages with a verdict, each as many times as the version's weight; a partly
 * reviewed one masked for the categories still waiting for a verdict), with the build's settings, then measures it
 * beside the active model on the blind set and on the settled reviewed items (a partly reviewed passage has no full
 * answer to score against), and stores it READY with its provenance. Progress is written to the version as it
 * goes. A version that is no longer TRAINING (a retried item after it was done) is left as it is.
 */
@ApplicationScoped
public class TrainingJob implements PluggedJobs {

    private static final Logger LOG = Logger.getLogger(TrainingJob.class);

    private final ModelVersions versions;
    private final ReviewedExamples reviewed;
    private final Evaluator evaluator;
    private final ActiveModel active;
    private final AnalysisService analysis;
    private final AuditLog audit;
    private final LearningConfig config;
    private final ObjectMapper json;

    public TrainingJob(ModelVersions versions, ReviewedExamples reviewed, Evaluator evaluator,
            ActiveModel active, AnalysisService analysis, AuditLog audit, LearningConfig config, ObjectMapper json) {
        this.versions = versions;
        this.reviewed = reviewed;
        this.evaluator = evaluator;
        this.active = active;
        this.analysis = analysis;
        this.audit = audit;
        this.config = config;
        this.json = json;
    }

    @Override
    public Set<JobKind> kinds() {
        return Set.of(JobKind.TRAIN_MODEL);
    }

    @Override
    public Outcome handle(JobQueue.ClaimedItem item) throws ItemFailedException {
        long id;
        try {
            id = json.readTree(item.metadataJson()).path("versionId").asLong();
        } catch (IOException e) {
            throw new ItemFailedException("INVALID", "unreadable item metadata");
        }
        ModelVersions.Row row = versions.row(id)
                .orElseThrow(() -> new ItemFailedException("NOT_FOUND", "model version " + id + " is gone"));
        if (!"TRAINING".equals(row.state())) {
            return new Outcome(null, false);
        }
        int weight = versions.view(id).map(v -> v.training().reviewWeight()).orElse(1);
        try {
            train(id, weight);
            return new Outcome(null, false);
        } catch (RuntimeException | IOException e) {
            LOG.errorf(e, "Training of model version %d failed", id);
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            QuarkusTransaction.requiringNew().run(() -> {
                if (versions.fail(id, error)) {
                    audit.record(AuditLog.SYSTEM, "model.training-failed", "model_version", id, null,
                            Map.of("error", error));
                }
            });
            throw new ItemFailedException("TRAINING_FAILED", error);
        }
    }

    private void train(long id, int weight) throws IOException {
        versions.progress(id, 2, "reading the shipped training data and the blind set");
        TrainingData data = evaluator.data();
        versions.progress(id, 6, "reading the reviewed examples");
        ReviewedExamples.TrainingSet set = reviewed.trainingSet();
        List<LabelledPassage> all = new ArrayList<>(data.passages());
        for (int k = 0; k < weight; k++) {
            all.addAll(copies(set.passages(), k));
        }
        List<LabelledPassage> settled = set.passages().stream().filter(LabelledPassage::fullyLabelled).toList();
        Set<String> reviewedIds = new HashSet<>();
        settled.forEach(p -> reviewedIds.add(p.id()));

        RuleEngine rules = analysis.analyzer().classifier().rules();
        long t0 = System.nanoTime();
        ModelTrainer.Trained trained = new ModelTrainer(rules, LogisticModel.Settings.defaults(),
                LogisticModel.Settings.attributes()).withProgress((done, total, stage) -> {
                    int base = switch (stage) {
                        case "reading passages" -> 8;
                        case "fitting heads" -> 25;
                        default -> 70;
                    };
                    int span = switch (stage) {
                        case "reading passages" -> 17;
                        case "fitting heads" -> 45;
                        default -> 5;
                    };
                    versions.progress(id, base + (total == 0 ? 0 : span * done / total),
                            stage + " (" + done + " of " + total + ")");
                }).train(all, data.documents());
        LOG.infof("Trained model version %d from %d passages (%d reviewed, weight %d) in %d ms", id, all.size(),
                set.passages().size(), weight, (System.nanoTime() - t0) / 1_000_000);

        versions.progress(id, 76, "measuring the candidate and the active model on the blind set");
        ModelVersions.Row activeRow = versions.active()
                .orElseThrow(() -> new IllegalStateException("no active model version"));
        Model activeModel = active.model(activeRow);
        PassageClassifier candidate = new PassageClassifier(rules, trained.model());
        PassageClassifier current = new PassageClassifier(rules, activeModel);
        Evaluation.BlindScore candidateBlind = Evaluation.blind(candidate, data);
        Evaluation.BlindScore activeBlind = evaluator.blindOf(activeRow, activeModel);

        versions.progress(id, 92, "measuring both on the reviewed items");
        Evaluation.Reviewed onReviewed = new Evaluation.Reviewed(settled.size(),
                Evaluation.reviewed(current, settled), Evaluation.reviewedOutOfFold(trained, reviewedIds));
        Evaluation.Comparison comparison = new Evaluation.Comparison(activeRow.id(), activeBlind, candidateBlind,
                onReviewed, config.blindTolerance(),
                ActivationGate.shortfalls(activeBlind.all(), candidateBlind.all(), config.blindTolerance()));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        trained.model().write(bytes);
        JsonNode report = json.valueToTree(trained.model().training());
        JsonNode evaluation = json.valueToTree(candidateBlind);
        JsonNode compared = json.valueToTree(comparison);
        QuarkusTransaction.requiringNew().run(() -> {
            if (versions.complete(id, trained.model().version(), bytes.toByteArray(), data.passages().size(),
                    set.passages().size(), set.verdicts(), set.reviewerFindings(), set.partlyReviewed(), report,
                    evaluation, compared, activeRow.id())) {
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("state", "READY");
                after.put("modelVersion", trained.model().version());
                after.put("shippedPassages", data.passages().size());
                after.put("reviewedPassages", set.passages().size());
                after.put("reviewedVerdicts", set.verdicts());
                after.put("reviewerFindings", set.reviewerFindings());
                after.put("partlyReviewedPassages", set.partlyReviewed());
                after.put("reviewWeight", weight);
                after.put("comparedWith", activeRow.id());
                after.put("worseOnBlindSet", comparison.shortfalls().stream().map(Object::toString).toList());
                audit.record(AuditLog.SYSTEM, "model.trained", "model_version", id, Map.of("state", "TRAINING"),
                        after);
            }
        });
    }

    /**
     * The {@code k}-th copy of the reviewed passages: the same id and document, so every copy falls in one fold, and
     * a distinct object, as the trainer keeps its out-of-fold answers by identity.
     */
    private static List<LabelledPassage> copies(List<LabelledPassage> passages, int k) {
        if (k == 0) {
            return passages;
        }
        List<LabelledPassage> out = new ArrayList<>(passages.size());
        for (LabelledPassage p : passages) {
            out.add(new LabelledPassage(p.id(), p.language(), p.doc(), p.documentJurisdiction(), p.text(),
                    p.categories(), p.mechanisms(), p.modality(), p.jurisdictions(), p.dataCategories(), p.origin(),
                    p.note(), p.unknownCategories()));
        }
        return out;
    }
}
