package io.xborder.review;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.console.ConsoleResource;
import io.xborder.console.Highlight;
import io.xborder.console.SearchForm;
import io.xborder.document.Passage;
import io.xborder.document.ReviewStatus;
import io.xborder.finding.FindingReview;
import io.xborder.finding.FindingReviews;
import io.xborder.finding.FindingView;
import io.xborder.http.BeanParamReader;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
import io.xborder.security.Reviewer;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The console's review pages: the queue (one finding at a time, large verdict buttons, keyboard shortcuts, next and
 * previous without going back to search, bulk verdicts for a selection or the whole filtered queue), and the form
 * that adds a finding the classifier missed on a passage. Changes go through the same services as the API.
 */
@Path("/review")
@Produces(MediaType.TEXT_HTML)
public class ReviewConsoleResource {

    /** Parameters of the queue page that are not search filters. */
    private static final Set<String> OWN = Set.of("order", "at", "done", "page", "size", "cursor");
    /** Findings listed beside the current one. */
    private static final int LISTED = 20;

    private final ReviewQueue queue;
    private final FindingReviews reviews;
    private final BulkReviews bulk;
    private final MissedFindings missed;
    private final BeanParamReader params;
    private final EntityManager em;

    public ReviewConsoleResource(ReviewQueue queue, FindingReviews reviews, BulkReviews bulk, MissedFindings missed,
            BeanParamReader params, EntityManager em) {
        this.queue = queue;
        this.reviews = reviews;
        this.bulk = bulk;
        this.missed = missed;
        this.params = params;
        this.em = em;
    }

    /** A finding of the queue as the page shows it. */
    public record Item(long position, double distance, FindingView finding, List<Highlight.Fragment> fragments,
            boolean current) {
    }

    /** The queue page. */
    public record QueueView(SearchForm form, String order, long at, long total, boolean totalExact, Item current,
            List<Item> listed, Map<String, Double> thresholds, String notice, String conflict,
            BulkReviewResult summary, ConsoleResource.Options options, boolean anyFinding) {

        /** The queue's query (filters and order) without the position. */
        public String query() {
            String filters = form.query();
            String o = "order=" + order;
            return filters.isEmpty() ? o : filters + "&" + o;
        }

        /** The query of a position of this queue. */
        public String at(long position) {
            return query() + "&at=" + position;
        }

        public String next() {
            return current != null && at + 1 < total ? at(at + 1) : null;
        }

        public String previous() {
            return at > 0 ? at(Math.min(at - 1, Math.max(total - 1, 0))) : null;
        }

        /** The review page of the current finding, with a link back here. */
        public String reviewLink() {
            return "/findings/" + current.finding().id() + "?back=" + URLEncoder.encode(form.query(),
                    StandardCharsets.UTF_8);
        }

        public boolean uncertainty() {
            return "UNCERTAINTY".equals(order);
        }

        /** A threshold as the page prints it: "50 %". */
        public String threshold(String category) {
            Double t = thresholds.get(category);
            return t == null ? "" : Math.round(t * 100) + " %";
        }
    }

    /** The missed-finding form. */
    public record MissedView(long passageId, String passageText, String language, long documentId,
            String documentTitle, List<FindingView> existing, Map<String, String> values, List<String> mechanisms,
            List<String> dataCategories, List<Problem.FieldError> errors, ConsoleResource.Options options,
            String back) {

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public boolean checked(String field, String value) {
            return "mechanisms".equals(field) ? mechanisms.contains(value) : dataCategories.contains(value);
        }

        public String error(String field) {
            return errors.stream().filter(e -> e.field().equals(field)).map(Problem.FieldError::message)
                    .findFirst().orElse("");
        }

        public String backLink() {
            return back == null || back.isBlank() ? null : back;
        }
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance queue(QueueView view);

        static native TemplateInstance missed(MissedView view);

        static native TemplateInstance missing(String message);
    }

    // --- queue --------------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.VIEWER)
    @GET
    public Response page(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        String notice = null;
        String done = q.getFirst("done");
        if (done != null && done.matches("[0-9]{1,18}:(CONFIRMED|REJECTED)")) {
            String[] parts = done.split(":");
            notice = "Finding " + parts[0] + " was " + (parts[1].equals("CONFIRMED") ? "confirmed" : "rejected")
                    + ". Here is the next one.";
        }
        return Response.ok(Templates.queue(view(q, position(q.getFirst("at")), notice, null, null))).build();
    }

