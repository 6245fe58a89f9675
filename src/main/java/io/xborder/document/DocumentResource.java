package io.xborder.document;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.http.Examples;
import io.xborder.http.Paging;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.http.ResourceLocation;
import io.xborder.security.Roles;
import io.xborder.text.StoredText;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.BeanParam;
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
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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

/**
 * Ingests documents sent as text (JSON or plain text), lists, shows and deletes documents. Files and URLs are
 * ingested on the same path by the ingestion feature (IngestResource), which depends on this one.
 */
@Path("/api/v1/documents")
@Tag(name = "Documents", description = "Ingest and manage documents")
public class DocumentResource {

    /**
     * The 200 of every POST on this path: the three POSTs (and the upload in IngestResource) are one OpenAPI
     * operation, so they share this description.
     */
    public static final String STORED_BEFORE = "The same text was stored before; that document";

    private final DocumentService documents;
    private final DocumentInputs inputs;

    public DocumentResource(DocumentService documents, DocumentInputs inputs) {
        this.documents = documents;
        this.inputs = inputs;
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
    @APIResponse(responseCode = "200", description = STORED_BEFORE,
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
        return respond(
                documents.ingest(inputs.of(request.text(), new DocumentMetadata(request.title(), request.language(),
                        request.jurisdiction(), request.sourceUrl(), request.publishedAt()))),
                uri);
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
    @APIResponse(responseCode = "200", description = STORED_BEFORE,
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", description = "Blank text or an invalid parameter")
    @APIResponse(responseCode = "413", description = "Body or text over the configured limit")
    @APIResponse(responseCode = "415", description = "A charset the service does not know")
    public Response createFromText(byte[] body,
            @HeaderParam("Content-Type") String contentType,
            @Parameter(description = "Title; defaults to the first line") @QueryParam("title") String title,
            @Parameter(description = "Source URL") @QueryParam("sourceUrl") String sourceUrl,
            @Parameter(description = "en or zh; detected when absent",
                    schema = @Schema(type = SchemaType.STRING)) @QueryParam("language") Language language,
            @Parameter(description = "ISO 3166-1 alpha-2 code or EU",
                    schema = @Schema(type = SchemaType.STRING)) @QueryParam("jurisdiction") Jurisdiction jurisdiction,
            @Parameter(description = "Publication date (ISO)") @QueryParam("publishedAt") LocalDate publishedAt,
            @Context UriInfo uri) {
        String text = decode(body, contentType);
        return respond(documents.ingest(inputs.of(text,
                new DocumentMetadata(title, language, jurisdiction, sourceUrl, publishedAt))), uri);
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
                throw ProblemException.unsupportedType("the charset '"
                        + StoredText.clean(name.length() > 40 ? name.substring(0, 40) + "…" : name)
                        + "' of the text/plain body is not supported; send UTF-8 or name a known charset");
            }
        }
        return new String(body == null ? new byte[0] : body, charset);
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
    public Response original(
            @Parameter(description = "Document id", example = "7") @PathParam("id") @Positive long id) {
        DocumentOriginal original = documents.original(id).orElseThrow(() -> documents.exists(id)
                ? ProblemException.notFound("original file of document", id + " (it was ingested as text)")
                : ProblemException.notFound("document", id));
        String type = original.charset == null
                ? original.mediaType
                : original.mediaType + "; charset=" + original.charset;
        String name = original.fileName == null || original.fileName.isBlank()
                ? "document-" + id
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
    public DocumentPage list(@Valid @BeanParam Paging paging) {
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
    public DocumentView get(
            @Parameter(description = "Document id", example = "7") @PathParam("id") @Positive long id) {
        return documents.get(id).orElseThrow(() -> ProblemException.notFound("document", id));
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
    public Response delete(
            @Parameter(description = "Document id", example = "7") @PathParam("id") @Positive long id) {
        if (!documents.delete(id)) {
            throw ProblemException.notFound("document", id);
        }
        return Response.noContent().build();
    }

    /** 201 with the Location of a new document, 200 with the stored one when its text was known. */
    public static Response respond(DocumentService.Ingested ingested, UriInfo uri) {
        if (!ingested.created()) {
            return Response.ok(ingested.document()).build();
        }
        return Response.created(location(uri, ingested.document().id())).entity(ingested.document()).build();
    }

    /** The URL of a document. */
    public static URI location(UriInfo uri, long id) {
        return ResourceLocation.of(uri, "api/v1/documents", id);
    }
}
