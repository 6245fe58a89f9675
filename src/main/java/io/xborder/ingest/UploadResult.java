package io.xborder.ingest;

import io.xborder.http.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The outcome of a multipart upload of several files: one entry per file, in order. */
@Schema(name = "UploadResult")
public record UploadResult(
        @Schema(examples = "2") int created,
        @Schema(description = "Files whose text was stored before.", examples = "0") int existing,
        @Schema(examples = "1") int failed,
        List<FileResult> items) {

    /** One file: its status as if uploaded alone (201 stored, 200 stored before, 4xx problem). */
    @Schema(name = "UploadedFile")
    public record FileResult(
            @Schema(examples = "0") int index,
            @Schema(examples = "pipl.pdf", nullable = true) String fileName,
            @Schema(examples = "201") int status,
            @Schema(nullable = true, examples = "7") Long documentId,
            @Schema(nullable = true, examples = "/api/v1/documents/7") String location,
            @Schema(nullable = true) String title,
            @Schema(nullable = true, examples = "4") Integer passageCount,
            @Schema(nullable = true, examples = "1") Integer findingCount,
            @Schema(description = "Why the file gave no document.", nullable = true) Problem problem) {
    }
}
