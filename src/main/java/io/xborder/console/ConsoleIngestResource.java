package io.xborder.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.document.DocumentInputs;
import io.xborder.document.DocumentMetadata;
import io.xborder.document.DocumentService;
import io.xborder.feed.FeedRequest;
import io.xborder.feed.FeedService;
import io.xborder.feed.FeedView;
import io.xborder.http.ParamConverters;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.ingest.IncomingFile;
import io.xborder.ingest.IngestionService;
import io.xborder.ingest.Uploads;
import io.xborder.job.JobRequest;
import io.xborder.job.JobService;
import io.xborder.job.JobView;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The console's ingestion pages: upload files and fetch URLs from the add page, follow feeds, and watch jobs. Every
 * form posts here and is answered post/redirect/get: 303 to the new document, feed list or job; a refused request
 * shows its form again with the errors next to the fields, or the API's problem detail. Calls the same services as
 * the ingestion API.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ConsoleIngestResource {

    private static final List<String> RUNNING = List.of("QUEUED", "RUNNING");

    /** The feeds page: the subscriptions, the subscribe form's values and errors, and what the last action did. */
    public record FeedsView(FeedView.Page feeds, Map<String, String> values, List<Problem.FieldError> errors,
            String message, String notice) {

        /** Whether the notice says that a poll failed (shown as an error, not as a success). */
        public boolean pollFailed() {
            return notice != null && notice.startsWith("The feed could not be read");
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.stream().filter(e -> e.field().equals(field)).map(Problem.FieldError::message).findFirst()
                    .orElse("");
        }
    }

    /** The jobs list. */
    public record JobsView(JobView.Page jobs) {
    }

    /** A job's page; {@code running} while it has items left, so the page keeps polling. */
    public record JobPageView(JobView job, String notice, List<JobService.ItemOutcome> items) {

        /** Whether the page lists the job's files or URLs one by one (not for reclassification). */
        public boolean listsItems() {
            return !items.isEmpty() && !"RECLASSIFY".equals(job.kind());
        }

        public long duplicates() {
            return items.stream().filter(i -> Boolean.FALSE.equals(i.createdDocument())).count();
        }

        public boolean running() {
            return RUNNING.contains(job.state());
        }

        /** Items finished, failed or not; the progress bar's value. */
        public int finished() {
            return job.done() + job.failed();
        }

        /** {@code <progress>} needs a positive max: a job without items is shown as complete. */
        public int max() {
            return Math.max(job.total(), 1);
        }

        public int value() {
            return job.total() == 0 ? 1 : finished();
        }

        public int percent() {
            return job.total() == 0 ? 100 : (int) (100L * finished() / job.total());
        }
    }

    @CheckedTemplate(basePath = "ConsoleResource")
    static class Templates {

        static native TemplateInstance feeds(FeedsView view);

        static native TemplateInstance jobs(JobsView view);

        static native TemplateInstance job(JobPageView view);
    }

    private final IngestionService ingestion;
    private final Uploads uploads;
    private final JobService jobs;
    private final FeedService feeds;
    private final ParamConverters converters;

    public ConsoleIngestResource(IngestionService ingestion, Uploads uploads, JobService jobs, FeedService feeds,
            ParamConverters converters) {
        this.ingestion = ingestion;
        this.uploads = uploads;
        this.jobs = jobs;
        this.feeds = feeds;
        this.converters = converters;
    }

    // --- Upload -------------------------------------------------------------------------------------------------

    /**
     * One file is ingested at once and the browser goes to its document; several become a FILES job and the browser
     * goes to the job's page (per-file failures are listed there).
     */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("add/upload")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") List<FileUpload> files, @RestForm("title") String title,
            @RestForm("language") String language, @RestForm("jurisdiction") String jurisdiction,
            @RestForm("publishedAt") String publishedAt) {
        Map<String, String> values = values("upload-", "title", title, "language", language,
                "jurisdiction", jurisdiction, "publishedAt", publishedAt);
        // a file input left empty still sends a part without a name and without bytes
        List<FileUpload> parts = files == null
                ? List.of()
                : files.stream().filter(f -> f.fileName() != null && !f.fileName().isBlank() || f.size() > 0).toList();
        try {
            FormFields fields = new FormFields(converters);
            List<IncomingFile> incoming = uploads.read(parts,
                    fields.metadata(title, language, jurisdiction, null, publishedAt), null, uploads.maxFiles());
            fields.throwIfInvalid();
            if (incoming.size() == 1) {
                return added(uploads.ingest(incoming.get(0)));
            }
            return toJob(jobs.createFiles(incoming), "files");
        } catch (ProblemException e) {
            if (e.isInvalidRequest()) {
                return addPage(400, values, "upload", e.errors(), "The files were not added; please correct the "
                        + "fields marked below.", null);
            }
            return addPage(e.status(), values, "upload",
                    List.of(new Problem.FieldError("file", RefusalMessages.sentence(e))),
                    "The files were not added; the reason is next to the field below.", null);
        }
    }

    // --- URL ----------------------------------------------------------------------------------------------------

    /** One URL is fetched at once and the browser goes to its document; several become a URLS job. */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("add/url")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response fetch(MultivaluedMap<String, String> form) {
        Map<String, String> values = values("url-", "urls", first(form, "urls"), "title", first(form, "title"),
                "language", first(form, "language"), "jurisdiction", first(form, "jurisdiction"),
                "publishedAt", first(form, "publishedAt"));
        List<String> urls = Arrays.stream(values.get("url-urls").split("\\s+")).filter(s -> !s.isBlank()).toList();
        String language = blankToNull(values.get("url-language"));
        String jurisdiction = blankToNull(values.get("url-jurisdiction"));
        String publishedAt = blankToNull(values.get("url-publishedAt"));
        String title = blankToNull(values.get("url-title"));
        try {
            if (urls.isEmpty()) {
                throw ProblemException.invalid("urls", "give at least one http or https URL");
            }
            if (urls.size() > 1) {
                if (title != null) {
                    throw ProblemException.invalid("title", "applies to a single URL; leave it empty for several");
                }
                FormFields fields = new FormFields(converters);
                DocumentMetadata common = fields.metadata(null, language, jurisdiction, null, publishedAt);
                fields.throwIfInvalid();
                return toJob(jobs.create(new JobRequest("URLS", urls, common.language(), common.jurisdiction(),
                        common.publishedAt())), "urls");
            }
            URI url = URI.create(DocumentInputs.url("urls", urls.get(0)));
            FormFields fields = new FormFields(converters);
            DocumentMetadata metadata = fields.metadata(title, language, jurisdiction, null, publishedAt);
            fields.throwIfInvalid(); // before anything is fetched
            return added(ingestion.ingestUrl(url, metadata));
        } catch (ProblemException e) {
            if (!e.isInvalidRequest()) {
                return addPage(e.status(), values, "url",
                        List.of(new Problem.FieldError("urls", RefusalMessages.sentence(e))),
                        "Nothing was fetched; the reason is next to the field below.", null);
            }
            List<Problem.FieldError> errors = e.errors().stream()
                    .map(f -> new Problem.FieldError(f.field().startsWith("urls") ? "urls" : f.field(),
                            f.field().startsWith("urls[") ? f.field() + " " + f.message() : f.message()))
                    .toList();
            return addPage(400, values, "url", errors, "Nothing was fetched; please correct the fields marked below.",
                    null);
        }
    }

    /**
     * The form-only addresses opened directly (a bookmark, a reload after the address bar kept them, a link): the
     * page their form is on, not the framework's 405.
     */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("add/upload")
    public Response uploadForm() {
        return Response.seeOther(URI.create("/add#upload")).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("add/url")
    public Response urlForm() {
        return Response.seeOther(URI.create("/add#url")).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("feeds/{id}/{action:poll|delete}")
    public Response feedAction(@PathParam("id") String id) {
        return Response.seeOther(URI.create(ConsoleResource.parseId(id).map(f -> "/feeds#feed-" + f).orElse("/feeds")))
                .build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("jobs/reclassify")
    public Response reclassifyForm() {
        return Response.seeOther(URI.create("/jobs#reclassify")).build();
    }

    // --- Feeds --------------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("feeds")
    public TemplateInstance feeds(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        String notice = null;
        if (q.getFirst("subscribed") != null) {
            notice = "Subscribed. The feed is polled at its interval; use \"Poll now\" to read it at once.";
        } else if (q.getFirst("deleted") != null) {
            notice = "The feed was deleted; the documents it brought stay.";
        } else if (q.getFirst("polled") != null) {
            notice = q.getFirst("error") != null
                    ? "The feed could not be read; see its last error below."
                    : "Polled: the feed lists " + count(num(q, "items"), "item", "items") + "; " + num(q, "new")
                            + " new, " + num(q, "ingested") + " added, " + num(q, "failed") + " failed.";
        }
        return feedsPage(Map.of(), List.of(), null, notice);
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("feeds")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response subscribe(MultivaluedMap<String, String> form) {
        Map<String, String> values = new HashMap<>();
        for (String f : List.of("url", "title", "intervalMinutes", "language", "jurisdiction")) {
            values.put(f, first(form, f));
        }
        try {
            Integer interval = null;
            if (!values.get("intervalMinutes").isBlank()) {
                try {
                    interval = Integer.valueOf(values.get("intervalMinutes").strip());
                } catch (NumberFormatException e) {
                    throw ProblemException.invalid("intervalMinutes", "must be a whole number of minutes");
                }
            }
            FormFields fields = new FormFields(converters);
            Language language = fields.read(Language.class, "language", values.get("language"));
            Jurisdiction jurisdiction = fields.jurisdiction("jurisdiction", values.get("jurisdiction"));
            fields.throwIfInvalid();
            FeedView feed = feeds.create(new FeedRequest(blankToNull(values.get("url")),
                    blankToNull(values.get("title")), interval, true, language, jurisdiction));
            return Response.seeOther(URI.create("/feeds?subscribed=" + feed.id() + "#feed-" + feed.id())).build();
        } catch (ProblemException e) {
            if (e.isInvalidRequest()) {
                return Response.status(400).entity(feedsPage(values, e.errors(),
                        "The feed was not added; please correct the fields marked below.", null)).build();
            }
            if (e.status() == 409) {
                return Response.status(409).entity(feedsPage(values,
                        List.of(new Problem.FieldError("url", e.getMessage())), "The feed was not added.", null))
                        .build();
            }
            throw e;
        }
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("feeds/{id}/poll")
    public Response poll(@PathParam("id") String id) {
        Optional<Long> feedId = ConsoleResource.parseId(id);
        if (feedId.isEmpty()) {
            return notFound("There is no feed " + id + ".");
        }
        try {
            FeedView.Poll poll = feeds.poll(feedId.get());
            String query = poll.error() != null
                    ? "polled=" + feedId.get() + "&error=1"
                    : "polled=" + feedId.get() + "&items=" + poll.items() + "&new=" + poll.newItems() + "&ingested="
                            + poll.ingested() + "&failed=" + poll.failed();
            return Response.seeOther(URI.create("/feeds?" + query + "#feed-" + feedId.get())).build();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return notFound("There is no feed " + id + ".");
            }
            throw e;
        }
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("feeds/{id}/delete")
    public Response deleteFeed(@PathParam("id") String id) {
        Optional<Long> feedId = ConsoleResource.parseId(id);
        if (feedId.isEmpty() || !feeds.delete(feedId.get())) {
            return notFound("There is no feed " + id + ".");
        }
        return Response.seeOther(URI.create("/feeds?deleted=" + feedId.get())).build();
    }

    private TemplateInstance feedsPage(Map<String, String> values, List<Problem.FieldError> errors, String message,
            String notice) {
        return Templates.feeds(new FeedsView(feeds.list(0, 200), values, errors, message, notice));
    }

    // --- Jobs ---------------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("jobs")
    public TemplateInstance jobList() {
        return Templates.jobs(new JobsView(jobs.list(0, 50)));
    }

    /** Reclassifies every document made with another ruleset version (reviewed findings are kept). */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("jobs/reclassify")
    public Response reclassify() {
        return toJob(jobs.create(new JobRequest("RECLASSIFY", null, null, null, null)), "reclassify");
    }

    /** The job's state for the job page's script, which holds the console session (not accepted under /api/). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("jobs/{id}/status")
    @Produces(MediaType.APPLICATION_JSON)
    public Response jobStatus(@PathParam("id") String id) {
        return ConsoleResource.parseId(id).flatMap(jobs::get)
                .map(j -> Response.ok(j).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("jobs/{id}")
    public Response job(@PathParam("id") String id, @Context UriInfo uri) {
        Optional<JobView> job = ConsoleResource.parseId(id).flatMap(jobs::get);
        if (job.isEmpty()) {
            return notFound("There is no job " + id + ".");
        }
        String notice = switch (String.valueOf(uri.getQueryParameters().getFirst("started"))) {
            case "files" -> "The files were queued as a job; each is added in turn.";
            case "urls" -> "The URLs were queued as a job; each is fetched and added in turn.";
            case "reclassify" -> "Reclassification started: documents made with an older ruleset are classified "
                    + "again; reviewed findings are kept.";
            default -> null;
        };
        return Response.ok(Templates.job(new JobPageView(job.get(), notice, jobs.items(job.get().id(), 1000))))
                .build();
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static Response added(DocumentService.Ingested ingested) {
        return Response.seeOther(URI.create("/documents/" + ingested.document().id() + "?added="
                + (ingested.created() ? "new" : "existing"))).build();
    }

    private static Response toJob(long jobId, String started) {
        return Response.seeOther(URI.create("/jobs/" + jobId + "?started=" + started)).build();
    }

    /** The add page again, with the errors (field names of {@code form}'s inputs) or the problem of that form. */
    private static Response addPage(int status, Map<String, String> values, String form,
            List<Problem.FieldError> errors, String message, Problem problem) {
        List<Problem.FieldError> prefixed = errors.stream()
                .map(e -> new Problem.FieldError(form + "-" + e.field(), e.message())).toList();
        return Response.status(status).type(MediaType.TEXT_HTML).entity(ConsoleResource.Templates.add(
                new ConsoleResource.AddView(values, prefixed, message, form, problem))).build();
    }

    /** The form's values keyed by input id ({@code prefix} + field); names and values alternate. */
    private static Map<String, String> values(String prefix, String... namesAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put(prefix + namesAndValues[i], namesAndValues[i + 1] == null ? "" : namesAndValues[i + 1]);
        }
        return values;
    }

    private static String first(MultivaluedMap<String, String> form, String field) {
        String v = form.getFirst(field);
        return v == null ? "" : v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** "1 item", "2 items". */
    static String count(String n, String one, String many) {
        return n + " " + ("1".equals(n) ? one : many);
    }

    private static String num(MultivaluedMap<String, String> q, String name) {
        String v = q.getFirst(name);
        return v != null && v.matches("\\d{1,9}") ? v : "0";
    }

    private static Response notFound(String message) {
        return Response.status(404).entity(ConsoleResource.Templates.error(message)).type(MediaType.TEXT_HTML)
                .build();
    }
}
