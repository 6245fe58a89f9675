package io.xborder.security;

import io.xborder.http.Paging;
import io.xborder.http.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log, for admins: every review, deletion, feed and key change, append-only. */
@Path("/api/v1/audit")
@Tag(name = "Audit", description = "Who changed what, when")
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    private static final int MAX_FILTER = 200;

    private final AuditLog audit;

    public AuditResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List audit entries",
            description = "Newest first. Every filter is optional and they combine. Requires admin.")
    @APIResponse(responseCode = "200", description = "A page of audit entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = AuditPage.class)))
    @APIResponse(responseCode = "400", description = "A bad filter or paging")
    public AuditPage list(
            @Parameter(description = "Principal name, e.g. key:alice") @QueryParam("actor") String actor,
            @Parameter(
                    description = "e.g. finding.review, document.delete, apikey.create, apikey.revoke, feed.update") @QueryParam("action") String action,
            @Parameter(description = "finding, document, apikey, feed") @QueryParam("targetType") String targetType,
            @Parameter(description = "The target's id") @QueryParam("targetId") String targetId,
            @Parameter(description = "At or after (ISO date or date-time)",
                    example = "2026-01-01") @QueryParam("from") String from,
            @Parameter(description = "Before (ISO date: up to the end of that day; or date-time)",
                    example = "2026-12-31") @QueryParam("to") String to,
            @Valid @BeanParam Paging paging) {
        Instant fromAt = instant("from", from, false);
        Instant toAt = instant("to", to, true);
        if (fromAt != null && toAt != null && fromAt.isAfter(toAt)) {
            throw ProblemException.invalid("from", "must not be after to");
        }
        return audit.find(new AuditFilter(text("actor", actor), text("action", action), text("targetType", targetType),
                text("targetId", targetId), fromAt, toAt), paging.page(), paging.size());
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.indexOf('\u0000') >= 0) {
            throw ProblemException.invalid(field, "must not contain NUL");
        }
        if (value.length() > MAX_FILTER) {
            throw ProblemException.invalid(field, "must be at most " + MAX_FILTER + " characters");
        }
        return value.strip();
    }

    /** A date (start of day, or start of the next day for an end bound) or an offset date-time. */
    private static Instant instant(String field, String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() <= 10) {
                LocalDate day = LocalDate.parse(v);
                return (end ? day.plusDays(1) : day).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field,
                    "must be an ISO date (2026-05-01) or date-time (2026-05-01T10:00:00Z)");
        }
    }
}
