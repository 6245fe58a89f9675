package io.xborder.security;

import java.time.Instant;

/** Which audit entries to list; null = any. {@code to} is exclusive. */
public record AuditFilter(String actor, String action, String targetType, String targetId, Instant from, Instant to) {
}
