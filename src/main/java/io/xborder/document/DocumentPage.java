package io.xborder.document;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of documents, newest first. */
@Schema(name = "DocumentPage")
public record DocumentPage(
        List<DocumentSummary> items,
        @Schema(examples = "0") int page,
        @Schema(examples = "20") int size,
        @Schema(examples = "6") long total) {
}
