package io.xborder.http;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request the service answers with a client error: the status, problem type and detail of the RFC 9457 body,
 * the invalid fields when there are any, and extra response headers (e.g. {@code Retry-After}). {@link ProblemMapper}
 * answers every one the same way; features throw it through the factories below or subclass it with a problem type
 * of their own.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The type of a problem that needs no explanation beyond its status (RFC 9457). */
    public static final String ABOUT_BLANK = "about:blank";

    /** The type of a body or file in a format or charset the service does not read (415). */
    public static final String UNSUPPORTED_TYPE = typeUri("unsupported-type");

    /** The detail of a 401 for a request without a credential. */
    public static final String AUTHENTICATION_REQUIRED = "Authentication is required: send a bearer token "
            + "(Authorization: Bearer …) or an API key (X-API-Key).";

    private final int status;
    private final String type;
    private final transient List<Problem.FieldError> errors;
    private final transient Map<String, String> headers;

    public ProblemException(int status, String type, String detail, List<Problem.FieldError> errors,
            Map<String, String> headers, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.type = Objects.requireNonNull(type, "type");
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** The URI of one of the service's own problem types, e.g. {@code urn:xborder:problem:unsupported-type}. */
    public static String typeUri(String name) {
        return "urn:xborder:problem:" + name;
    }

    /** 400 for one invalid field or parameter; the detail is "field: message". */
    public static ProblemException invalid(String field, String message) {
        return invalid(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    /** 400 with a detail of its own and the invalid fields. */
    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, ABOUT_BLANK, detail, errors, Map.of(), null);
    }

    /** 401: no credential, or one that was not accepted; the answer names the ways to authenticate. */
    public static ProblemException unauthenticated(String detail) {
        return new ProblemException(401, ABOUT_BLANK, detail, List.of(),
                Map.of("WWW-Authenticate", Challenges.HEADER_VALUE), null);
    }

    /** 403: the caller's role does not allow this operation. */
    public static ProblemException forbidden() {
        return forbidden("Your role does not allow this operation.");
    }

    /** 403 with a detail of its own. */
    public static ProblemException forbidden(String detail) {
        return of(403, detail);
    }

    /** 404: the addressed resource does not exist. */
    public static ProblemException notFound(String what, Object id) {
        return of(404, what + " " + id + " does not exist");
    }

    /** 409: a valid request that conflicts with the stored state (e.g. it would duplicate a resource). */
    public static ProblemException conflict(String detail) {
        return of(409, detail);
    }

    /** 412: a conditional write whose condition (If-Match) no longer holds. */
    public static ProblemException preconditionFailed(String detail) {
        return of(412, detail);
    }

    /** 413: a body or text over the configured limit. */
    public static ProblemException tooLarge(String detail) {
        return of(413, detail);
    }

    /** 415 of the service's own type: a body or file in a format or charset the service does not read. */
    public static ProblemException unsupportedType(String detail) {
        return new ProblemException(415, UNSUPPORTED_TYPE, detail, List.of(), Map.of(), null);
    }

    /** 428: a write that must be conditional came without If-Match. */
    public static ProblemException preconditionRequired(String detail) {
        return of(428, detail);
    }

    /** Any status with a detail and no type of its own, e.g. a 500 or 503 answered by {@link ProblemMapper}. */
    public static ProblemException of(int status, String detail) {
        return new ProblemException(status, ABOUT_BLANK, detail, List.of(), Map.of(), null);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    /** Whether this is a 400 about the request's own fields, not a problem with a type of its own. */
    public boolean isInvalidRequest() {
        return status == 400 && ABOUT_BLANK.equals(type);
    }

    /** The invalid fields or parameters; empty when the problem is not about fields. */
    public List<Problem.FieldError> errors() {
        return errors;
    }

    /** Headers the response carries besides the body, e.g. Retry-After. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The problem body of this exception for the request at {@code instance} (may be null). */
    public Problem toProblem(String instance) {
        return new Problem(type, title(status), status, getMessage(), instance, errors);
    }

    /** The title of a status: its reason phrase (RFC 9110 names for the ones JAX-RS does not know). */
    public static String title(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 428 -> "Precondition Required";
            default -> "Error";
        };
    }
}
