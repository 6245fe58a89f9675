package io.xborder.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.document.DocumentInput;
import io.xborder.document.DocumentInputs;
import io.xborder.document.DocumentService;
import io.xborder.document.DocumentView;
import io.xborder.document.ReviewStatus;
import io.xborder.finding.FindingPage;
import io.xborder.finding.FindingQuery;
import io.xborder.finding.FindingReview;
import io.xborder.finding.FindingReviews;
import io.xborder.finding.FindingView;
import io.xborder.finding.ReviewStep;
import io.xborder.finding.SearchTerms;
import io.xborder.http.BeanParamReader;
import io.xborder.http.Paging;
import io.xborder.http.ParamConverters;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.security.Reviewer;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The compliance console: server-rendered pages for searching, reading, adding and reviewing findings. Every
 * page is a plain HTML document (forms and links, no script needed); text from documents is printed escaped.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    /** The value sets the filter and review forms offer. */
    public record Options(List<String> categories, List<String> mechanisms, List<String> modalities,
            List<String> dataCategories, List<String> reviewStatuses, Set<String> jurisdictions) {

        public static final Options ALL = new Options(names(Category.values()), names(Mechanism.values()),
                names(Modality.values()), names(DataCategory.values()), names(ReviewStatus.values()),
                new TreeSet<>(Jurisdiction.codes()));

        private static List<String> names(Enum<?>[] values) {
            return Arrays.stream(values).map(Enum::name).toList();
        }
    }

    /** A term of the taxonomy with its definition, for the glossary. */
    public record Term(String id, String label, String definition) {
    }

    /** The terms of one attribute (categories, modalities, …). */
    public record TermGroup(String id, String title, String intro, List<Term> terms) {
    }

    /** A search hit: the finding and its passage cut into plain and evidence fragments. */
    public record Hit(FindingView finding, List<Highlight.Fragment> fragments) {
    }

    /** A page link of the pager. */
    public record PageLink(String label, String query, boolean current) {
    }

    /** The search page. */
    public record SearchView(SearchForm form, FindingPage page, List<Hit> hits, List<PageLink> pages, String next,
            String previous, Options options, int firstRow, List<String> words) {

        /** The filters a saved search keeps (the "Save this search" form sends them to /alerts/searches). */
        public List<String> savedCriteria() {
            return List.of("q", "jurisdiction", "category", "mechanism", "modality", "dataCategory", "language",
                    "minConfidence");
        }

        /** Whether the words were read as more than one term, for the empty-result hint. */
        public boolean severalWords() {
            return words.size() > 1;
        }

        /** The query string of this page of results, for links back to it. */
        public String here() {
            return page.page() == null || page.page() == 0 ? form.query() : form.with("page", page.page().toString());
        }
    }

    /** The document page. */
    public record DocumentPageView(DocumentView document, List<DocumentLayout.Block> blocks,
            List<DocumentLayout.SideFinding> findings, OriginalFiles.Original original, String notice) {
    }

    /**
     * The add page: the form's values, and the errors of the last attempt by field (input id), for the form that was
     * sent ({@code paste}, {@code upload} or {@code url}); {@code problem} is a refusal that concerns no field.
     */
    public record AddView(Map<String, String> values, List<Problem.FieldError> errors, String message, String form,
            Problem problem) {

        public AddView(Map<String, String> values, List<Problem.FieldError> errors, String message) {
            this(values, errors, message, "paste", null);
        }

        public boolean sent(String name) {
            return name.equals(form) && (message != null || problem != null);
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.stream().filter(e -> e.field().equals(field)).map(Problem.FieldError::message).findFirst()
                    .orElse("");
        }

        /** The id of a form's input: "upload" and "jurisdiction" → "upload-jurisdiction". */
        public String inputId(String form, String field) {
            return form + "-" + field;
        }
    }

    /** The review page. */
    public record ReviewView(FindingView finding, List<Highlight.Fragment> fragments, Options options, String notice,
            String conflict, List<Problem.FieldError> errors, String comment, String jurisdictions, String back,
            List<ReviewStep> history) {

        /** Whether a reviewer added the finding (the classifier missed it). */
        public boolean addedByReviewer() {
            return "REVIEWER".equals(finding.origin());
        }

        /** What was wrong with one field of the form, "" when nothing. */
        public String error(String field) {
            return errors.stream().filter(e -> e.field().equals(field)).map(Problem.FieldError::message)
                    .findFirst().orElse("");
        }

        /** The search the reviewer came from, as a link, or null. */
        public String backLink() {
            return back == null || back.isBlank() ? null : "/?" + back;
        }

        public String etag() {
            return FindingReviews.etag(finding.version());
        }

        public boolean has(List<String> values, String value) {
            return values.contains(value);
        }
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance search(SearchView view);

        static native TemplateInstance document(DocumentPageView view);

        static native TemplateInstance add(AddView view);

        static native TemplateInstance finding(ReviewView view);

        static native TemplateInstance overview(Overview.Numbers numbers);

        static native TemplateInstance error(String message);

        static native TemplateInstance terms(List<TermGroup> groups);
    }

    private final FindingQuery query;
    private final FindingReviews reviews;
    private final DocumentService documents;
    private final DocumentInputs inputs;
    private final Overview overview;
    private final FindingsExport export;
    private final OriginalFiles originals;
    private final BeanParamReader params;
    private final ParamConverters converters;

    public ConsoleResource(FindingQuery query, FindingReviews reviews, DocumentService documents,
            DocumentInputs inputs, Overview overview, FindingsExport export, OriginalFiles originals,
            BeanParamReader params, ParamConverters converters) {
        this.query = query;
        this.reviews = reviews;
        this.documents = documents;
        this.inputs = inputs;
        this.overview = overview;
        this.export = export;
        this.originals = originals;
        this.params = params;
        this.converters = converters;
    }

    // --- Search -------------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Transactional
    public TemplateInstance search(@Context UriInfo uri) {
        SearchForm form = SearchForm.of(uri.getQueryParameters(), params);
        FindingPage page = query.find(form.filter(), form.cursor() == null ? form.page() : 0, form.size(),
                form.cursor());
        List<String> words = SearchTerms.parse(form.filter().text()).terms();
        List<Hit> hits = page.items().stream()
                .map(f -> new Hit(f, Highlight.fragments(f.passage().text(), f.passage().start(), f.evidence(),
                        words)))
                .toList();
        // numbered pages as far as offset paging reaches, then the cursor
        String next = null;
        String previous = null;
        if (page.page() != null) {
            int p = page.page();
            previous = p > 0 ? form.with("page", Integer.toString(p - 1)) : null;
            if (page.nextCursor() != null) {
                next = (long) (p + 1) * form.size() <= Paging.MAX_OFFSET
                        ? form.with("page", Integer.toString(p + 1))
                        : form.with("cursor", page.nextCursor());
            }
        } else if (page.nextCursor() != null) {
            next = form.with("cursor", page.nextCursor());
        }
        int firstRow = page.page() == null ? 0 : page.page() * form.size() + 1;
        return Templates.search(new SearchView(form, page, hits, pager(form, page), next, previous, Options.ALL,
                firstRow, words));
    }

    /** First, last and the pages around the current one, as far as offset paging reaches. */
    private static List<PageLink> pager(SearchForm form, FindingPage page) {
        if (page.page() == null || page.total() <= form.size()) {
            return List.of();
        }
        int current = page.page();
        long reachable = Math.min((page.total() + form.size() - 1) / form.size(),
                Paging.MAX_OFFSET / form.size() + 1);
        int last = (int) reachable - 1;
        TreeSet<Integer> shown = new TreeSet<>(List.of(0, last));
        for (int p = Math.max(0, current - 2); p <= Math.min(last, current + 2); p++) {
            shown.add(p);
        }
        return shown.stream().map(p -> new PageLink(Integer.toString(p + 1), form.with("page", Integer.toString(p)),
                p == current)).toList();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("export.csv")
    @Produces("text/csv")
    public Response exportCsv(@Context UriInfo uri) {
        SearchForm form = SearchForm.of(uri.getQueryParameters(), params);
        StreamingOutput body = out -> export.csv(form.filter(), out);
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"xborder-findings-" + today() + ".csv\"").build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("export.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response exportJson(@Context UriInfo uri) {
        SearchForm form = SearchForm.of(uri.getQueryParameters(), params);
        StreamingOutput body = out -> export.json(form.filter(), out);
        return Response.ok(body, MediaType.APPLICATION_JSON)
                .header("Content-Disposition", "attachment; filename=\"xborder-findings-" + today() + ".json\"")
                .build();
    }

    // --- Document -----------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("documents/{id}")
    public Response document(@PathParam("id") String id, @Context UriInfo uri) {
        Optional<Long> documentId = parseId(id);
        Optional<DocumentView> d = documentId.flatMap(documents::get);
        if (d.isEmpty()) {
            return notFound("There is no document " + id + ".");
        }
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        String notice = switch (String.valueOf(q.getFirst("added"))) {
            case "new" -> "The document was added and classified.";
            case "existing" -> "This text was stored before; here is that document.";
            default -> switch (String.valueOf(q.getFirst("edited"))) {
                case "saved" -> "The details were saved.";
                case "reclassified" -> "The details were saved, and the document was classified again for its new "
                        + "jurisdiction; reviewed findings were kept.";
                case "unchanged" -> "Nothing was changed.";
                default -> q.getFirst("reclassified") != null
                        ? "The document was classified again: " + count(q.getFirst("reclassified"), "finding")
                                + " now, " + count(q.getFirst("kept"), "reviewed finding") + " kept."
                        : null;
            };
        };
        DocumentView view = d.get();
        return Response.ok(Templates.document(new DocumentPageView(view, DocumentLayout.blocks(view),
                DocumentLayout.findings(view), originals.of(view.id()).orElse(null), notice))).build();
    }

    // --- Add ----------------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.ANALYST)
    @GET
    @Path("add")
    public TemplateInstance addForm() {
        return Templates.add(new AddView(Map.of(), List.of(), null));
    }

    /** Post/redirect/get: a stored document answers 303 to its page; a refused one shows the form again. */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("add")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response add(MultivaluedMap<String, String> form) {
        Map<String, String> values = new HashMap<>();
        for (String f : List.of("title", "text", "language", "jurisdiction", "publishedAt", "sourceUrl")) {
            String v = form.getFirst(f);
            values.put(f, v == null ? "" : v);
        }
        try {
            FormFields fields = new FormFields(converters);
            DocumentInput input = inputs.of(values.get("text"), fields.metadata(values.get("title"),
                    values.get("language"), values.get("jurisdiction"), values.get("sourceUrl"),
                    values.get("publishedAt")));
            fields.throwIfInvalid();
            DocumentService.Ingested ingested = documents.ingest(input);
            return Response.seeOther(URI.create("/documents/" + ingested.document().id() + "?added="
                    + (ingested.created() ? "new" : "existing"))).build();
        } catch (ProblemException e) {
            if (e.isInvalidRequest()) {
                return Response.status(400).entity(Templates.add(new AddView(values, e.errors(),
                        "The document was not added; please correct the fields marked below."))).build();
            }
            if (e.status() == 413) {
                return Response.status(413).entity(Templates.add(new AddView(values,
                        List.of(new Problem.FieldError("text", e.getMessage())), "The text is too long to add.")))
                        .build();
            }
            throw e;
        }
    }

    // --- Review -------------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("findings/{id}")
    public Response finding(@PathParam("id") String id, @Context UriInfo uri) {
        Optional<FindingView> f = parseId(id).flatMap(reviews::get);
        if (f.isEmpty()) {
            return notFound("There is no finding " + id + ".");
        }
        String notice = switch (String.valueOf(uri.getQueryParameters().getFirst("review"))) {
            case "saved" -> "Your review was saved.";
            case "added" -> "The finding was added, confirmed, as yours.";
            default -> null;
        };
        // the comment box starts empty: a new review's comment replaces the last one, which the page shows apart
        return Response.ok(Templates.finding(review(f.get(), notice, null, List.of(), "", null,
                back(uri.getQueryParameters().getFirst("back"))))).build();
    }

    /** The search query a review page links back to; only a query string (the link is built as "/?" + it). */
    static String back(String query) {
        return query == null || query.length() > 2000 || query.contains("#") ? null : query;
    }

    /**
     * Applies the review form through the same service as {@code PATCH /api/v1/findings/{id}}, with the version the
     * page was rendered from as the precondition: a review made on a stale page is refused and says so.
     */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("findings/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response review(@PathParam("id") String id, MultivaluedMap<String, String> form,
            @Context SecurityContext security) {
        String back = back(form.getFirst("back"));
        Optional<FindingView> current = parseId(id).flatMap(reviews::get);
        if (current.isEmpty()) {
            return notFound("There is no finding " + id + ".");
        }
        long findingId = current.get().id();
        String comment = Optional.ofNullable(form.getFirst("comment")).orElse("");
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        putIfPresent(body, "status", form.getFirst("status"));
        putIfPresent(body, "category", form.getFirst("category"));
        putIfPresent(body, "modality", form.getFirst("modality"));
        list(body, "mechanisms", form.get("mechanisms"));
        list(body, "dataCategories", form.get("dataCategories"));
        String jurisdictions = Optional.ofNullable(form.getFirst("jurisdictions")).orElse("");
        body.put("comment", comment);
        Optional<Integer> version = FindingReviews.version(Optional.ofNullable(form.getFirst("etag")).orElse(""));
        try {
            list(body, "jurisdictions", jurisdictionCodes(jurisdictions));
            FindingReview review = FindingReview.parse(body);
            reviews.review(findingId, version.map(List::of).orElse(List.of()), review,
                    Reviewer.of(security == null ? null : security.getUserPrincipal()));
            return Response.seeOther(URI.create("/findings/" + findingId + "?review=saved"
                    + (back == null ? "" : "&back=" + URLEncoder.encode(back, StandardCharsets.UTF_8)))).build();
        } catch (ProblemException e) {
            return switch (e.status()) {
                case 400 -> Response.status(400)
                        .entity(Templates.finding(review(current.get(), null, null, e.errors(), comment, jurisdictions,
                                back)))
                        .build();
                case 412 -> stale(findingId, comment, back);
                case 409 -> Response.status(409).entity(Templates.finding(review(current.get(), null, null,
                        List.of(new Problem.FieldError("category", e.getMessage())), comment, jurisdictions, back)))
                        .build();
                default -> throw e;
            };
        }
    }

    /** Someone else's review came first: the finding as it is now, and the reviewer's comment kept. */
    private Response stale(long findingId, String comment, String back) {
        FindingView now = reviews.get(findingId).orElseThrow();
        return Response.status(412).entity(Templates.finding(review(now, null,
                "Someone else reviewed this finding while you were editing it, so your review was NOT saved. "
                        + "The finding as it is now is shown below; check it and submit your review again.",
                List.of(), comment, null, back))).build();
    }

    /** {@code jurisdictions}: the field as typed, or null for the finding's own (as names). */
    private ReviewView review(FindingView f, String notice, String conflict, List<Problem.FieldError> errors,
            String comment, String jurisdictions, String back) {
        return new ReviewView(f, Highlight.fragments(f.passage().text(), f.passage().start(), f.evidence()),
                Options.ALL, notice, conflict, errors, comment == null ? "" : comment,
                jurisdictions != null ? jurisdictions : ConsoleExtensions.countryChoices(f.jurisdictions()), back,
                reviews.history(f.id()));
    }

    // --- Terms --------------------------------------------------------------------------------------------------

    /** What the taxonomy's terms and the confidence mean, in the words the pages use. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("terms")
    public TemplateInstance terms() {
        return Templates.terms(List.of(
                group("categories", "Categories", "What a finding is about.", Category.values(),
                        Category::description),
                group("modalities", "Modalities", "The force of the passage's main clause.", Modality.values(),
                        Modality::description),
                group("mechanisms", "Mechanisms", "How a transfer is allowed, conditioned or stopped.",
                        Mechanism.values(), Mechanism::description),
                group("data-categories", "Data categories", "Which data the passage is about.",
                        DataCategory.values(), DataCategory::description)));
    }

    private static <E extends Enum<E>> TermGroup group(String id, String title, String intro, E[] values,
            Function<E, String> definition) {
        return new TermGroup(id, title, intro, Arrays.stream(values)
                .map(v -> new Term(v.name(), ConsoleExtensions.label(v), definition.apply(v))).toList());
    }

    // --- Overview -----------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("overview")
    public TemplateInstance overview() {
        return Templates.overview(overview.numbers());
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    /** "1 finding", "3 findings"; "0 findings" for anything but a number. */
    static String count(String n, String noun) {
        String number = n != null && n.matches("\\d{1,9}") ? n : "0";
        return number + " " + noun + ("1".equals(number) ? "" : "s");
    }

    private static Response notFound(String message) {
        return Response.status(404).entity(Templates.error(message)).type(MediaType.TEXT_HTML).build();
    }

    /**
     * The id a page's path names; empty for anything but a positive integer, which the pages answer with their 404
     * ("There is no document abc."), not with the API's problem+json.
     */
    static Optional<Long> parseId(String id) {
        return id != null && id.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }

    /**
     * The codes of a list of jurisdictions as typed into the review form: names in English or Chinese or codes,
     * separated by commas (also Chinese ones) or semicolons; a name that itself holds a comma ("Saint Helena, Ascension
     * and Tristan da Cunha") is read whole. Anything unknown is a 400 on the field, never another country.
     */
    public static List<String> jurisdictionCodes(String typed) {
        List<String> parts = Arrays.stream(typed.split("[,;，、；\\n]")).map(String::strip).filter(p -> !p.isEmpty())
                .toList();
        List<String> codes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Countries.Resolved r = Countries.all().resolve(parts.get(i), false);
            for (int j = i + 1; r.country().isEmpty() && j < parts.size(); j++) {
                Countries.Resolved joined = Countries.all()
                        .resolve(String.join(", ", parts.subList(i, j + 1)), false);
                if (joined.country().isPresent()) {
                    r = joined;
                    i = j;
                }
            }
            if (r.country().isPresent()) {
                if (!codes.contains(r.country().get().code())) {
                    codes.add(r.country().get().code());
                }
            } else {
                problems.add(r.problem());
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid("jurisdictions", String.join("; ", problems));
        }
        return codes;
    }

    private static void putIfPresent(ObjectNode body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
    }

    private static void list(ObjectNode body, String field, List<String> values) {
        ArrayNode array = body.putArray(field);
        if (values != null) {
            values.forEach(array::add);
        }
    }

    private static String today() {
        return LocalDate.now(ZoneOffset.UTC).toString();
    }
}
