package io.xborder.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem detail, returned with every 4xx/5xx response.")
public record Problem(
        @Schema(description = "A URI reference identifying the problem type.", examples = "about:blank") String type,
        @Schema(description = "A short summary of the problem type.", examples = "Bad Request") String title,
        @Schema(description = "The HTTP status code.", examples = "400") int status,
        @Schema(description = "What went wrong with this request, in words a client developer can act on.",
                examples = "text must not be blank") String detail,
        @Schema(description = "The request path.", examples = "/api/v1/classify") String instance,
        @Schema(description = "Invalid fields or parameters, when the request had any.") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field or parameter. */
    public record FieldError(
            @Schema(description = "The field or parameter.", examples = "language") String field,
            @Schema(description = "Why it is invalid.", examples = "must be one of en, zh") String message) {
    }
}
