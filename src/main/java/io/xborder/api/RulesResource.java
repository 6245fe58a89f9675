package io.xborder.api;

import io.xborder.analysis.AnalysisService;
import io.xborder.classify.model.PassageClassifier;
import io.xborder.classify.rules.RuleSet;
import io.xborder.finding.RuleReviewCounts;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The active rules and model: what decides every finding, and the version stored on each. */
@Path("/api/v1/rules")
@Tag(name = "Rules", description = "The active classification rules")
public class RulesResource {

    private final AnalysisService analysis;
    private final RuleReviewCounts reviewCounts;

    public RulesResource(AnalysisService analysis, RuleReviewCounts reviewCounts) {
        this.analysis = analysis;
        this.reviewCounts = reviewCounts;
    }

    /** The ruleset as served. */
    @Schema(name = "ActiveRules")
    public record ActiveRules(
            @Schema(description = "The version stored on every finding: the rule files' hash and the model's version.",
                    examples = "2026.12-c250303e+model-b5213b2d") String version,
            @Schema(description = "Content hash of the rule files.",
                    examples = "2026.12-c250303e") String rulesetVersion,
            @Schema(description = "The learned model that decides each category and attribute.") Model model,
            @Schema(description = "Rules per language: lexicon, category rules (patterns with scores, context boosts, "
                    + "suppressions), mechanism, modality and data-category cues, and the lexicon classes the model "
                    + "reads.") RuleSet rules,
            @Schema(description = "Per rule (evidence cue) of reviewed findings: how many were confirmed and how many "
                    + "rejected, most rejected first. Rules that misfire show here.") List<RuleReviewCounts.RuleReviews> reviews) {
    }

    /** The learned model: version and what training measured (examples, cross-validated scores). */
    @Schema(name = "ClassifierModel")
    public record Model(String version, Map<String, Object> training) {

        static Model of(io.xborder.classify.model.Model model) {
            return new Model(model.version(), model.training());
        }
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The active rules",
            description = "The version stored on every finding, the rules per language and category as loaded from the "
                    + "rule data files, and the model's version with its training measurements.")
    @APIResponse(responseCode = "200", description = "The active rules",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ActiveRules.class)))
    public ActiveRules rules() {
        PassageClassifier classifier = analysis.analyzer().classifier();
        return new ActiveRules(classifier.version(), classifier.rules().version(), Model.of(classifier.model()),
                classifier.rules().ruleSet(), reviewCounts.counts());
    }
}
