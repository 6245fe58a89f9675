package io.xborder.learning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.xborder.analysis.AnalysisService;
import io.xborder.http.ProblemException;
import io.xborder.job.JobKind;
import io.xborder.job.JobQueue;
import io.xborder.job.JobService;
import io.xborder.security.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Training, activation and rollback of model versions, each audited in the transaction of its change. Activation is
 * refused when the candidate is worse than the active model on the blind set beyond the tolerance
 * ({@link ActivationGate}), unless an admin forces it with a reason; a rollback returns to a version that was active
 * before and is not gated. After a switch this replica loads the version at once; the others within their poll.
 */
@ApplicationScoped
public class LearningService {

    /** The problem type of an activation refused because the candidate is worse on the blind set. */
    public static final String WORSE = ProblemException.typeUri("model-worse-on-blind-set");
    /** The problem type of a training asked for while another one runs. */
    public static final String TRAINING_RUNS = ProblemException.typeUri("model-training-running");

    private final ModelVersions versions;
    private final JobService jobs;
    private final ActiveModel active;
    private final Evaluator evaluator;
    private final AnalysisService analysis;
    private final AuditLog audit;
    private final LearningConfig config;
    private final ObjectMapper json;

    public LearningService(ModelVersions versions, JobService jobs, ActiveModel active, Evaluator evaluator,
            AnalysisService analysis, AuditLog audit, LearningConfig config, ObjectMapper json) {
        this.versions = versions;
        this.jobs = jobs;
        this.active = active;
        this.evaluator = evaluator;
        this.analysis = analysis;
        this.audit = audit;
        this.config = config;
        this.json = json;
    }

    public List<ModelVersionView> list() {
        active.awaitStart();
        return versions.list();
    }

    public ModelVersionView get(long id) {
        active.awaitStart();
        return versions.view(id).orElseThrow(() -> ProblemException.notFound("model version", id));
    }

    public ModelVersionView active() {
        active.awaitStart();
        return versions.active().flatMap(r -> versions.view(r.id()))
                .orElseThrow(() -> ProblemException.notFound("active model version", "none"));
    }

    /** The version this replica classifies with now. */
    public long loadedHere() {
        active.awaitStart();
        return active.current();
    }

    public double tolerance() {
        return config.blindTolerance();
    }

    /** Starts a training job; 409 while another training runs. */
    public ModelVersionView train(int weight) {
        String actor = audit.actor();
        String rules = analysis.analyzer().classifier().rules().version();
        long id = QuarkusTransaction.requiringNew().call(() -> {
            for (long abandoned : versions.failAbandoned()) {
                audit.record(AuditLog.SYSTEM, "model.training-failed", "model_version", abandoned, null,
                        Map.of("error", "its training job ended without a model"));
            }
            if (versions.list().stream().anyMatch(v -> "TRAINING".equals(v.state()))) {
                throw training();
            }
            long created = versions.insertTraining(rules, weight, actor);
            audit.record(actor, "model.training-requested", "model_version", created, null,
                    Map.of("reviewWeight", weight, "rulesVersion", rules));
            return created;
        });
        long job = jobs.createPlugged(JobKind.TRAIN_MODEL,
                new JobQueue.NewItem("model version " + id, null, "{\"versionId\":" + id + "}", null));
        versions.setJob(id, job);
        return get(id);
    }

    private static ProblemException training() {
        return new ProblemException(409, TRAINING_RUNS, "a model is being trained; wait until its training ends "
                + "(GET /api/v1/models)", List.of(), Map.of(), null);
    }

    /**
     * Makes a READY or RETIRED version active. Refused (409) when it is worse than the active one on the blind set
     * beyond the tolerance, unless {@code force} (then {@code reason} is required).
     */
    public ModelVersionView activate(long id, boolean force, String reason) {
        active.awaitStart();
        if (force && (reason == null || reason.isBlank())) {
            throw ProblemException.invalid("reason", "is required when force is true: say why the version is "
                    + "activated although it is worse on the blind set");
        }
        ModelVersions.Row target = versions.row(id).orElseThrow(() -> ProblemException.notFound("model version", id));
        checkActivatable(target);
        ModelVersions.Row current = versions.active()
                .orElseThrow(() -> new IllegalStateException("no active model version"));
        // measured outside the transaction: a version without a stored score (the shipped one) is measured once
        Evaluation.BlindScore candidateScore = evaluator.blindOf(target, active.model(target));
        Evaluation.BlindScore activeScore = evaluator.blindOf(current, active.model(current));
        List<ActivationGate.Shortfall> worse = ActivationGate.shortfalls(activeScore.all(), candidateScore.all(),
                config.blindTolerance());
        if (!worse.isEmpty() && !force) {
            throw new ModelWorseException(id, current.id(), config.blindTolerance(), worse);
        }
        boolean forced = !worse.isEmpty();
        String actor = audit.actor();
        QuarkusTransaction.requiringNew().run(() -> {
            ModelVersions.Row locked = versions.lock(id).orElseThrow(() -> ProblemException.notFound("model version",
                    id));
            checkActivatable(locked);
            Long from = versions.active().map(ModelVersions.Row::id).orElse(null);
            versions.switchActive(from, id, "ACTIVATE", actor, forced, forced ? reason.strip() : null);
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("activeVersion", from);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("activeVersion", id);
            after.put("modelVersion", locked.modelVersion());
            after.put("forced", forced);
            after.put("reason", forced ? reason.strip() : null);
            after.put("worseOnBlindSet", worse.stream().map(Object::toString).toList());
            after.put("tolerance", config.blindTolerance());
            audit.record(actor, forced ? "model.activated-forced" : "model.activated", "model_version", id, before,
                    after);
        });
        active.refresh();
        return get(id);
    }

    /** Returns to a version that was active before (no gate: it was trusted once). */
    public ModelVersionView rollback(long id, String reason) {
        active.awaitStart();
        String actor = audit.actor();
        QuarkusTransaction.requiringNew().run(() -> {
            ModelVersions.Row target = versions.lock(id)
                    .orElseThrow(() -> ProblemException.notFound("model version", id));
            if ("ACTIVE".equals(target.state())) {
                throw ProblemException.conflict("model version " + id + " is the active version already");
            }
            if (!target.everActive() || !"RETIRED".equals(target.state())) {
                throw ProblemException.conflict("model version " + id + " was never active: a rollback returns to "
                        + "a version that was active before; activate a new version with POST "
                        + "/api/v1/models/" + id + "/activation");
            }
            Long from = versions.active().map(ModelVersions.Row::id).orElse(null);
            versions.switchActive(from, id, "ROLLBACK", actor, false, null);
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("activeVersion", from);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("activeVersion", id);
            after.put("modelVersion", target.modelVersion());
            after.put("reason", reason == null || reason.isBlank() ? null : reason.strip());
            audit.record(actor, "model.rolled-back", "model_version", id, before, after);
        });
        active.refresh();
        return get(id);
    }

    private static void checkActivatable(ModelVersions.Row target) {
        switch (target.state()) {
            case "ACTIVE" -> throw ProblemException.conflict("model version " + target.id()
                    + " is the active version already");
            case "TRAINING" -> throw ProblemException.conflict("model version " + target.id()
                    + " is still being trained");
            case "FAILED" -> throw ProblemException.conflict("model version " + target.id()
                    + " failed to train and has no model");
            default -> {
                // READY or RETIRED
            }
        }
    }
}
