package io.xborder.job;

import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.document.DocumentMetadata;
import io.xborder.http.Examples;
import io.xborder.http.Paging;
import io.xborder.http.ProblemException;
import io.xborder.http.ResourceLocation;
import io.xborder.ingest.IncomingFile;
import io.xborder.ingest.UploadForm;
import io.xborder.ingest.Uploads;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * Asynchronous jobs: many URLs, many files, or a reclassification, worked off by the job workers of every
 * instance (a PostgreSQL queue; an instance that dies mid-job has its items taken over).
 */
@Path("/api/v1/jobs")
@Tag(name = "Jobs", description = "Batch ingestion and reclassification, asynchronously")
public class JobResource {

    private final JobService jobs;
    private final Uploads uploads;

    public JobResource(JobService jobs, Uploads uploads) {
        this.jobs = jobs;
        this.uploads = uploads;
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a URL or reclassify job",
            description = "URLS: every URL is fetched (SSRF-guarded, as POST /documents/fetch) and ingested; a URL "
                    + "that fails is a failed item with its reason, the others go on. RECLASSIFY: every document "
                    + "classified with another ruleset version is classified again; UNREVIEWED findings are "
                    + "replaced, reviewed ones kept. Answers 202 at once; follow the Location.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = JobRequest.class),
            examples = { @ExampleObject(name = "urls", value = Examples.JOB_URLS),
                    @ExampleObject(name = "reclassify", value = "{\"kind\": \"RECLASSIFY\"}") }))
    @APIResponse(responseCode = "202", description = "Accepted",
            headers = @Header(name = "Location", description = "URL of the job"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown kind, missing or invalid URL")
    @APIResponse(responseCode = "413", description = "More URLs than xborder.jobs.max-items")
    @APIResponse(responseCode = "415", description = "Neither JSON nor multipart")
    public Response create(JobRequest request, @Context UriInfo uri) {
        return accepted(jobs.create(request), uri);
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a file job (multipart)",
            description = "The `file` parts are stored as the job's items and ingested asynchronously, with the same "
                    + "metadata scheme as POST /documents (form fields language, jurisdiction, publishedAt for every "
                    + "file; a `metadata` JSON part keyed by file name). A file over the per-file limit, of an "
                    + "unsupported type, empty or corrupt becomes a failed item; the others are ingested.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA,
            schema = @Schema(implementation = UploadForm.class)))
    @APIResponse(responseCode = "202", description = "Accepted",
            headers = @Header(name = "Location", description = "URL of the job"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "No file part, bad metadata JSON or field")
    @APIResponse(responseCode = "413", description = "The request over the body limit, or too many files")
    public Response createFromFiles(@RestForm("file") List<FileUpload> files,
            @RestForm("language") Language language,
            @RestForm("jurisdiction") Jurisdiction jurisdiction,
            @RestForm("publishedAt") LocalDate publishedAt,
            @RestForm("metadata") String metadata,
            @Context UriInfo uri) {
        // every file of the request becomes an item; the job's own limit on items applies (JobService)
        List<IncomingFile> incoming = uploads.read(files,
                new DocumentMetadata(null, language, jurisdiction, null, publishedAt), metadata, Integer.MAX_VALUE);
        return accepted(jobs.createFiles(incoming), uri);
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a job", description = "State (QUEUED, RUNNING, DONE, FAILED, PARTIAL), counts, and the "
            + "failed items with their reasons.")
    @APIResponse(responseCode = "200", description = "The job",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such job")
    public JobView get(@Parameter(description = "Job id", example = "12") @PathParam("id") @Positive long id) {
        return jobs.get(id).orElseThrow(() -> ProblemException.notFound("job", id));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List jobs", description = "Newest first, with counts (failures only on the single job).")
    @APIResponse(responseCode = "200", description = "A page of jobs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = JobView.Page.class)))
    @APIResponse(responseCode = "400", description = "Bad paging")
    public JobView.Page list(@Valid @BeanParam Paging paging) {
        return jobs.list(paging.page(), paging.size());
    }

    private Response accepted(long jobId, UriInfo uri) {
        return Response.accepted(jobs.get(jobId).orElseThrow())
                .location(ResourceLocation.of(uri, "api/v1/jobs", jobId))
                .build();
    }
}