    /** One verdict on the current finding, made on the version the page showed. */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("verdict")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verdict(MultivaluedMap<String, String> form, @Context SecurityContext security) {
        MultivaluedMap<String, String> q = queueQuery(form.getFirst("queue"));
        long at = position(form.getFirst("at"));
        Optional<Long> id = parseId(form.getFirst("finding"));
        String status = form.getFirst("status");
        if (id.isEmpty() || !("CONFIRMED".equals(status) || "REJECTED".equals(status))) {
            return Response.status(400).entity(Templates.queue(view(q, at, null,
                    "The verdict was not understood; choose Confirm or Reject.", null))).build();
        }
        Optional<Integer> version = FindingReviews.version(Optional.ofNullable(form.getFirst("etag")).orElse(""));
        String comment = Optional.ofNullable(form.getFirst("comment")).orElse("").strip();
        if (comment.length() > FindingReview.MAX_COMMENT) {
            return Response.status(400).entity(Templates.queue(view(q, at, null, "The comment is longer than "
                    + FindingReview.MAX_COMMENT + " characters; nothing was saved.", null))).build();
        }
        FindingReview review = new FindingReview(ReviewStatus.valueOf(status), null, null, null, null, null,
                !comment.isEmpty(), comment.isEmpty() ? null : comment);
        try {
            reviews.review(id.get(), version.map(List::of).orElse(List.of()), review,
                    Reviewer.of(security.getUserPrincipal()));
        } catch (ProblemException e) {
            if (e.status() == 412 || e.status() == 404) {
                String now = reviews.get(id.get()).map(f -> " It now stands as " + f.reviewStatus().toLowerCase()
                        + (f.reviewedBy() == null
                                ? ""
                                : " by " + io.xborder.console.ConsoleExtensions
                                        .reviewer(f.reviewedBy()))
                        + ".").orElse(" It no longer exists.");
                return Response.status(e.status() == 404 ? 404 : 412).entity(Templates.queue(view(q, at, null,
                        "Your verdict on finding " + id.get() + " was NOT saved: someone else reviewed or changed it "
                                + "while you were looking at it." + now + " The queue has moved on; check the "
                                + "finding below.",
                        null))).build();
            }
            throw e;
        }
        return Response.seeOther(URI.create("/review?" + query(q, at) + "&done=" + id.get() + ":" + status)).build();
    }

    /** A bulk verdict: the selected findings (each at the version shown) or every finding of the filtered queue. */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response bulk(MultivaluedMap<String, String> form, @Context SecurityContext security) {
        MultivaluedMap<String, String> q = queueQuery(form.getFirst("queue"));
        long at = position(form.getFirst("at"));
        String status = form.getFirst("status");
        String scope = form.getFirst("scope");
        if (!("CONFIRMED".equals(status) || "REJECTED".equals(status))
                || !("SELECTION".equals(scope) || "FILTER".equals(scope))) {
            return Response.status(400).entity(Templates.queue(view(q, at, null,
                    "The bulk verdict was not understood; nothing was changed.", null))).build();
        }
        List<BulkReviewRequest.Item> items = null;
        if (scope.equals("SELECTION")) {
            items = new ArrayList<>();
            for (String value : Optional.ofNullable(form.get("selected")).orElse(List.of())) {
                String[] parts = value.split(":");
                if (parts.length == 2 && parts[0].matches("[0-9]{1,18}") && parts[1].matches("[0-9]{1,9}")) {
                    items.add(new BulkReviewRequest.Item(Long.parseLong(parts[0]), Integer.parseInt(parts[1])));
                }
            }
            if (items.isEmpty()) {
                return Response.status(400).entity(Templates.queue(view(q, at, null,
                        "No finding was selected: tick the findings to " + (status.equals("CONFIRMED")
                                ? "confirm"
                                : "reject") + " in the list first.",
                        null))).build();
            }
        }
        SearchForm filters = SearchForm.of(filtersOf(q), params);
        if (!filters.errors().isEmpty()) {
            return Response.status(400).entity(Templates.queue(view(q, at, null,
                    "The filters are not valid, so nothing was changed; correct them first.", null))).build();
        }
        String comment = Optional.ofNullable(form.getFirst("comment")).orElse("").strip();
        BulkReviewResult result = bulk.apply(new BulkReviewRequest(BulkReviewRequest.Verdict.valueOf(status),
                BulkReviewRequest.Scope.valueOf(scope), items, null,
                comment.isEmpty()
                        ? null
                        : comment.substring(0, Math.min(comment.length(),
                                FindingReview.MAX_COMMENT))),
                filters.filter(), Reviewer.of(security.getUserPrincipal()));
        return Response.ok(Templates.queue(view(q, at, null, null, result))).build();
    }

