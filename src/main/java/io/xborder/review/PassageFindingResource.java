package io.xborder.review;

import io.xborder.finding.FindingView;
import io.xborder.http.ResourceLocation;
import io.xborder.security.Reviewer;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Findings the classifier missed, added by a reviewer to the passage that states them. */
@Path("/api/v1/passages")
@Tag(name = "Reviews", description = "Review queue, bulk review and the export of reviewed passages")
public class PassageFindingResource {

    private final MissedFindings missed;

    public PassageFindingResource(MissedFindings missed) {
        this.missed = missed;
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("{id}/findings")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a finding the classifier missed",
            description = "Stores the finding on the passage as the reviewer states it: origin REVIEWER, CONFIRMED, "
                    + "confidence 1, the evidence spans given as offsets into the passage's text (checked against "
                    + "it). Search, filters, counts, feeds and exports list it like any finding, and reclassification "
                    + "keeps it. One history step and one audit entry. A passage has at most one finding per "
                    + "category: when the classifier's is there (even rejected), review that one instead (409).")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = MissedFindingRequest.class),
            examples = @ExampleObject(name = "missed requirement", value = ReviewExamples.MISSED_FINDING)))
    @APIResponse(responseCode = "201", description = "The reviewer's finding",
            headers = @Header(name = "Location", description = "URL of the finding"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FindingView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, an unknown taxonomy value, no evidence, or a "
            + "span outside the passage, blank, or not matching its text")
    @APIResponse(responseCode = "404", description = "No such passage")
    @APIResponse(responseCode = "409", description = "The passage already has a finding of this category",
            content = @Content(mediaType = "application/problem+json",
                    examples = @ExampleObject(name = "already found", value = ReviewExamples.MISSED_CONFLICT)))
    @APIResponse(responseCode = "415", description = "Not application/json")
    public Response add(@Parameter(description = "Passage id", example = "2051") @PathParam("id") @Positive long id,
            @Valid @NotNull MissedFindingRequest request, @Context SecurityContext security, @Context UriInfo uri) {
        FindingView added = missed.add(id, request, Reviewer.of(security.getUserPrincipal()));
        return Response.created(ResourceLocation.of(uri, "api/v1/findings", added.id()))
                .tag(new EntityTag("v" + added.version())).entity(added).build();
    }
}
