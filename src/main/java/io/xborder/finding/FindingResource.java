package io.xborder.finding;

import io.xborder.api.InvalidRequestException;
import io.xborder.api.Paging;
import io.xborder.api.Problem;
import io.xborder.api.WireValues;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Searches the stored findings: the compliance team's main query. */
@Path("/api/v1/findings")
@Tag(name = "Findings", description = "Search stored findings")
public class FindingResource {

    private final FindingQuery query;

    public FindingResource(FindingQuery query) {
        this.query = query;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search findings",
            description = "Findings matching all given filters, newest first (by the document's publication date, "
                    + "or its ingestion date when unknown). Each finding carries its passage text and document "
                    + "title. Page with page/size, or follow nextCursor for deep pages.")
    @APIResponse(responseCode = "200", description = "A page of findings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FindingPage.class)))
    @APIResponse(responseCode = "400", description = "An unknown filter value or bad paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FindingPage search(
            @Parameter(description = "DATA_LOCALIZATION or CROSS_BORDER_TRANSFER") @QueryParam("category") String category,
            @Parameter(description = "ISO 3166-1 alpha-2 code or EU", example = "CN") @QueryParam("jurisdiction") String jurisdiction,
            @Parameter(description = "A mechanism, e.g. SECURITY_ASSESSMENT") @QueryParam("mechanism") String mechanism,
            @Parameter(description = "REQUIREMENT, PROHIBITION, PERMISSION or REPORT") @QueryParam("modality") String modality,
            @Parameter(description = "A data category, e.g. PERSONAL_INFORMATION") @QueryParam("dataCategory") String dataCategory,
            @Parameter(description = "Passage language: en or zh") @QueryParam("language") String language,
            @Parameter(description = "Lowest confidence, 0 to 1", example = "0.5") @QueryParam("minConfidence") String minConfidence,
            @Parameter(description = "Only findings of this document") @QueryParam("documentId") String documentId,
            @Parameter(description = "Words that the passage contains (case-insensitive substring; English or Chinese)",
                    example = "境外") @QueryParam("q") String q,
            @Parameter(description = "Published on or after (ISO date)", example = "2024-01-01") @QueryParam("from") String from,
            @Parameter(description = "Published on or before (ISO date)", example = "2024-12-31") @QueryParam("to") String to,
            @Parameter(description = "UNREVIEWED, CONFIRMED or REJECTED") @QueryParam("reviewStatus") String reviewStatus,
            @Parameter(description = "Zero-based page number", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("size") String size,
            @Parameter(description = "nextCursor of the previous page; takes precedence over page") @QueryParam("cursor") String cursor) {
        LocalDate fromDate = WireValues.date("from", from);
        LocalDate toDate = WireValues.date("to", to);
        if (fromDate != null && toDate != null && fromDate.isAfter(toDate)) {
            throw new InvalidRequestException("from", "must not be after to");
        }
        String text = q == null || q.isBlank() ? null : q.trim();
        if (text != null && text.length() > 200) {
            throw new InvalidRequestException("q", "must be at most 200 characters");
        }
        FindingFilter filter = new FindingFilter(
                WireValues.enumValue("category", category, Category.class),
                WireValues.jurisdiction("jurisdiction", jurisdiction),
                WireValues.enumValue("mechanism", mechanism, Mechanism.class),
                WireValues.enumValue("modality", modality, Modality.class),
                WireValues.enumValue("dataCategory", dataCategory, DataCategory.class),
                WireValues.language("language", language),
                WireValues.number("minConfidence", minConfidence, 0.0, 1.0),
                documentId == null || documentId.isBlank() ? null : WireValues.id("documentId", documentId),
                text, fromDate, toDate,
                WireValues.enumValue("reviewStatus", reviewStatus, ReviewStatus.class));
        Paging paging = Paging.of(page, size);
        FindingCursor position = null;
        if (cursor != null && !cursor.isBlank()) {
            position = FindingCursor.decode(cursor.trim())
                    .orElseThrow(() -> new InvalidRequestException("cursor", "is not a cursor issued by this service"));
        }
        return query.find(filter, paging.page(), paging.size(), position);
    }
}
