package io.xborder.api;

import io.xborder.analysis.AnalysisService;
import io.xborder.http.Examples;
import io.xborder.http.LimitsConfig;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.http.WireValues;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Stateless classification: splits a text into passages and returns each passage's findings. Nothing is stored.
 * The contract is fixed (see the project's api.md); clients such as the evaluation harness depend on it.
 */
@Path("/api/v1/classify")
@Tag(name = "Classification", description = "Classify text without storing it")
public class ClassifyResource {

    private final AnalysisService analysis;
    private final int maxTextChars;

    public ClassifyResource(AnalysisService analysis, LimitsConfig limits) {
        this.analysis = analysis;
        this.maxTextChars = limits.maxTextChars();
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Classify a text",
            description = "Splits the text into passages (sentences, or legal articles with their items), drops "
                    + "boilerplate, and returns every passage in order with at most one finding per category "
                    + "(DATA_LOCALIZATION, CROSS_BORDER_TRANSFER). Offsets are UTF-16 code units into the request "
                    + "text, end exclusive. With explain=true each finding also carries the rules, words and scores "
                    + "behind it.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ClassifyRequest.class),
            examples = { @ExampleObject(name = "English news", value = Examples.CLASSIFY_REQUEST),
                    @ExampleObject(name = "Chinese law", value = Examples.CLASSIFY_REQUEST_ZH) }))
    @APIResponse(responseCode = "200", description = "The passages and their findings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ClassifyResponse.class),
                    examples = @ExampleObject(name = "finding", value = Examples.CLASSIFY_RESPONSE)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, blank text, unknown language or jurisdiction",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad language", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "413", description = "Body or text over the configured limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too large", value = Examples.PROBLEM_413)))
    @APIResponse(responseCode = "415", description = "Body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong type", value = Examples.PROBLEM_415)))
    public ClassifyResponse classify(@Valid ClassifyRequest request,
            @Parameter(
                    description = "Add the explanation (rules, words, scores) to every finding.") @QueryParam("explain") boolean withExplanation) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with a text field is required");
        }
        String text = WireValues.text("text", request.text(), maxTextChars);
        String jurisdiction = request.jurisdiction() == null ? null : request.jurisdiction().code();
        return ClassifyResponse.of(analysis.analyze(text, request.language(), jurisdiction, withExplanation),
                withExplanation);
    }
}
