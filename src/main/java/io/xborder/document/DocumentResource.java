package io.xborder.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Language;
import io.xborder.http.Examples;
import io.xborder.http.Paging;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.http.ProblemMapper;
import io.xborder.http.WireValues;
import io.xborder.ingest.FetchRequest;
import io.xborder.ingest.IngestConfig;
import io.xborder.ingest.IngestFailure;
import io.xborder.ingest.IngestionService;
import io.xborder.ingest.UploadMetadata;
import io.xborder.ingest.UploadResult;
import io.xborder.security.Roles;
import io.xborder.text.StoredText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Ingests, lists, shows and deletes documents. */
@Path("/api/v1/documents")
@Tag(name = "Documents", description = "Ingest and manage documents")
public class DocumentResource {

    private static final Logger LOG = Logger.getLogger(DocumentResource.class);

    private final DocumentService documents;
    private final DocumentInputs inputs;
    private final IngestionService ingestion;
    private final IngestConfig.Files limits;
    private final ObjectMapper json;

    public DocumentResource(DocumentService documents, DocumentInputs inputs, IngestionService ingestion,
            IngestConfig.Files limits, ObjectMapper json) {
        this.documents = documents;
        this.inputs = inputs;
        this.ingestion = ingestion;
        this.limits = limits;
        this.json = json;
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest a document (JSON)",
            description = "Segments, classifies and stores the document with its passages and findings in one "
                    + "transaction. Idempotent by content: posting a text that is already stored returns the stored "
                    + "document with 200; a new one is created with 201 and a Location header.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DocumentRequest.class),
            examples = @ExampleObject(name = "news", value = Examples.DOCUMENT_REQUEST)))
    @APIResponse(responseCode = "201", description = "Stored",
            headers = @Header(name = "Location", description = "URL of the new document"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "200", description = "The same text was stored before; that document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, blank text or an invalid field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad language", value = Examples.DOCUMENT_PROBLEM_400)))
    @APIResponse(responseCode = "413", description = "Body or text over the configured limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too large", value = Examples.DOCUMENT_PROBLEM_413)))
    @APIResponse(responseCode = "415", description = "Neither application/json nor text/plain",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong type", value = Examples.DOCUMENT_PROBLEM_415)))
    public Response create(DocumentRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with a text field is required");
        }
        return respond(documents.ingest(input(request.title(), request.text(), request.sourceUrl(), request.language(),
                request.jurisdiction(), request.publishedAt())), uri);
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest a document (plain text)",
            description = "As the JSON variant, with the text as the body and the metadata as query parameters. The "
                    + "body is decoded with the charset parameter of its Content-Type (UTF-8 without one); an unknown "
                    + "charset is refused with 415.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN,
            schema = @Schema(type = SchemaType.STRING),
            examples = @ExampleObject(name = "news", value = Examples.DOCUMENT_TEXT)))
    @APIResponse(responseCode = "201", description = "Stored",
            headers = @Header(name = "Location", description = "URL of the new document"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "200", description = "The same text was stored before; that document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", description = "Blank text or an invalid parameter")
    @APIResponse(responseCode = "413", description = "Body or text over the configured limit")
    @APIResponse(responseCode = "415", description = "A charset the service does not know")
    public Response createFromText(byte[] body,
            @HeaderParam("Content-Type") String contentType,
            @Parameter(description = "Title; defaults to the first line") @QueryParam("title") String title,
            @Parameter(description = "Source URL") @QueryParam("sourceUrl") String sourceUrl,
            @Parameter(description = "en or zh; detected when absent") @QueryParam("language") String language,
            @Parameter(description = "ISO 3166-1 alpha-2 code or EU") @QueryParam("jurisdiction") String jurisdiction,
            @Parameter(description = "Publication date (ISO)") @QueryParam("publishedAt") String publishedAt,
            @Context UriInfo uri) {
        String text = decode(body, contentType);
        return respond(documents.ingest(input(title, text, sourceUrl, language, jurisdiction, publishedAt)), uri);
    }

    /** A text/plain body in the charset its Content-Type names (UTF-8 without one); 415 for an unknown charset. */
    static String decode(byte[] body, String contentType) {
        String charsetName = null;
        if (contentType != null) {
            try {
                charsetName = MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
            } catch (IllegalArgumentException e) {
                charsetName = null; // matched text/plain, so only a parameter can be malformed: use the default
            }
        }
        Charset charset = StandardCharsets.UTF_8;
        if (charsetName != null && !charsetName.isBlank()) {
            String name = charsetName.strip();
            if (name.length() > 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            try {
                charset = Charset.forName(name);
            } catch (IllegalArgumentException e) { // illegal or unsupported name
                throw new IngestFailure(IngestFailure.Kind.UNSUPPORTED_TYPE, "the charset '"
                        + StoredText.clean(name.length() > 40 ? name.substring(0, 40) + "…" : name)
                        + "' of the text/plain body is not supported; send UTF-8 or name a known charset", null);
            }
        }
        return new String(body == null ? new byte[0] : body, charset);
    }

    /** The multipart form of an upload, for the OpenAPI document only. */
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

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload files (multipart)",
            description = "Extracts the text of each `file` part (type sniffed from the bytes; charset detected, GBK and "
                    + "GB18030 included; HTML reduced to its main content), then ingests it like the JSON variant and "
                    + "keeps the original file (GET .../original). Metadata: form fields language, jurisdiction and "
                    + "publishedAt apply to every file; title and sourceUrl only to a single file; a `metadata` part "
                    + "(JSON keyed by file name) sets any field per file. With one file the answer is that file's: "
                    + "201/200 with the document, or its problem. With several files the answer is 200 with one "
                    + "entry per file (status 201/200/4xx and a problem for failures); a failed file does not stop "
                    + "the others. Limits: xborder.ingest.max-file-size per file, the HTTP body limit per request, "
                    + "xborder.ingest.max-files files.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    @APIResponse(responseCode = "201", description = "One file, stored",
            headers = @Header(name = "Location", description = "URL of the new document"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "200", description = "One file whose text was stored before (that document), or "
            + "several files (one result each)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { DocumentView.class, UploadResult.class }),
                    examples = @ExampleObject(name = "several files", value = Examples.UPLOAD_RESULT)))
    @APIResponse(responseCode = "400", description = "No file part, bad metadata JSON, invalid field")
    @APIResponse(responseCode = "413",
            description = "A file, the request or the extracted text over its limit; too many files")
    @APIResponse(responseCode = "415", description = "A file type the service does not read (images, archives, …)")
    @APIResponse(responseCode = "422", description = "An empty, corrupt or password-protected file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "corrupt", value = Examples.PROBLEM_422)))
    @APIResponse(responseCode = "503",
            description = "Extraction timed out or all extraction workers are busy (Retry-After)")
    public Response upload(@RestForm("file") List<FileUpload> files,
            @RestForm("title") String title,
            @RestForm("language") String language,
            @RestForm("jurisdiction") String jurisdiction,
            @RestForm("sourceUrl") String sourceUrl,
            @RestForm("publishedAt") String publishedAt,
            @RestForm("metadata") String metadata,
            @Context UriInfo uri) {
        List<FileUpload> parts = files == null ? List.of() : files;
        UploadMetadata meta = UploadMetadata.parse(
                new DocumentInputs.Metadata(title, sourceUrl, language, jurisdiction, publishedAt), metadata,
                parts.stream().map(FileUpload::fileName).toList(), limits.maxFiles(), json);
        if (parts.size() == 1) {
            FileUpload part = parts.get(0);
            return respond(ingestion.ingestFile(read(part), part.contentType(), part.fileName(),
                    meta.forFile(part.fileName())), uri);
        }
        List<UploadResult.FileResult> results = new ArrayList<>();
        int created = 0;
        int existing = 0;
        for (int i = 0; i < parts.size(); i++) {
            FileUpload part = parts.get(i);
            try {
                DocumentService.Ingested ingested = ingestion.ingestFile(read(part), part.contentType(),
                        part.fileName(),
                        meta.forFile(part.fileName()));
                DocumentView d = ingested.document();
                results.add(new UploadResult.FileResult(i, StoredText.clean(part.fileName()),
                        ingested.created() ? 201 : 200, d.id(),
                        location(uri, d.id()).getPath(), d.title(), d.passages().size(),
                        d.passages().stream().mapToInt(p -> p.findings().size()).sum(), null));
                created += ingested.created() ? 1 : 0;
                existing += ingested.created() ? 0 : 1;
            } catch (RuntimeException e) {
                Problem problem = ProblemMapper.describe(e, uri.getPath());
                if (problem == null) {
                    LOG.error("Unexpected failure on file " + i + " of an upload", e);
                    problem = new Problem("about:blank", "Internal Server Error", 500,
                            "The server could not store this file.", uri.getPath(), List.of());
                }
                results.add(new UploadResult.FileResult(i, StoredText.clean(part.fileName()), problem.status(), null,
                        null, null, null,
                        null, problem));
            }
        }
        return Response.ok(new UploadResult(created, existing, parts.size() - created - existing, results)).build();
    }

    private byte[] read(FileUpload part) {
        long max = limits.maxFileSize().asLongValue();
        if (part.size() > max) {
            throw new IngestFailure(IngestFailure.Kind.TOO_LARGE,
                    (part.fileName() == null ? "the file" : part.fileName()) + " has " + part.size()
                            + " bytes, more than the per-file limit of " + max,
                    null);
        }
        try {
            return Files.readAllBytes(part.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("fetch")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Fetch a URL and ingest it",
            description = "Fetches the URL (http/https; connect and read timeouts; size limit while streaming; "
                    + "redirects followed up to a limit, each target checked again) and ingests what it serves like an "
                    + "upload. Hosts resolving to loopback, private, link-local, unique-local, CGNAT, multicast or "
                    + "unspecified addresses are refused (400) unless allow-listed in xborder.fetch.allow. The final "
                    + "URL becomes the source URL unless one is given.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FetchRequest.class),
            examples = @ExampleObject(name = "news", value = Examples.FETCH_REQUEST)))
    @APIResponse(responseCode = "201", description = "Stored",
            headers = @Header(name = "Location", description = "URL of the new document"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "200", description = "The same text was stored before; that document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a missing or invalid URL, a refused host",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "refused", value = Examples.PROBLEM_URL_REFUSED)))
    @APIResponse(responseCode = "413", description = "The body is over the per-file limit")
    @APIResponse(responseCode = "415", description = "The URL serves a type the service does not read")
    @APIResponse(responseCode = "422", description = "The URL serves an empty, corrupt or encrypted document")
    @APIResponse(responseCode = "502",
            description = "The host cannot be reached, answers with an error, or redirects too often")
    @APIResponse(responseCode = "504", description = "The host did not answer in time")
    public Response fetch(FetchRequest request, @Context UriInfo uri) {
        if (request == null || request.url() == null || request.url().isBlank()) {
            throw ProblemException.invalid("url", "is required");
        }
        URI url = URI.create(DocumentInputs.url("url", request.url()));
        // the metadata is checked before anything is fetched
        WireValues.code("language", request.language(), Language::fromCode, "en, zh");
        WireValues.jurisdiction("jurisdiction", request.jurisdiction());
        WireValues.date("publishedAt", request.publishedAt());
        return respond(ingestion.ingestUrl(url, new DocumentInputs.Metadata(request.title(), null, request.language(),
                request.jurisdiction(), request.publishedAt())), uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}/original")
    @Operation(summary = "Download a document's original file",
            description = "The uploaded or fetched file the document's text was extracted from, with its media type "
                    + "and file name. Documents ingested as JSON or plain text have none (404).")
    @APIResponse(responseCode = "200", description = "The file",
            headers = @Header(name = "Content-Disposition", description = "attachment with the file name"),
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM,
                    schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such document, or it has no original file")
    public Response original(@Parameter(description = "Document id", example = "7") @PathParam("id") String id) {
        long documentId = WireValues.id("id", id);
        DocumentOriginal original = documents.original(documentId).orElseThrow(() -> documents.exists(documentId)
                ? ProblemException.notFound("original file of document", documentId + " (it was ingested as text)")
                : ProblemException.notFound("document", documentId));
        String type = original.charset == null
                ? original.mediaType
                : original.mediaType + "; charset=" + original.charset;
        String name = original.fileName == null || original.fileName.isBlank()
                ? "document-" + documentId
                : original.fileName;
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return Response.ok(original.content, type)
                .header("Content-Disposition", "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .header("Content-Length", original.sizeBytes)
                .header("X-Content-SHA256", original.sha256)
                .build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List documents", description = "Newest first, without text and passages.")
    @APIResponse(responseCode = "200", description = "A page of documents",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentPage.class)))
    @APIResponse(responseCode = "400", description = "Bad paging")
    public DocumentPage list(
            @Parameter(description = "Zero-based page number", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return documents.list(paging.page(), paging.size());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a document", description = "The document with its text, passages and findings.")
    @APIResponse(responseCode = "200", description = "The document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public DocumentView get(@Parameter(description = "Document id", example = "7") @PathParam("id") String id) {
        long documentId = WireValues.id("id", id);
        return documents.get(documentId).orElseThrow(() -> ProblemException.notFound("document", documentId));
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a document", description = "Deletes the document with its passages and findings.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Response delete(@Parameter(description = "Document id", example = "7") @PathParam("id") String id) {
        long documentId = WireValues.id("id", id);
        if (!documents.delete(documentId)) {
            throw ProblemException.notFound("document", documentId);
        }
        return Response.noContent().build();
    }

    private static Response respond(DocumentService.Ingested ingested, UriInfo uri) {
        if (!ingested.created()) {
            return Response.ok(ingested.document()).build();
        }
        return Response.created(location(uri, ingested.document().id())).entity(ingested.document()).build();
    }

    private static URI location(UriInfo uri, long id) {
        return uri.getBaseUriBuilder().path("api/v1/documents").path(Long.toString(id)).build();
    }

    /** Checks and normalises a document to ingest (400/413 on misuse); the console's paste form uses it too. */
    public DocumentInput input(String title, String text, String sourceUrl, String language, String jurisdiction,
            String publishedAt) {
        return inputs.of(title, text, sourceUrl, language, jurisdiction, publishedAt);
    }
}
