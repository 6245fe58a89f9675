package io.xborder.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.document.DocumentLibrary;
import io.xborder.document.DocumentService;
import io.xborder.http.ParamConverters;
import io.xborder.http.Problem;
import io.xborder.http.ProblemException;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The document library: every document with filters, sort and pages (those without findings too), and a document's
 * metadata corrected, its reclassification and its deletion. Forms are answered post/redirect/get.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ConsoleDocumentsResource {

    static final int PAGE_SIZE = 25;
    private static final int MAX_TITLE = 500;
    private static final List<String> FILTERS = List.of("q", "jurisdiction", "language", "source", "findings", "from",
            "to", "added", "sort");
    /** The source filter's value for documents added by hand; feeds are {@code feed:ID}, sites {@code site:HOST}. */
    static final String BY_HAND = "hand";

    /** The list page: the filters as typed, their errors, the rows and the pager. */
    public record LibraryView(Map<String, String> values, List<Problem.FieldError> errors, DocumentLibrary.Page page,
            List<ConsoleResource.PageLink> pages, String previous, String next, String notice,
            List<SourceChoice> feeds, List<SourceChoice> sites, SourceChoice unlisted) {

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.stream().filter(e -> e.field().equals(field)).map(Problem.FieldError::message).findFirst()
                    .orElse("");
        }

        public boolean hasFilters() {
            return values.entrySet().stream().anyMatch(e -> !e.getKey().equals("sort") && !e.getValue().isEmpty());
        }
    }

    /** One choice of the source filter: the value kept in the address and the words shown for it. */
    public record SourceChoice(String value, String label) {
    }

    /** The edit form of a document's metadata. */
    public record EditView(long id, String currentTitle, Map<String, String> values, List<Problem.FieldError> errors) {

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.stream().filter(e -> e.field().equals(field)).map(Problem.FieldError::message).findFirst()
                    .orElse("");
        }
    }

    @CheckedTemplate(basePath = "ConsoleResource")
    static class Templates {

        static native TemplateInstance documents(LibraryView view);

        static native TemplateInstance documentEdit(EditView view);
    }

    private final DocumentLibrary library;
    private final DocumentService documents;
    private final ParamConverters converters;

    public ConsoleDocumentsResource(DocumentLibrary library, DocumentService documents, ParamConverters converters) {
        this.library = library;
        this.documents = documents;
        this.converters = converters;
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("documents")
    public TemplateInstance list(@Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : FILTERS) {
            String v = q.getFirst(f);
            values.put(f, v == null ? "" : v.strip());
        }
        FormFields fields = new FormFields(converters);
        List<Problem.FieldError> errors = new ArrayList<>();
        String jurisdiction = null;
        Countries.Resolved j = Countries.all().resolve(values.get("jurisdiction"), true);
        if (j.problem() != null) {
            errors.add(new Problem.FieldError("jurisdiction", j.problem()));
        } else if (j.unknownJurisdiction()) {
            jurisdiction = DocumentLibrary.NO_JURISDICTION;
            values.put("jurisdiction", Countries.UNKNOWN_CHOICE);
        } else if (j.country().isPresent()) {
            jurisdiction = j.country().get().code();
            values.put("jurisdiction", j.country().get().choice());
        }
        Language language = fields.read(Language.class, "language", values.get("language"));
        LocalDate from = fields.read(LocalDate.class, "from", values.get("from"));
        LocalDate to = fields.read(LocalDate.class, "to", values.get("to"));
        LocalDate added = fields.read(LocalDate.class, "added", values.get("added"));
        errors.addAll(fields.errors());
        DocumentLibrary.Sources sources = library.sources();
        DocumentLibrary.Source source = null;
        SourceChoice unlisted = null;
        String s = values.get("source");
        if (s.equals(BY_HAND)) {
            source = new DocumentLibrary.ByHand();
        } else if (s.matches("feed:\\d{1,18}")) {
            long feedId = Long.parseLong(s.substring(5));
            if (sources.feeds().containsKey(feedId)) {
                source = new DocumentLibrary.FromFeed(feedId);
            } else {
                errors.add(new Problem.FieldError("source",
                        "the feed this address names no longer exists: it may have been deleted"));
                unlisted = new SourceChoice(s, "A deleted feed");
            }
        } else if (s.matches("site:[^\\s/:?#@]{1,253}")) {
            String host = s.substring(5).toLowerCase(Locale.ROOT);
            source = new DocumentLibrary.FromSite(host);
            values.put("source", "site:" + host);
            if (!sources.sites().contains(host)) { // a site with no document (any more): still shown as chosen
                unlisted = new SourceChoice("site:" + host, host);
            }
        } else if (!s.isEmpty()) {
            errors.add(new Problem.FieldError("source",
                    "“" + s + "” is not a source: choose a site, a feed or “Added by hand”"));
            unlisted = new SourceChoice(s, "“" + s + "” (not a source)");
        }
        Boolean hasFindings = switch (values.get("findings")) {
            case "with" -> true;
            case "without" -> false;
            default -> null;
        };
        DocumentLibrary.Sort sort = switch (values.get("sort")) {
            case "published" -> DocumentLibrary.Sort.PUBLISHED;
            case "title" -> DocumentLibrary.Sort.TITLE;
            case "findings" -> DocumentLibrary.Sort.FINDINGS;
            default -> DocumentLibrary.Sort.ADDED;
        };
        int page = 0;
        String p = q.getFirst("page");
        if (p != null && p.matches("\\d{1,6}")) {
            page = Math.max(0, Integer.parseInt(p) - 1);
        }
        String words = values.get("q").isEmpty() ? null : values.get("q");
        DocumentLibrary.Page result = library.find(new DocumentLibrary.Filter(words, jurisdiction,
                language == null ? null : language.code(), hasFindings, from, to, added, source), sort, page,
                PAGE_SIZE);
        if (page > 0 && result.items().isEmpty() && result.total() > 0) { // past the end: the last page
            page = result.pages() - 1;
            result = library.find(new DocumentLibrary.Filter(words, jurisdiction,
                    language == null ? null : language.code(), hasFindings, from, to, added, source), sort, page,
                    PAGE_SIZE);
        }
        String base = query(values, errors);
        List<ConsoleResource.PageLink> pages = new ArrayList<>();
        int last = result.pages() - 1;
        for (int i = 0; i <= last; i++) {
            if (i == 0 || i == last || Math.abs(i - page) <= 2) {
                pages.add(new ConsoleResource.PageLink(Integer.toString(i + 1), with(base, i), i == page));
            }
        }
        String notice = q.getFirst("deleted") != null
                ? "The document “" + q.getFirst("deleted") + "” was deleted with its findings."
                : null;
        return Templates.documents(new LibraryView(values, errors, result, pages.size() > 1 ? pages : List.of(),
                page > 0 ? with(base, page - 1) : null, page < last ? with(base, page + 1) : null, notice,
                sources.feeds().entrySet().stream().map(e -> new SourceChoice("feed:" + e.getKey(), e.getValue()))
                        .toList(),
                sources.sites().stream().map(h -> new SourceChoice("site:" + h, h)).toList(), unlisted));
    }

    private static String query(Map<String, String> values, List<Problem.FieldError> errors) {
        StringJoiner j = new StringJoiner("&");
        values.forEach((k, v) -> {
            boolean wrong = errors.stream().anyMatch(e -> e.field().equals(k));
            if (!v.isEmpty() && !wrong) {
                j.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return j.toString();
    }

    private static String with(String base, int page) {
        return (base.isEmpty() ? "" : base + "&") + "page=" + (page + 1);
    }

    // --- edit ---------------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.ANALYST)
    @GET
    @Path("documents/{id}/edit")
    public Response editForm(@PathParam("id") String id) {
        Optional<Long> documentId = ConsoleResource.parseId(id);
        Optional<DocumentLibrary.Metadata> m = documentId.flatMap(library::metadata);
        if (m.isEmpty()) {
            return notFound("There is no document " + id + ".");
        }
        Map<String, String> values = new HashMap<>();
        values.put("title", m.get().title());
        values.put("publishedAt", m.get().publishedAt() == null ? "" : m.get().publishedAt().toString());
        values.put("jurisdiction", m.get().jurisdiction() == null
                ? ""
                : Countries.all().byCode(m.get().jurisdiction()).map(Countries.Country::choice)
                        .orElse(m.get().jurisdiction()));
        return Response.ok(Templates.documentEdit(new EditView(documentId.get(), m.get().title(), values, List.of())))
                .build();
    }

    /** Validates the corrected metadata (errors next to their fields), stores and audits it, then shows the page. */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("documents/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response edit(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Optional<Long> documentId = ConsoleResource.parseId(id);
        Optional<DocumentLibrary.Metadata> current = documentId.flatMap(library::metadata);
        if (current.isEmpty()) {
            return notFound("There is no document " + id + ".");
        }
        Map<String, String> values = new HashMap<>();
        for (String f : List.of("title", "publishedAt", "jurisdiction")) {
            String v = form.getFirst(f);
            values.put(f, v == null ? "" : v.strip());
        }
        FormFields fields = new FormFields(converters);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (values.get("title").isEmpty()) {
            errors.add(new Problem.FieldError("title", "give the document a title"));
        } else if (values.get("title").length() > MAX_TITLE) {
            errors.add(new Problem.FieldError("title", "must be at most " + MAX_TITLE + " characters"));
        }
        LocalDate published = fields.read(LocalDate.class, "publishedAt", values.get("publishedAt"));
        if (published != null && published.isAfter(LocalDate.now().plusDays(1))) {
            errors.add(new Problem.FieldError("publishedAt", "is in the future"));
        }
        Jurisdiction jurisdiction = fields.jurisdiction("jurisdiction", values.get("jurisdiction"));
        errors.addAll(fields.errors());
        if (!errors.isEmpty()) {
            return Response.status(400).entity(Templates.documentEdit(new EditView(documentId.get(),
                    current.get().title(), values, errors))).build();
        }
        try {
            DocumentLibrary.Corrected c = library.correct(documentId.get(), new DocumentLibrary.Metadata(
                    values.get("title"), published, jurisdiction == null ? null : jurisdiction.code()));
            String outcome = !c.changed() ? "unchanged" : c.jurisdictionChanged() ? "reclassified" : "saved";
            return Response.seeOther(URI.create("/documents/" + documentId.get() + "?edited=" + outcome)).build();
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return notFound("There is no document " + id + ".");
            }
            throw e;
        }
    }

    // --- reclassify and delete ----------------------------------------------------------------------------------

    /** Classifies this one document again, whatever ruleset made it; reviewed findings are kept. */
    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("documents/{id}/reclassify")
    public Response reclassify(@PathParam("id") String id) {
        Optional<Long> documentId = ConsoleResource.parseId(id).filter(documents::exists);
        if (documentId.isEmpty()) {
            return notFound("There is no document " + id + ".");
        }
        DocumentService.Reclassified r = documents.reclassify(documentId.get(), true);
        return Response.seeOther(URI.create("/documents/" + documentId.get() + "?reclassified=" + r.findingsNow()
                + "&kept=" + r.findingsKept())).build();
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("documents/{id}/delete")
    public Response delete(@PathParam("id") String id) {
        Optional<Long> documentId = ConsoleResource.parseId(id);
        Optional<String> title = documentId.flatMap(library::metadata).map(DocumentLibrary.Metadata::title);
        if (title.isEmpty() || !documents.delete(documentId.get())) {
            return notFound("There is no document " + id + ".");
        }
        String shown = title.get().length() > 80 ? title.get().substring(0, 79) + "…" : title.get();
        return Response.seeOther(URI.create("/documents?deleted=" + URLEncoder.encode(shown, StandardCharsets.UTF_8)))
                .build();
    }

    /** The form-only addresses opened directly: the document's page. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("documents/{id}/{action:reclassify|delete}")
    public Response documentAction(@PathParam("id") String id) {
        return Response.seeOther(URI.create(ConsoleResource.parseId(id).map(d -> "/documents/" + d)
                .orElse("/documents"))).build();
    }

    private static Response notFound(String message) {
        return Response.status(404).entity(ConsoleResource.Templates.error(message)).type(MediaType.TEXT_HTML)
                .build();
    }

}
