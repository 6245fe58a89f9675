package io.xborder.ingest;

import io.xborder.http.Examples;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The multipart form of an upload (documents and file jobs), for the OpenAPI document only. */
@Schema(name = "UploadForm")
public record UploadForm(
        @Schema(description = "The file(s): repeat the part for several files. Text, HTML (main content only), "
                + "PDF, DOCX, DOC, RTF, ODT; the type is sniffed from the bytes.", type = SchemaType.ARRAY,
                implementation = byte[].class, format = "binary", required = true) List<byte[]> file,
        @Schema(description = "Title of the document; only with a single file.", nullable = true) String title,
        @Schema(description = "en or zh for every file; detected per passage when absent.",
                nullable = true) String language,
        @Schema(description = "ISO 3166-1 alpha-2 code or EU, for every file.",
                nullable = true) String jurisdiction,
        @Schema(description = "Where the file comes from; only with a single file.",
                nullable = true) String sourceUrl,
        @Schema(description = "Publication date (ISO), for every file.", nullable = true) String publishedAt,
        @Schema(description = "JSON object keyed by file name with title, language, jurisdiction, sourceUrl, "
                + "publishedAt per file; wins over the fields above.", nullable = true,
                examples = Examples.UPLOAD_METADATA) String metadata) {
}
