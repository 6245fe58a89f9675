package io.xborder.learning;

import io.xborder.http.ResourceLocation;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Versions of the learned model: the shipped one and those trained by admins from the shipped data plus the
 * reviewers' verdicts, their provenance and measurements, and which one every replica classifies with.
 */
@Path("/api/v1/models")
@Tag(name = "Models", description = "Model versions: train from reviews, compare, activate, roll back")
public class ModelResource {

    private final LearningService learning;

    public ModelResource(LearningService learning) {
        this.learning = learning;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List model versions",
            description = "Newest first, with provenance (training counts, weight, rules version, who trained and "
                    + "activated them, when, forced or not), state and measurements.")
    @APIResponse(responseCode = "200", description = "Every model version", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelVersionView[].class)))
    public List<ModelVersionView> list() {
        return learning.list();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("active")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The active model version",
            description = "The version every replica classifies with (each switches within xborder.learning."
                    + "poll-interval of an activation).")
    @APIResponse(responseCode = "200", description = "The active version", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelVersionView.class)))
    public ModelVersionView active() {
        return learning.active();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a model version",
            description = "With its training progress while it trains, and once trained its comparison with the "
                    + "version active then: blind set and reviewed items, per category and attribute.")
    @APIResponse(responseCode = "200", description = "The version", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelVersionView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such version")
    public ModelVersionView get(
            @Parameter(description = "Model version", example = "2") @PathParam("id") @Positive long id) {
        return learning.get(id);
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("training")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Train a candidate model",
            description = "A background job trains a candidate from the shipped training data plus every reviewed "
                    + "passage (counted reviewWeight times), then measures it beside the active model on the blind "
                    + "set and, cross-validated, on the reviewed items. Answers 202 at once with the new version "
                    + "(state TRAINING); follow its progress at the Location. One training at a time.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = TrainingRequest.class)))
    @APIResponse(responseCode = "202", description = "Training started",
            headers = @Header(name = "Location", description = "URL of the new version"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ModelVersionView.class)))
    @APIResponse(responseCode = "400", description = "reviewWeight outside 1-10, or malformed JSON")
    @APIResponse(responseCode = "409", description = "Another training runs")
    public Response train(@Valid TrainingRequest request, @Context UriInfo uri) {
        ModelVersionView v = learning.train(request == null ? 1 : request.weight());
        return Response.accepted(v)
                .location(ResourceLocation.of(uri, "api/v1/models", v.id()))
                .build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("{id}/activation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Activate a model version",
            description = "Every replica classifies with it from now on (this one at once, the others within their "
                    + "poll interval); documents are classified again with it by a RECLASSIFY job (POST /api/v1/jobs),"
                    + " which keeps reviewed findings. Refused with 409 when the version is worse than the active "
                    + "one on the blind set by more than xborder.learning.blind-tolerance on any gated measure, "
                    + "unless force is true with a reason (audited as forced).")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActivationRequest.class)))
    @APIResponse(responseCode = "200", description = "The version, now active", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelVersionView.class)))
    @APIResponse(responseCode = "400", description = "force without a reason, a reason over 500 characters, "
            + "malformed JSON, or an id that is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "409", description = "Worse on the blind set beyond the tolerance (type "
            + "urn:xborder:problem:model-worse-on-blind-set), already active, still training, or failed",
            content = @Content(mediaType = "application/problem+json", examples = @ExampleObject(
                    name = "already active", value = LearningExamples.ALREADY_ACTIVE)))
    public ModelVersionView activate(
            @Parameter(description = "Model version", example = "2") @PathParam("id") @Positive long id,
            @Valid ActivationRequest request) {
        return learning.activate(id, request != null && request.forced(), request == null ? null : request.reason());
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("{id}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Roll back to an earlier model version",
            description = "Makes a version that was active before the active one again (not gated: it was trusted "
                    + "once). Every replica switches as after an activation.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ActivationRequest.class)))
    @APIResponse(responseCode = "200", description = "The version, active again", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelVersionView.class)))
    @APIResponse(responseCode = "400", description = "A reason over 500 characters or malformed JSON")
    @APIResponse(responseCode = "404", description = "No such version")
    @APIResponse(responseCode = "409", description = "The version is active, or was never active")
    public ModelVersionView rollback(
            @Parameter(description = "Model version", example = "1") @PathParam("id") @Positive long id,
            @Valid ActivationRequest request) {
        return learning.rollback(id, request == null ? null : request.reason());
    }
}
