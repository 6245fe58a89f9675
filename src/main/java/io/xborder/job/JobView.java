package io.xborder.job;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A job's progress: counts by item state and the failed items with their reasons. */
@Schema(name = "Job")
public record JobView(
        @Schema(examples = "12") long id,
        @Schema(description = "TRAIN_MODEL jobs are started by POST /api/v1/models/training.", enumeration = {
                "URLS", "FILES", "RECLASSIFY", "TRAIN_MODEL" }) String kind,
        @Schema(enumeration = { "QUEUED", "RUNNING", "DONE", "FAILED", "PARTIAL" }) String state,
        @Schema(examples = "200") int total,
        @Schema(examples = "0") int queued,
        @Schema(examples = "0") int running,
        @Schema(description = "Items finished without failure.", examples = "198") int done,
        @Schema(examples = "2") int failed,
        @Schema(description = "Documents this job created (the rest of the done items were stored before).",
                examples = "150") int createdDocuments,
        Instant createdAt,
        @Schema(nullable = true) Instant finishedAt,
        @Schema(description = "Failed items (at most 1000), in order.") List<ItemFailure> failures){

    /** One failed item. */
    @Schema(name = "JobItemFailure")
    public record ItemFailure(
            @Schema(examples = "3") int index,
            @Schema(description = "The URL, file name or document.", examples = "https://10.0.0.5/admin") String source,
            @Schema(description = "UNSUPPORTED_TYPE, TOO_LARGE, EMPTY, CORRUPT, ENCRYPTED, EXTRACTION_TIMEOUT, "
                    + "URL_REFUSED, URL_UNREACHABLE, URL_TIMEOUT, TOO_MANY_REDIRECTS, INVALID, NOT_FOUND, ABANDONED, "
                    + "ERROR", examples = "URL_REFUSED") String reason,
            @Schema(examples = "the host 10.0.0.5 resolves to 10.0.0.5, a private address; …") String detail,
            @Schema(examples = "1") int attempts) {
    }

    /** One page of jobs, newest first (without their failures). */
    @Schema(name = "JobPage")
    public record Page(List<JobView> items, int page, int size, long total) {
    }
}
