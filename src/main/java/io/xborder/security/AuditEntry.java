package io.xborder.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One change: who, when, what, and the record before and after. */
@Schema(name = "AuditEntry")
public record AuditEntry(
        @Schema(examples = "42") long id,
        Instant at,
        @Schema(description = "Principal name: key:<name> for API keys, the token's upn/preferred_username/sub for "
                + "bearer tokens, system for the service itself.", examples = "key:alice") String actor,
        @Schema(examples = "finding.review") String action,
        @Schema(examples = "finding") String targetType,
        @Schema(examples = "1051") String targetId,
        @Schema(description = "The record before the change; null for a creation.", nullable = true) JsonNode before,
        @Schema(description = "The record after the change; null for a deletion.", nullable = true) JsonNode after) {
}
