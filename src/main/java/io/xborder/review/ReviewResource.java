package io.xborder.review;

import io.xborder.finding.FindingSearch;
import io.xborder.http.ProblemException;
import io.xborder.security.Reviewer;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The review workflow: a queue of unreviewed findings (the classifier's least sure first), one verdict for many
 * findings, and the reviewed passages as training data. Single reviews are {@code PATCH /api/v1/findings/{id}};
 * findings the classifier missed are added with {@code POST /api/v1/passages/{id}/findings}.
 */
@Path("/api/v1/reviews")
@Tag(name = "Reviews", description = "Review queue, bulk review and the export of reviewed passages")
public class ReviewResource {

    /** JSON Lines, one object per line. */
    public static final String JSONL = "application/x-ndjson";

    private final ReviewQueue queue;
    private final BulkReviews bulk;
    private final ReviewedExamples examples;

    public ReviewResource(ReviewQueue queue, BulkReviews bulk, ReviewedExamples examples) {
        this.queue = queue;
        this.bulk = bulk;
        this.examples = examples;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("queue")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The review queue",
            description = "Unreviewed findings matching the filters (the parameters of GET /api/v1/findings), by "
                    + "default those the classifier was least sure of first: ordered by how close the confidence is "
                    + "to the decision threshold of the finding's category in the model in use (thresholds in the "
                    + "answer); order=NEWEST lists them as search does. Page with page/size; position counts from 0 "
                    + "over the whole queue. A reviewed finding leaves the queue, so the next one moves up to its "
                    + "position.")
    @APIResponse(responseCode = "200", description = "A page of the queue",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = QueuePage.class)))
    @APIResponse(responseCode = "400", description = "An unknown filter or order value, bad paging, a cursor "
            + "(the queue pages by page number), or a reviewStatus other than UNREVIEWED")
    public QueuePage queue(@Valid @BeanParam FindingSearch search,
            @Parameter(description = "UNCERTAINTY (default) or NEWEST") @QueryParam("order") QueueOrder order) {
        checkQueueFilter(search);
        return queue.page(search.filter(), order == null ? QueueOrder.UNCERTAINTY : order, search.paging().page(),
                search.paging().size());
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm or reject many findings",
            description = "scope SELECTION: the listed findings, each at the version the reviewer saw. scope FILTER: "
                    + "every unreviewed finding matching the query-string filters (as for GET /api/v1/findings), up to "
                    + "limit (at most 1000; remaining says whether more match). Each finding is reviewed on its own, "
                    + "as by PATCH /api/v1/findings/{id}: version-checked, one history step and one audit entry each; "
                    + "a finding someone else changed meanwhile is skipped, not overwritten. The answer lists what "
                    + "was applied and what was skipped, and why.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = BulkReviewRequest.class),
            examples = {
                    @ExampleObject(name = "reject a selection", value = ReviewExamples.BULK_SELECTION),
                    @ExampleObject(name = "reject the filtered queue", value = ReviewExamples.BULK_FILTER) }))
    @APIResponse(responseCode = "200", description = "What was applied and skipped",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BulkReviewResult.class),
                    examples = @ExampleObject(name = "one applied, one skipped", value = ReviewExamples.BULK_RESULT)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a missing status or scope, findings with scope "
            + "FILTER or none with SELECTION, an invalid filter")
    @APIResponse(responseCode = "415", description = "Not application/json")
    public BulkReviewResult bulk(@Valid @BeanParam FindingSearch search, @Valid @NotNull BulkReviewRequest request,
            @Context SecurityContext security) {
        checkQueueFilter(search);
        return bulk.apply(request, search.filter(), Reviewer.of(security.getUserPrincipal()));
    }

    @RolesAllowed(Roles.ANALYST)
    @GET
    @Path("export")
    @Produces(JSONL)
    @Operation(summary = "Export the reviewed passages as training data",
            description = "JSON Lines in the training-data schema (src/training: id, lang, doc, docJurisdiction, text, "
                    + "categories, mechanisms, modality, jurisdictions, dataCategories, origin, note), one line per "
                    + "passage whose findings are all reviewed: its categories are those of its confirmed findings "
                    + "(reviewer findings included) with their attributes; a rejected finding makes the passage "
                    + "negative for its category, and a passage with only rejected findings is a hard negative "
                    + "(note \"HARD-NEG: …\"). Each line also carries provenance: the passage, document and findings "
                    + "with their verdicts and reviewers. Streamed; ready to append to the shipped training set. A "
                    + "partly reviewed passage (a verdict beside a finding still unreviewed) is not exported, though "
                    + "a training learns the reviewed categories from it: the schema has no \"not known\" for a "
                    + "category, and its reader would take the unreviewed one as a negative.")
    @APIResponse(responseCode = "200", description = "One JSON object per line",
            content = @Content(mediaType = JSONL,
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING),
                    examples = @ExampleObject(name = "a reviewer's finding", value = ReviewExamples.EXPORT_LINE)))
    public Response export() {
        StreamingOutput body = examples::writeJsonl;
        return Response.ok(body, JSONL + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"xborder-reviewed-"
                        + LocalDate.now(ZoneOffset.UTC) + ".jsonl\"")
                .build();
    }

    private static void checkQueueFilter(FindingSearch search) {
        if (search.cursor() != null) {
            throw ProblemException.invalid("cursor", "the review queue pages with page and size, not a cursor");
        }
        if (search.filter().reviewStatus() != null
                && search.filter().reviewStatus() != io.xborder.document.ReviewStatus.UNREVIEWED) {
            throw ProblemException.invalid("reviewStatus", "the review queue holds unreviewed findings only");
        }
    }
}
