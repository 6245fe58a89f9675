package io.xborder.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every error response of the API is {@code application/problem+json} ({@link ProblemMapper}), so the OpenAPI
 * document says so once, here: a 4xx or 5xx response an operation documents without a body gets the
 * {@link Problem} schema. Operations declare only the status and when it happens; those that show an example
 * keep their own content.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemDocumentation implements OASFilter {

    /** The lowest status that is an error. */
    private static final int FIRST_ERROR_STATUS = 400;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (Operation op : OpenApiOperations.under(openAPI, "/")) {
            if (op.getResponses() == null || op.getResponses().getAPIResponses() == null) {
                continue;
            }
            op.getResponses().getAPIResponses().forEach((status, response) -> {
                if (isError(status) && (response.getContent() == null || response.getContent().getMediaTypes() == null
                        || response.getContent().getMediaTypes().isEmpty())) {
                    response.setContent(content());
                }
            });
        }
    }

    /** A problem+json response with this description. */
    public static APIResponse response(String description) {
        return OASFactory.createAPIResponse().description(description).content(content());
    }

    private static Content content() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("#/components/schemas/Problem")));
    }

    private static boolean isError(String status) {
        try {
            return Integer.parseInt(status) >= FIRST_ERROR_STATUS;
        } catch (NumberFormatException e) {
            return false; // "default" or a range such as "4XX": documented as written
        }
    }
}
