package io.xborder.finding;

import com.fasterxml.jackson.databind.JsonNode;
import io.xborder.http.Examples;
import io.xborder.http.ProblemException;
import io.xborder.security.Reviewer;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Searches the stored findings (the compliance team's main query) and records reviews of them. */
@Path("/api/v1/findings")
@Tag(name = "Findings", description = "Search and review stored findings")
public class FindingResource {

    /** RFC 7396 JSON merge patch. */
    public static final String MERGE_PATCH = "application/merge-patch+json";

    private final FindingQuery query;
    private final FindingReviews reviews;

    public FindingResource(FindingQuery query, FindingReviews reviews) {
        this.query = query;
        this.reviews = reviews;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a finding",
            description = "The finding with its passage, document and review. The ETag header names its version; send "
                    + "it back as If-Match when reviewing.")
    @APIResponse(responseCode = "200", description = "The finding",
            headers = @Header(name = "ETag", description = "Version of the finding, e.g. \"v0\""),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FindingView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such finding")
    public Response get(@Parameter(description = "Finding id", example = "1051") @PathParam("id") @Positive long id) {
        FindingView finding = reviews.get(id).orElseThrow(() -> ProblemException.notFound("finding", id));
        return Response.ok(finding).tag(new EntityTag("v" + finding.version())).build();
    }

    @RolesAllowed(Roles.ANALYST)
    @PATCH
    @Path("{id}")
    @Consumes({ MERGE_PATCH, MediaType.APPLICATION_JSON })
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Review a finding",
            description = "Confirms or rejects the finding, optionally correcting its attributes, with a comment. "
                    + "Attributes left out stay as they are (merge patch); the classifier's original values are kept in "
                    + "classifierOriginal. Requires If-Match with the ETag from GET: a review made on a version that "
                    + "has changed since is refused with 412, so two reviewers cannot overwrite each other. Reviewed "
                    + "findings keep their verdict when the document is reclassified.")
    @RequestBody(required = true, content = {
            @Content(mediaType = MERGE_PATCH, schema = @Schema(implementation = ReviewRequest.class),
                    examples = @ExampleObject(name = "correct and confirm", value = Examples.REVIEW_REQUEST)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReviewRequest.class)) })
    @APIResponse(responseCode = "200", description = "The reviewed finding",
            headers = @Header(name = "ETag", description = "The finding's new version"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FindingView.class)))
    @APIResponse(responseCode = "400", description = "An invalid or unknown field, or a bad id")
    @APIResponse(responseCode = "404", description = "No such finding")
    @APIResponse(responseCode = "409", description = "The corrected category is already another finding of the passage")
    @APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @APIResponse(responseCode = "428", description = "No If-Match header")
    public Response review(@Parameter(description = "Finding id", example = "1051") @PathParam("id") @Positive long id,
            @Parameter(description = "The ETag from GET /api/v1/findings/{id}",
                    example = "\"v0\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            JsonNode body, @Context SecurityContext security) {
        if (reviews.get(id).isEmpty()) {
            throw ProblemException.notFound("finding", id);
        }
        List<Integer> versions = expectedVersions(ifMatch);
        FindingReview review = FindingReview.parse(body);
        FindingView reviewed = reviews.review(id, versions, review,
                Reviewer.of(security == null ? null : security.getUserPrincipal()));
        return Response.ok(reviewed).tag(new EntityTag("v" + reviewed.version())).build();
    }

    /** The versions an If-Match header names; 428 when it is missing or names none of ours. */
    static List<Integer> expectedVersions(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw ProblemException
                    .preconditionRequired("a review must carry If-Match with the ETag of the finding as read "
                            + "(GET /api/v1/findings/{id})");
        }
        List<Integer> versions = new ArrayList<>();
        for (String tag : ifMatch.split(",")) {
            if (tag.strip().equals("*")) {
                throw ProblemException
                        .preconditionRequired("If-Match: * would overwrite any version; send the ETag read");
            }
            FindingReviews.version(tag).ifPresent(versions::add);
        }
        if (versions.isEmpty()) {
            // a well-formed tag this service never issued cannot match the current version
            throw ProblemException.preconditionFailed("If-Match names no current version of this finding");
        }
        return versions;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}/reviews")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A finding's review history",
            description = "Every review of the finding, oldest first: the verdict, the attributes as that review left "
                    + "them, the reviewer (principal and the name shown: the API key's name or the token's name "
                    + "claim), the time and the comment given with it. Steps are never changed or merged; the "
                    + "finding itself holds the current verdict. Empty while the finding is unreviewed.")
    @APIResponse(responseCode = "200", description = "The steps, oldest first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ReviewStep.class),
                    examples = @ExampleObject(name = "two reviews", value = Examples.REVIEW_HISTORY)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such finding")
    public List<ReviewStep> history(
            @Parameter(description = "Finding id", example = "1051") @PathParam("id") @Positive long id) {
        if (reviews.get(id).isEmpty()) {
            throw ProblemException.notFound("finding", id);
        }
        return reviews.history(id);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search findings",
            description = "Findings matching all given filters, newest first (by the document's publication date, "
                    + "or its ingestion date when unknown). Each finding carries its passage text and document "
                    + "title. Page with page/size, or follow nextCursor for deep pages.")
    @APIResponse(responseCode = "200", description = "A page of findings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FindingPage.class)))
    @APIResponse(responseCode = "400", description = "An unknown filter value or bad paging")
    public FindingPage search(@Valid @BeanParam FindingSearch search) {
        return query.find(search.filter(), search.paging().page(), search.paging().size(), search.cursor());
    }
}
