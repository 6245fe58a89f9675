package io.xborder.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A model version with its provenance, as the API shows it (never its binary). */
@Schema(name = "ModelVersion")
public record ModelVersionView(
        @Schema(description = "The version's number; the shipped model is 1.", examples = "2") long id,
        @Schema(description = "SHIPPED (trained by the build) or TRAINED (by an admin, with the reviews).",
                enumeration = {
                        "SHIPPED", "TRAINED" }) String kind,
        @Schema(description = "TRAINING (its job runs), FAILED, READY (can be activated), ACTIVE, RETIRED (was "
                + "active; a rollback target).",
                enumeration = { "TRAINING", "FAILED", "READY", "ACTIVE", "RETIRED" }) String state,
        @Schema(description = "The model's own version, stored on every finding it makes.",
                examples = "model-3f1c9a02") String modelVersion,
        @Schema(description = "The rules it was trained with.", examples = "2026.12-c250303e") String rulesVersion,
        @Schema(description = "Size of the stored model in bytes.", examples = "726112") Integer sizeBytes,
        @Schema(description = "What it was trained from, by whom, and how far its training is.") Training training,
        @Schema(description = "Who made it the active version and when (the latest time).") Activation activation,
        @Schema(description = "Its own scores on the blind set: passages (all, en, zh) and whole documents.") JsonNode evaluation,
        @Schema(description = "Beside the version active when it was trained: the blind set, and the reviewed items "
                + "(the candidate cross-validated), per category and attribute, with the measures on which it is "
                + "worse beyond the tolerance.") JsonNode comparison){

    /** Provenance: the data, who trained it, and the training job's progress. */
    @Schema(name = "ModelTraining")
    public record Training(
            @Schema(description = "Shipped training passages.", examples = "12026") int shippedPassages,
            @Schema(description = "Reviewed passages added (each as many times as the weight): every passage "
                    + "with a verdict, partly reviewed ones included.",
                    examples = "52") int reviewedPassages,
            @Schema(description = "Classifier findings reviewers confirmed, corrected or rejected.",
                    examples = "60") int reviewedVerdicts,
            @Schema(description = "Findings reviewers added where the classifier found nothing.",
                    examples = "0") int reviewerFindings,
            @Schema(description = "Of the reviewed passages, those where another finding was not reviewed yet: "
                    + "they taught only the categories with a verdict (the unreviewed finding's category and the "
                    + "attributes skipped them) and are not among the reviewed items measured. Versions trained "
                    + "before masking (2026-12) left these passages out and did not count them in reviewedPassages.",
                    examples = "4") int partlyReviewedPassages,
            @Schema(description = "How many times each reviewed passage counts.", examples = "3") int reviewWeight,
            @Schema(description = "Who asked for the training.", examples = "adam") String trainedBy,
            @Schema(description = "When it was asked for.") Instant createdAt,
            @Schema(description = "When the training ended.") Instant trainedAt,
            @Schema(description = "The training job (GET /api/v1/jobs/{id}).", examples = "17") Long jobId,
            @Schema(description = "Progress of the training, 0-100.", examples = "45") int progress,
            @Schema(description = "What the training does now.", examples = "fitting heads (12 of 34)") String stage,
            @Schema(description = "Why the training failed.") String error,
            @Schema(description = "The cross-validated report of the trainer.") JsonNode report) {
    }

    /** The latest activation. */
    @Schema(name = "ModelActivation")
    public record Activation(
            @Schema(examples = "adam") String activatedBy,
            Instant activatedAt,
            @Schema(description = "Whether an admin activated it although it is worse on the blind set.") boolean forced,
            @Schema(description = "The admin's reason for forcing it.") String forceReason) {
    }
}
