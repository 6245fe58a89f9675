package io.xborder.ingest;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.document.DocumentInputs;
import io.xborder.document.DocumentMetadata;
import io.xborder.document.DocumentResource;
import io.xborder.document.DocumentService;
import io.xborder.document.DocumentView;
import io.xborder.http.Examples;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.http.ProblemMapper;
import io.xborder.security.Roles;
import io.xborder.text.StoredText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Ingests files and URLs as documents: multipart uploads and URL fetches. Shares its path with
 * {@link DocumentResource}, which ingests text sent as JSON or plain text and serves the stored documents.
 */
@Path("/api/v1/documents")
@Tag(name = "Documents", description = "Ingest and manage documents")
public class IngestResource {

    private static final Logger LOG = Logger.getLogger(IngestResource.class);

    private final IngestionService ingestion;
    private final Uploads uploads;

    public IngestResource(IngestionService ingestion, Uploads uploads) {
        this.ingestion = ingestion;
        this.uploads = uploads;
    }

    /**
     * Uploads files (multipart). Extracts the text of each {@code file} part (type sniffed from the bytes; charset
     * detected, GBK and GB18030 included; HTML reduced to its main content), then ingests it like the JSON variant
     * and keeps the original file (GET .../original). Metadata: form fields language, jurisdiction and publishedAt
     * apply to every file; title and sourceUrl only to a single file; a {@code metadata} part (JSON keyed by file
     * name) sets any field per file. With one file the answer is that file's: 201/200 with the document, or its
     * problem (400 no file part, bad metadata JSON or field; 413 a file, the request or the extracted text over its
     * limit, too many files; 415 a type the service does not read). With several files the answer is 200 with one
     * entry per file (status 201/200/4xx and a problem for failures); a failed file does not stop the others.
     * Limits: xborder.ingest.max-file-size per file, the HTTP body limit per request, xborder.ingest.max-files files.
     * <p>
     * OpenAPI has one operation per path and method, so the three POSTs on this path (JSON and plain text in
     * {@link DocumentResource}, multipart here) are one operation: its summary, description and the descriptions of
     * the statuses they share are {@link DocumentResource#create}'s. This method adds only what is its own: the
     * multipart body, the several-files answer (200, under the shared description), and the 422 and 503 statuses.
     */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    @APIResponse(responseCode = "200", description = DocumentResource.STORED_BEFORE,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(oneOf = { DocumentView.class, UploadResult.class }),
                    examples = @ExampleObject(name = "several files", value = Examples.UPLOAD_RESULT)))
    @APIResponse(responseCode = "422", description = "An empty, corrupt or password-protected file",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "corrupt", value = Examples.PROBLEM_422)))
    @APIResponse(responseCode = "503",
            description = "Extraction timed out or all extraction workers are busy (Retry-After)")
    public Response upload(@RestForm("file") List<FileUpload> files,
            @RestForm("title") String title,
            @RestForm("language") Language language,
            @RestForm("jurisdiction") Jurisdiction jurisdiction,
            @RestForm("sourceUrl") String sourceUrl,
            @RestForm("publishedAt") LocalDate publishedAt,
            @RestForm("metadata") String metadata,
            @Context UriInfo uri) {
        List<IncomingFile> incoming = uploads.read(files,
                new DocumentMetadata(title, language, jurisdiction, sourceUrl, publishedAt), metadata,
                uploads.maxFiles());
        if (incoming.size() == 1) {
            return DocumentResource.respond(uploads.ingest(incoming.get(0)), uri);
        }
        List<UploadResult.FileResult> results = new ArrayList<>();
        int created = 0;
        int existing = 0;
        for (int i = 0; i < incoming.size(); i++) {
            IncomingFile file = incoming.get(i);
            try {
                DocumentService.Ingested ingested = uploads.ingest(file);
                DocumentView d = ingested.document();
                results.add(new UploadResult.FileResult(i, StoredText.clean(file.fileName()),
                        ingested.created() ? 201 : 200, d.id(),
                        DocumentResource.location(uri, d.id()).getPath(), d.title(), d.passages().size(),
                        d.passages().stream().mapToInt(p -> p.findings().size()).sum(), null));
                created += ingested.created() ? 1 : 0;
                existing += ingested.created() ? 0 : 1;
            } catch (RuntimeException e) {
                Problem problem = ProblemMapper.describe(e, uri.getPath());
                if (problem == null) {
                    LOG.error("Unexpected failure on file " + i + " of an upload", e);
                    problem = ProblemException.of(500, "The server could not store this file.")
                            .toProblem(uri.getPath());
                }
                results.add(new UploadResult.FileResult(i, StoredText.clean(file.fileName()), problem.status(), null,
                        null, null, null, null, problem));
            }
        }
        return Response.ok(new UploadResult(created, existing, incoming.size() - created - existing, results)).build();
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
    @APIResponse(responseCode = "200", description = DocumentResource.STORED_BEFORE,
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
        DocumentMetadata metadata = new DocumentMetadata(request.title(), request.language(), request.jurisdiction(),
                null, request.publishedAt());
        DocumentInputs.check(metadata); // before anything is fetched
        return DocumentResource.respond(ingestion.ingestUrl(url, metadata), uri);
    }

}
