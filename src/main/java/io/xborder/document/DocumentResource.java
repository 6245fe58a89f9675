package io.xborder.document;

import io.xborder.api.Examples;
import io.xborder.api.InvalidRequestException;
import io.xborder.api.Paging;
import io.xborder.api.PayloadTooLargeException;
import io.xborder.api.Problem;
import io.xborder.api.ResourceNotFoundException;
import io.xborder.api.WireValues;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.net.URISyntaxException;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ingests, lists, shows and deletes documents. */
@Path("/api/v1/documents")
@Tag(name = "Documents", description = "Ingest and manage documents")
public class DocumentResource {

    private static final int MAX_TITLE = 500;
    private static final int MAX_URL = 2048;

    private final DocumentService documents;
    private final int maxTextChars;

    public DocumentResource(DocumentService documents,
            @ConfigProperty(name = "xborder.limits.max-text-chars") int maxTextChars) {
        this.documents = documents;
        this.maxTextChars = maxTextChars;
    }

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
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "200", description = "The same text was stored before; that document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, blank text or an invalid field",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "bad language", value = Examples.PROBLEM_400)))
    @APIResponse(responseCode = "413", description = "Body or text over the configured limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "too large", value = Examples.PROBLEM_413)))
    @APIResponse(responseCode = "415", description = "Neither application/json nor text/plain",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "wrong type", value = Examples.PROBLEM_415)))
    public Response create(DocumentRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw new InvalidRequestException("body", "a JSON object with a text field is required");
        }
        return respond(documents.ingest(input(request.title(), request.text(), request.sourceUrl(), request.language(),
                request.jurisdiction(), request.publishedAt())), uri);
    }

    @POST
    @Consumes(MediaType.TEXT_PLAIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ingest a document (plain text)",
            description = "As the JSON variant, with the text as the body and the metadata as query parameters.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.TEXT_PLAIN,
            examples = @ExampleObject(name = "news", value = Examples.DOCUMENT_TEXT)))
    @APIResponse(responseCode = "201", description = "Stored",
            headers = @Header(name = "Location", description = "URL of the new document"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "200", description = "The same text was stored before; that document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", description = "Blank text or an invalid parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body or text over the configured limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createFromText(String text,
            @Parameter(description = "Title; defaults to the first line") @QueryParam("title") String title,
            @Parameter(description = "Source URL") @QueryParam("sourceUrl") String sourceUrl,
            @Parameter(description = "en or zh; detected when absent") @QueryParam("language") String language,
            @Parameter(description = "ISO 3166-1 alpha-2 code or EU") @QueryParam("jurisdiction") String jurisdiction,
            @Parameter(description = "Publication date (ISO)") @QueryParam("publishedAt") String publishedAt,
            @Context UriInfo uri) {
        return respond(documents.ingest(input(title, text, sourceUrl, language, jurisdiction, publishedAt)), uri);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List documents", description = "Newest first, without text and passages.")
    @APIResponse(responseCode = "200", description = "A page of documents",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentPage.class)))
    @APIResponse(responseCode = "400", description = "Bad paging",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DocumentPage list(
            @Parameter(description = "Zero-based page number", example = "0") @QueryParam("page") String page,
            @Parameter(description = "Page size, 1 to 200", example = "20") @QueryParam("size") String size) {
        Paging paging = Paging.of(page, size);
        return documents.list(paging.page(), paging.size());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a document", description = "The document with its text, passages and findings.")
    @APIResponse(responseCode = "200", description = "The document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DocumentView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public DocumentView get(@Parameter(description = "Document id", example = "7") @PathParam("id") String id) {
        long documentId = WireValues.id("id", id);
        return documents.get(documentId).orElseThrow(() -> new ResourceNotFoundException("document", documentId));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a document", description = "Deletes the document with its passages and findings.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "The id is not a positive integer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such document",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "missing", value = Examples.PROBLEM_404)))
    public Response delete(@Parameter(description = "Document id", example = "7") @PathParam("id") String id) {
        long documentId = WireValues.id("id", id);
        if (!documents.delete(documentId)) {
            throw new ResourceNotFoundException("document", documentId);
        }
        return Response.noContent().build();
    }

    private static Response respond(DocumentService.Ingested ingested, UriInfo uri) {
        if (!ingested.created()) {
            return Response.ok(ingested.document()).build();
        }
        URI location = uri.getBaseUriBuilder().path("api/v1/documents").path(Long.toString(ingested.document().id())).build();
        return Response.created(location).entity(ingested.document()).build();
    }

    /** Checks and normalises a document to ingest (400/413 on misuse); the console's paste form uses it too. */
    public DocumentInput input(String title, String text, String sourceUrl, String language, String jurisdiction,
            String publishedAt) {
        String normalized = normalize(text);
        if (normalized.isBlank()) {
            throw new InvalidRequestException("text", "must not be blank");
        }
        if (normalized.length() > maxTextChars) {
            throw new PayloadTooLargeException("text has " + normalized.length() + " characters; the limit is " + maxTextChars);
        }
        String checkedTitle = title == null || title.isBlank() ? firstLine(normalized) : title.strip();
        if (checkedTitle.length() > MAX_TITLE) {
            throw new InvalidRequestException("title", "must be at most " + MAX_TITLE + " characters");
        }
        return new DocumentInput(checkedTitle.replace("\u0000", ""), normalized, url(sourceUrl),
                WireValues.language("language", language), WireValues.jurisdiction("jurisdiction", jurisdiction),
                WireValues.date("publishedAt", publishedAt));
    }

    /** One text form for hashing, offsets and storage: LF line ends, no BOM, no NUL (PostgreSQL text cannot hold it). */
    static String normalize(String text) {
        if (text == null) {
            return "";
        }
        String t = text.replace("\r\n", "\n").replace('\r', '\n').replace("\u0000", "");
        return t.startsWith("\uFEFF") ? t.substring(1) : t;
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 199) + "…" : line;
    }

    private static String url(String sourceUrl) {
        if (sourceUrl == null || sourceUrl.isBlank()) {
            return null;
        }
        String u = sourceUrl.strip();
        try {
            URI parsed = new URI(u);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if (u.length() <= MAX_URL && (scheme.equals("http") || scheme.equals("https")) && parsed.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new InvalidRequestException("sourceUrl", "must be an http or https URL of at most " + MAX_URL + " characters");
    }
}
