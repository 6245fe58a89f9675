package io.xborder.security;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An API key as listed: everything but the key. */
@Schema(name = "ApiKey")
public record ApiKeyView(
        @Schema(examples = "3") long id,
        @Schema(description = "Who or what holds the key; the principal name is key:<name>.",
                examples = "ci-benchmark") String name,
        @Schema(enumeration = {
                "viewer", "analyst", "admin" }) String role,
        @Schema(description = "The key's first characters, to tell keys apart.", examples = "xb_Jq3v") String prefix,
        @Schema(examples = "key:bootstrap-admin") String createdBy,
        Instant createdAt,
        @Schema(nullable = true) Instant revokedAt,
        @Schema(description = "Last successful use, to the minute.", nullable = true) Instant lastUsedAt){

    static ApiKeyView of(ApiKey k) {
        return new ApiKeyView(k.id, k.name, k.role, k.prefix, k.createdBy, k.createdAt, k.revokedAt, k.lastUsedAt);
    }
}
