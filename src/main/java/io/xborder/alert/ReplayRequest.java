package io.xborder.alert;

import io.xborder.http.FieldRules;
import io.xborder.http.Problem;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/webhooks/{id}/replay}: one event, or the events created in a time range. */
@Schema(name = "ReplayRequest")
@FieldRules
public record ReplayRequest(
        @Schema(description = "The event to send again.", nullable = true,
                examples = "evt_5f0c2a4b9d8e4c1f8a7b6c5d4e3f2a1b") @Size(max = 64) String eventId,
        @Schema(description = "Events created at or after this instant.", nullable = true,
                examples = "2026-12-01T00:00:00Z") Instant from,
        @Schema(description = "Events created before this instant.", nullable = true,
                examples = "2026-12-02T00:00:00Z") Instant to)
        implements
            FieldRules.Subject {

    /** Exactly one of eventId, or from and to with from before to. */
    @Override
    public List<Problem.FieldError> brokenRules() {
        if (eventId != null && (from != null || to != null)) {
            return List.of(new Problem.FieldError("eventId", "give either eventId or from and to, not both"));
        }
        if (eventId == null && (from == null || to == null)) {
            return List.of(new Problem.FieldError(from == null ? "from" : "to",
                    "must be given (with the other), or eventId instead"));
        }
        if (from != null && !from.isBefore(to)) {
            return List.of(new Problem.FieldError("from", "must be before to"));
        }
        return List.of();
    }
}