    private QueueView view(MultivaluedMap<String, String> q, long at, String notice, String conflict,
            BulkReviewResult summary) {
        SearchForm form = SearchForm.of(filtersOf(q), params);
        QueueOrder order = "NEWEST".equals(q.getFirst("order")) ? QueueOrder.NEWEST : QueueOrder.UNCERTAINTY;
        QueuePage listPage = queue.page(form.filter(), order, (int) (at / LISTED), LISTED);
        long position = at;
        if (listPage.total() > 0 && position >= listPage.total()) {
            // the end of the queue moved up (findings were reviewed): show its last one
            position = listPage.total() - 1;
            listPage = queue.page(form.filter(), order, (int) (position / LISTED), LISTED);
        }
        List<Item> listed = new ArrayList<>();
        Item current = null;
        for (QueuePage.QueueItem i : listPage.items()) {
            FindingView f = i.finding();
            Item item = new Item(i.position(), i.distance(), f,
                    Highlight.fragments(f.passage().text(), f.passage().start(), f.evidence()),
                    i.position() == position);
            listed.add(item);
            if (item.current()) {
                current = item;
            }
        }
        boolean anyFinding = listPage.total() > 0 || queue.anyFinding(form.filter());
        return new QueueView(form, order.name(), position, listPage.total(), listPage.totalExact(), current, listed,
                listPage.thresholds(), notice, conflict, summary, ConsoleResource.Options.ALL, anyFinding);
    }

    // --- missed findings ----------------------------------------------------------------------------------------

