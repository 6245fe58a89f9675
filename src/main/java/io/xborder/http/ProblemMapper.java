package io.xborder.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.DateTimeException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response. Client mistakes become 4xx
 * with a detail the client can act on; anything else is a bug, logged here and answered with a bare 500
 * (no stack trace, no SQL). Every answer is a {@link ProblemException} written by {@link #respond} (REST) or
 * {@link #send} (a Vert.x route that refuses a request before it reaches REST), so both bodies are the same.
 */
public class ProblemMapper {

    /** The message of the multipart reader's part limit (RESTEasy Reactive's FormData). */
    private static final Pattern PART_LIMIT = Pattern.compile("Param limit of (\\d+) was exceeded");

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    private final Instance<RefusalPages> refusalPages;
    private final ObjectMapper json;

    public ProblemMapper(Instance<RefusalPages> refusalPages, ObjectMapper json) {
        this.refusalPages = refusalPages;
        this.json = json;
    }

    // --- Security: 401 when the caller is not (or not validly) authenticated, 403 when the role is too low. A
    // RefusalPages bean may answer a request it claims in a form of its own (the console's pages).

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri, ProblemException.AUTHENTICATION_REQUIRED);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri, "The credential was not accepted: the API key is unknown or revoked, or the token "
                + "is expired, not yet valid or not signed by the configured identity provider.");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return claimed(uri, p -> p.forbidden(uri)).orElseGet(() -> respond(ProblemException.forbidden(), uri));
    }

    private Response unauthenticated(UriInfo uri, String detail) {
        return claimed(uri, p -> p.unauthenticated(uri))
                .orElseGet(() -> respond(ProblemException.unauthenticated(detail), uri));
    }

    /** The answer of the first refusal page that claims this request, if one does. */
    private Optional<Response> claimed(UriInfo uri, Function<RefusalPages, Optional<Response>> answer) {
        if (uri == null) {
            return Optional.empty();
        }
        for (RefusalPages pages : refusalPages) {
            Optional<Response> response = answer.apply(pages);
            if (response.isPresent()) {
                return response;
            }
        }
        return Optional.empty();
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

    /** Every client error a feature raises: its status, type, detail, fields and headers. */
    @ServerExceptionMapper
    public Response clientError(ProblemException e, UriInfo uri) {
        return respond(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(leafName(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
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
            String message;
            if (e instanceof WireJson.InvalidValue v) {
                message = v.getOriginalMessage();
            } else if (e instanceof InvalidFormatException f && f.getTargetType() != null
                    && f.getTargetType().isEnum()) {
                message = "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants()) + ", not '"
                        + WireValues.clip(String.valueOf(f.getValue())) + "'";
            } else if (e instanceof InvalidFormatException f) {
                message = "cannot read " + abbreviate(String.valueOf(f.getValue())) + " as "
                        + f.getTargetType().getSimpleName();
            } else {
                message = "has the wrong type or shape";
            }
            detail = message.startsWith("must be ")
                    ? field + ": " + message
                    : "Invalid JSON value: " + field + " " + message;
            errors = List.of(new Problem.FieldError(field, message));
        } else if (e instanceof MismatchedInputException m) {
            // at the root: an array, a string, null or nothing where an object belongs; Jackson's message names the
            // Java class it meant to fill, which says nothing to the sender
            detail = m.getOriginalMessage() != null && m.getOriginalMessage().contains("end-of-input")
                    ? "Malformed JSON body: the body is empty or ends too early."
                    : "Malformed JSON body: expected a JSON object as the API description shows.";
        } else {
            detail = "Malformed JSON body: " + abbreviate(e.getOriginalMessage());
        }
        return problem(Response.Status.BAD_REQUEST, detail, uri, errors);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // the framework answers a path or query parameter it could not convert with a 404 (400 for a form or header
        // parameter) wrapping the converter's exception: ParamConverters' names the parameter, a built-in one does not
        if (e.getCause() instanceof ProblemException p) {
            return clientError(p, uri);
        }
        // a body the JSON reader could not parse at all ("{bad"), wrapped by the framework in a bare 400
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException json) {
                return malformedJson(json, uri);
            }
        }
        if ((e instanceof NotFoundException || e instanceof BadRequestException)
                && (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof DateTimeException)) {
            return problem(Response.Status.BAD_REQUEST, "A parameter has a value the service cannot read: "
                    + abbreviate(e.getCause().getMessage()), uri, List.of());
        }
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
        Matcher partLimit = e instanceof RuntimeException && e.getMessage() != null
                ? PART_LIMIT.matcher(e.getMessage())
                : null;
        if (partLimit != null && partLimit.matches()) {
            // the multipart reader's limit (quarkus.http.limits.max-parameters), raised as a bare RuntimeException
            return problem(Response.Status.REQUEST_ENTITY_TOO_LARGE, "The form has more than "
                    + String.format(Locale.ROOT, "%,d", Long.parseLong(partLimit.group(1)))
                    + " parts; send fewer files in one request.", uri, List.of());
        }
        if (DatabaseOutage.isCause(e)) {
            LOG.warnf("Database unavailable on %s: %s", uri == null ? "?" : uri.getPath(), DatabaseOutage.describe(e));
            return respond(new ProblemException(503, ProblemException.ABOUT_BLANK,
                    "The database is unavailable; retry shortly.", List.of(), Map.of("Retry-After", "5"), e), uri);
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
        return e instanceof ProblemException p ? p.toProblem(instance) : null;
    }

    static Response problem(Response.StatusType status, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        return respond(new ProblemException(status.getStatusCode(), ProblemException.ABOUT_BLANK, detail, errors,
                Map.of(), null), uri);
    }

    /** The REST answer of a problem: its status, headers and body. */
    static Response respond(ProblemException problem, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.toProblem(uri == null ? null : uri.getPath()));
        problem.headers().forEach(response::header);
        return response.build();
    }

    /**
     * Answers a request that a Vert.x route handler refuses before it reaches REST (and the mappers above) with the
     * same status, headers and problem+json body.
     */
    public void send(RoutingContext ctx, ProblemException problem) {
        HttpServerResponse response = ctx.response().setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE);
        problem.headers().forEach(response::putHeader);
        String body;
        try {
            body = json.writeValueAsString(problem.toProblem(ctx.request().path()));
        } catch (JsonProcessingException e) {
            ctx.fail(problem.status(), e);
            return;
        }
        response.end(body);
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
