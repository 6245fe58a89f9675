package io.xborder.security;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A page of audit entries, newest first. */
@Schema(name = "AuditPage")
public record AuditPage(List<AuditEntry> items, int page, int size, long total) {
}