    @RolesAllowed(Roles.ANALYST)
    @GET
    @Path("passages/{id}/add")
    @Transactional
    public Response missedForm(@PathParam("id") String id, @Context UriInfo uri) {
        Optional<Passage> p = parseId(id).map(pid -> em.find(Passage.class, pid));
        if (p.isEmpty() || p.get() == null) {
            return notFound(id);
        }
        return Response.ok(Templates.missed(missedView(p.get(), Map.of(), List.of(), List.of(), List.of(),
                back(uri.getQueryParameters().getFirst("back"))))).build();
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("passages/{id}/add")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addMissed(@PathParam("id") String id, MultivaluedMap<String, String> form,
            @Context SecurityContext security) {
        Optional<Long> passageId = parseId(id);
        String passageText = passageId.map(pid -> QuarkusTransaction.requiringNew().call(() -> {
            Passage found = em.find(Passage.class, pid);
            return found == null ? null : found.text;
        })).orElse(null);
        if (passageText == null) {
            return notFound(id);
        }
        long pid = passageId.get();
        Map<String, String> values = new HashMap<>();
        for (String f : List.of("category", "modality", "jurisdictions", "words", "start", "comment")) {
            values.put(f, Optional.ofNullable(form.getFirst(f)).orElse(""));
        }
        List<String> mechanisms = Optional.ofNullable(form.get("mechanisms")).orElse(List.of());
        List<String> dataCategories = Optional.ofNullable(form.get("dataCategories")).orElse(List.of());
        String back = back(form.getFirst("back"));
        List<Problem.FieldError> errors = new ArrayList<>();
        Category category = enumValue(Category.class, values.get("category"), "category", errors);
        Modality modality = enumValue(Modality.class, values.get("modality"), "modality", errors);
        List<Mechanism> ms = new ArrayList<>();
        mechanisms.forEach(m -> ms.add(enumValue(Mechanism.class, m, "mechanisms", errors)));
        List<DataCategory> ds = new ArrayList<>();
        dataCategories.forEach(d -> ds.add(enumValue(DataCategory.class, d, "dataCategories", errors)));
        List<Jurisdiction> js = new ArrayList<>();
        try {
            ConsoleResource.jurisdictionCodes(values.get("jurisdictions"))
                    .forEach(c -> Jurisdiction.of(c).ifPresent(js::add));
        } catch (ProblemException e) {
            errors.addAll(e.errors());
        }
        MissedFindingRequest.Span span = span(passageText, values.get("words"), values.get("start"), errors);
        String comment = values.get("comment").strip();
        if (comment.length() > FindingReview.MAX_COMMENT) {
            errors.add(new Problem.FieldError("comment", "must be at most " + FindingReview.MAX_COMMENT
                    + " characters"));
        }
        if (errors.isEmpty()) {
            try {
                FindingView added = missed.add(pid, new MissedFindingRequest(category, modality, ms, js, ds,
                        List.of(span), comment.isEmpty() ? null : comment), Reviewer.of(security.getUserPrincipal()));
                return Response.seeOther(URI.create("/findings/" + added.id() + "?review=added")).build();
            } catch (ProblemException e) {
                if (e.status() == 409) {
                    errors.add(new Problem.FieldError("category", e.getMessage()));
                } else if (e.status() == 400) {
                    e.errors().forEach(err -> errors.add(new Problem.FieldError(
                            err.field().startsWith("evidence") ? "words" : err.field(), err.message())));
                } else {
                    throw e;
                }
            }
        }
        return Response.status(errors.stream().anyMatch(e -> e.message().contains("already has")) ? 409 : 400)
                .entity(Templates.missed(QuarkusTransaction.requiringNew().call(() -> missedView(
                        em.find(Passage.class, pid), values, mechanisms, dataCategories, errors, back))))
                .build();
    }

    /**
     * The evidence span: the words as selected (the page's script sends where they start) or typed (found in the
     * passage); a 400 at the field when they are not in it.
     */
    static MissedFindingRequest.Span span(String passage, String words, String start,
            List<Problem.FieldError> errors) {
        String w = words == null ? "" : words.strip();
        if (w.isEmpty()) {
            errors.add(new Problem.FieldError("words", "select the words of the passage that show the finding"));
            return null;
        }
        int at = -1;
        if (start != null && start.matches("[0-9]{1,7}")) {
            int s = Integer.parseInt(start);
            at = passage.startsWith(w, s) ? s : -1;
        }
        if (at < 0) {
            at = passage.indexOf(w);
        }
        if (at < 0) {
            errors.add(new Problem.FieldError("words", "“" + (w.length() > 60 ? w.substring(0, 60) + "…" : w)
                    + "” is not in the passage; select words of the passage itself"));
            return null;
        }
        return new MissedFindingRequest.Span(at, at + w.length(), w);
    }

    private MissedView missedView(Passage p, Map<String, String> values, List<String> mechanisms,
            List<String> dataCategories, List<Problem.FieldError> errors, String back) {
        List<FindingView> existing = new ArrayList<>();
        p.findings.forEach(f -> reviews.get(f.id).ifPresent(existing::add));
        Map<String, String> shown = new HashMap<>(values);
        shown.putIfAbsent("modality", "REQUIREMENT");
        if (!shown.containsKey("jurisdictions") && p.document.jurisdiction != null) {
            shown.put("jurisdictions", io.xborder.console.ConsoleExtensions.countryChoices(
                    List.of(p.document.jurisdiction)));
        }
        return new MissedView(p.id, p.text, p.language, p.document.id, p.document.title, existing, shown, mechanisms,
                dataCategories, errors, ConsoleResource.Options.ALL, back);
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field,
            List<Problem.FieldError> errors) {
        try {
            return Enum.valueOf(type, value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, value == null || value.isBlank()
                    ? "choose one"
                    : "'" + value + "' is not one of the choices"));
            return null;
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static MultivaluedMap<String, String> filtersOf(MultivaluedMap<String, String> q) {
        MultivaluedMap<String, String> out = new MultivaluedHashMap<>();
        q.forEach((k, v) -> {
            if (!OWN.contains(k) && !k.equals("reviewStatus")) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** The queue's query string as the form carries it back. */
    private static MultivaluedMap<String, String> queueQuery(String query) {
        MultivaluedMap<String, String> out = new MultivaluedHashMap<>();
        if (query == null || query.length() > 4000) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.add(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String query(MultivaluedMap<String, String> q, long at) {
        StringBuilder sb = new StringBuilder();
        q.forEach((k, vs) -> {
            if (!k.equals("at") && !k.equals("done")) {
                vs.forEach(v -> sb.append(sb.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            }
        });
        return sb.append(sb.isEmpty() ? "" : "&").append("at=").append(at).toString();
    }

    private static long position(String at) {
        return at != null && at.matches("[0-9]{1,9}") ? Long.parseLong(at) : 0;
    }

    private static Optional<Long> parseId(String id) {
        return id != null && id.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(id)) : Optional.empty();
    }

    /** Where the missed-finding form returns: a console path ("/documents/7", "/?q=…"), nothing else. */
    static String back(String back) {
        return back != null && back.length() < 2000 && back.startsWith("/") && !back.startsWith("//")
                && !back.contains("\\") ? back : null;
    }

    private static Response notFound(String id) {
        return Response.status(404).type(MediaType.TEXT_HTML)
                .entity(Templates.missing("There is no passage " + (id != null && id.matches("[0-9]{1,18}")
                        ? id
                        : "with that id") + "."))
                .build();
    }
}
