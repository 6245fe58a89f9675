package io.xborder.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.xborder.ingest.IngestFailure;
import io.xborder.security.Challenges;
import io.xborder.security.ConsoleSessionMechanism;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response. Client mistakes become 4xx
 * with a detail the client can act on; anything else is a bug, logged here and answered with a bare 500
 * (no stack trace, no SQL).
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** RFC 6585; not among JAX-RS's named statuses. */
    private static final Response.StatusType PRECONDITION_REQUIRED = new Response.StatusType() {

        @Override
        public int getStatusCode() {
            return 428;
        }

        @Override
        public Response.Status.Family getFamily() {
            return Response.Status.Family.CLIENT_ERROR;
        }

        @Override
        public String getReasonPhrase() {
            return "Precondition Required";
        }
    };

    // --- Security: 401 when the caller is not (or not validly) authenticated, 403 when the role is too low. The
    // console's pages answer the first with the login page instead.

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri, "Authentication is required: send a bearer token (Authorization: Bearer …) or an "
                + "API key (X-API-Key).");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri, "The credential was not accepted: the API key is unknown or revoked, or the token "
                + "is expired, not yet valid or not signed by the configured identity provider.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        if (uri != null && ConsoleSessionMechanism.isConsolePath(uri.getPath())) {
            return Response.status(403).type("text/html; charset=UTF-8")
                    .entity("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not allowed · xborder"
                            + "</title><link rel=\"stylesheet\" href=\"/console/console.css\"></head><body><main>"
                            + "<h1>403 — not allowed</h1><p>Your role does not allow this. Reviewing and adding documents "
                            + "need the analyst role; ask an admin.</p><p><a href=\"/\">Back to search</a></p></main>"
                            + "</body></html>")
                    .build();
        }
        return problem(Response.Status.FORBIDDEN, "Your role does not allow this operation.", uri, List.of());
    }

    private static Response unauthenticated(UriInfo uri, String detail) {
        if (uri != null && ConsoleSessionMechanism.isConsolePath(uri.getPath())) {
            String next = uri.getRequestUri().getRawPath()
                    + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
            return Response.seeOther(URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
                    .build();
        }
        return Response.fromResponse(problem(Response.Status.UNAUTHORIZED, detail, uri, List.of()))
                .header("WWW-Authenticate", Challenges.HEADER_VALUE).build();
    }

    /** Over a JSON limit (nesting depth, string or number length, token count; see StrictJson). */
    @ServerExceptionMapper
    public Response jsonLimit(StreamConstraintsException e, UriInfo uri) {
        String message = String.valueOf(e.getOriginalMessage());
        boolean length = message.contains("String value length");
        String detail = length
                ? "A JSON string in the body is over the length limit."
                : message.contains("nesting depth")
                        ? "The JSON body is nested deeper than " + StrictJson.MAX_DEPTH + " levels."
                        : "The JSON body is over a size limit (number length or token count).";
        return problem(length ? Response.Status.REQUEST_ENTITY_TOO_LARGE : Response.Status.BAD_REQUEST, detail, uri,
                List.of());
    }

    @ServerExceptionMapper
    public Response invalid(InvalidRequestException e, UriInfo uri) {
        return problem(Response.Status.BAD_REQUEST, e.getMessage(), uri, e.errors());
    }

    @ServerExceptionMapper
    public Response notFound(ResourceNotFoundException e, UriInfo uri) {
        return problem(Response.Status.NOT_FOUND, e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, UriInfo uri) {
        return problem(Response.Status.CONFLICT, e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response tooLarge(PayloadTooLargeException e, UriInfo uri) {
        return problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), uri, List.of());
    }

    /** A file or URL that gave no document: 400/413/415/422/502/503/504 by kind, with a problem type per kind. */
    @ServerExceptionMapper
    public Response ingestFailure(IngestFailure e, UriInfo uri) {
        Problem body = describe(e, uri == null ? null : uri.getPath());
        Response.ResponseBuilder response = Response.status(body.status()).type(Problem.MEDIA_TYPE).entity(body);
        if (e.kind() == IngestFailure.Kind.EXTRACTION_TIMEOUT) {
            response.header("Retry-After", "30");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response preconditionFailed(PreconditionFailedException e, UriInfo uri) {
        return problem(Response.Status.PRECONDITION_FAILED, e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response preconditionRequired(PreconditionRequiredException e, UriInfo uri) {
        return problem(PRECONDITION_REQUIRED, e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(leafName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return problem(Response.Status.BAD_REQUEST, detail, uri, errors);
    }

    // The JSON provider has built-in mappers for these two; naming them here makes ours win.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response unparsableJson(JsonParseException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        if (e.getCause() instanceof StreamConstraintsException limit) {
            return jsonLimit(limit, uri);
        }
        String detail;
        List<Problem.FieldError> errors = List.of();
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message = e instanceof InvalidFormatException f
                    ? "cannot read " + abbreviate(String.valueOf(f.getValue())) + " as "
                            + f.getTargetType().getSimpleName()
                    : "has the wrong type or shape";
            detail = "Invalid JSON value: " + field + " " + message;
            errors = List.of(new Problem.FieldError(field, message));
        } else {
            detail = "Malformed JSON body: " + abbreviate(e.getOriginalMessage());
        }
        return problem(Response.Status.BAD_REQUEST, detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            LOG.error("Request failed", e);
            return problem(status, "The server could not complete the request.", uri, List.of());
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "No resource at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "None of the accepted media types can be produced; ask for application/json.";
            case 415 -> "Unsupported content type; see the API description for the accepted media types.";
            default -> e.getMessage();
        };
        return problem(status, detail, uri, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (DatabaseOutage.isCause(e)) {
            LOG.warnf("Database unavailable on %s: %s", uri == null ? "?" : uri.getPath(), DatabaseOutage.describe(e));
            return Response.fromResponse(problem(Response.Status.SERVICE_UNAVAILABLE,
                    "The database is unavailable; retry shortly.", uri, List.of()))
                    .header("Retry-After", "5").build();
        }
        LOG.error("Unexpected failure on " + (uri == null ? "?" : uri.getPath()), e);
        return problem(Response.Status.INTERNAL_SERVER_ERROR, "The server could not complete the request.", uri,
                List.of());
    }

    /**
     * The problem for a client error raised while ingesting one of several files or URLs (reported per item
     * instead of failing the request); null for any other exception, which is a bug.
     */
    public static Problem describe(Exception e, String instance) {
        if (e instanceof IngestFailure f) {
            Response.Status status = Response.Status.fromStatusCode(f.kind().status());
            String title = status != null
                    ? status.getReasonPhrase()
                    : f.kind().status() == 422 ? "Unprocessable Content" : "Error";
            return new Problem(f.kind().problemType(), title, f.kind().status(), f.getMessage(), instance, List.of());
        }
        if (e instanceof InvalidRequestException i) {
            return new Problem("about:blank", "Bad Request", 400, i.getMessage(), instance, i.errors());
        }
        if (e instanceof PayloadTooLargeException p) {
            return new Problem("about:blank", "Request Entity Too Large", 413, p.getMessage(), instance, List.of());
        }
        if (e instanceof ResourceNotFoundException n) {
            return new Problem("about:blank", "Not Found", 404, n.getMessage(), instance, List.of());
        }
        return null;
    }

    static Response problem(Response.StatusType status, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem body = new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail,
                uri == null ? null : uri.getPath(), errors);
        return Response.status(status.getStatusCode()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    private static String leafName(ConstraintViolation<?> v) {
        String path = v.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return dot >= 0 ? path.substring(dot + 1) : path;
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String oneLine = s.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
