package io.xborder.alert;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Jurisdiction;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.console.ConsoleExtensions;
import io.xborder.console.Countries;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's alerts pages. Every signed-in user saves searches (from the search page), opens one (the search page
 * with its filters; it is marked as looked at), renames it or changes its filter, deletes it (asked first) and makes
 * or revokes its feed links; analysts and admins create, pause, resume and delete webhooks and read their delivery
 * log; admins replay a delivery. Forms are answered post/redirect/get; a refused form is shown again with the
 * message next to its field. The same services as the API (src/docs/alerts.md), so the same rules apply.
 */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertConsoleResource {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneOffset.UTC);
    /** The criteria of a saved search, in the search page's parameter names and order. */
    static final List<String> CRITERIA = List.of("q", "jurisdiction", "category", "mechanism", "modality",
            "dataCategory", "language", "minConfidence");
    private static final DateTimeFormatter RANGE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern DISABLED = Pattern.compile("(\\d+) failed attempts in a row; the last: (.*)",
            Pattern.DOTALL);

    private final SavedSearchService searches;
    private final WebhookService webhooks;
    private final ParamConverters converters;
    private final Template error;

    public AlertConsoleResource(SavedSearchService searches, WebhookService webhooks, ParamConverters converters,
            @Location("ConsoleResource/error.html") Template error) {
        this.searches = searches;
        this.webhooks = webhooks;
        this.converters = converters;
        this.error = error;
    }

    @CheckedTemplate
    static class Templates {

        /** getUrl: the page's own address, put in the address bar after a refused form (console.js) */
        static native TemplateInstance alerts(Page page, String getUrl);

        static native TemplateInstance search(SearchPage page, String getUrl);

        static native TemplateInstance webhook(WebhookPage page, String getUrl, String refusal);
    }

    /** The values a form was sent with and what was wrong with them, by field. */
    public record Form(Map<String, String> values, List<Problem.FieldError> errors) {

        static Form empty() {
            return new Form(Map.of(), List.of());
        }

        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.stream().filter(e -> e.field().equals(field)).map(Problem.FieldError::message).findFirst()
                    .orElse("");
        }

        public boolean checked(String field) {
            return "on".equals(values.get(field)) || "true".equals(values.get(field));
        }
    }

    /** A saved search as the page lists it. */
    public record SearchRow(long id, String name, String owner, boolean shared, String criteria, long newFindings,
            boolean newFindingsExact, String lastLookedAt, boolean feedEnabled, boolean mayChange) {
    }

    /** A webhook as the page lists it. */
    public record WebhookRow(long id, String searchName, String url, String state, boolean active, boolean paused,
            String disabledAt, String disabledReason, int consecutiveFailures, long pending, String delivery,
            boolean mayChange) {
    }

    /** A delivery attempt in words. */
    public record AttemptRow(long webhookId, String eventId, String attemptedAt, boolean delivered, String outcome,
            int latencyMs, String answer) {
    }

    /** The alerts page; the webhook parts are empty for viewers. */
    public record Page(String notice, String refusal, List<SearchRow> searches, boolean analyst,
            List<WebhookRow> webhooks, List<AttemptRow> attempts, List<Option> searchChoices, Form webhookForm,
            String message) {
    }

    /** An option of a select: its value and what it shows. */
    public record Option(String value, String label) {
    }

    /** The save / change form of a saved search, with its feed links (once, after they were made). */
    public record SearchPage(Long id, String name, String notice, String message, Form form, boolean mayChange,
            boolean feedEnabled, String atom, String jsonFeed, String criteria, String searchLink,
            List<Option> categories, List<Option> mechanisms, List<Option> modalities,
            List<Option> dataCategories) {

        public boolean saved() {
            return id != null;
        }
    }

    /** An event of a webhook with its attempts in words. */
    public record EventRow(String id, String kind, boolean delivered, String state, int attempts, String createdAt,
            List<AttemptRow> log) {
    }

    /** One webhook: its state in words, the secret once after creation, its delivery log, the range replay form. */
    public record WebhookPage(WebhookRow webhook, String secret, String notice, boolean admin, List<EventRow> events,
            long total, RangeReplay replay) {
    }

    /**
     * The form that sends again the messages made in a time range (admins): what was typed, what was wrong with it,
     * a message about the whole range (none in it), and, before anything is sent, the confirmation with the count.
     */
    public record RangeReplay(Form form, String message, Long count, String range) {

        static RangeReplay empty() {
            return new RangeReplay(Form.empty(), null, null, null);
        }

        public boolean confirming() {
            return count != null;
        }
    }

    // --- the page ------------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.VIEWER)
    @GET
    public TemplateInstance page(@Context SecurityContext security, @Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        String notice = null;
        if (q.getFirst("saved") != null) {
            notice = "The search was saved. Open it here to see its findings; its count of new findings starts "
                    + "again from then.";
        } else if (q.getFirst("changed") != null) {
            notice = "The search was changed.";
        } else if (q.getFirst("deleted") != null) {
            notice = "The search was deleted, with its webhooks.";
        } else if (q.getFirst("webhookDeleted") != null) {
            notice = "The webhook was deleted.";
        }
        return page(security, notice, null, Form.empty(), null);
    }

    private TemplateInstance page(SecurityContext security, String notice, String refusal, Form webhookForm,
            String message) {
        Caller caller = Caller.of(security);
        List<SavedSearchView> mine = searches.list(0, 200, caller).items();
        List<SearchRow> rows = mine.stream().map(s -> new SearchRow(s.id(), s.name(), owner(s.owner()), s.shared(),
                describe(s.criteria()), s.newFindings(), s.newFindingsExact(), time(s.lastLookedAt()),
                s.feedEnabled(), caller.mayChange(s.owner()))).toList();
        boolean analyst = security.isUserInRole(Roles.ANALYST);
        Map<Long, String> names = new HashMap<>();
        mine.forEach(s -> names.put(s.id(), s.name()));
        List<WebhookRow> hooks = analyst
                ? webhooks.list(0, 200).items().stream().map(w -> row(w, names, caller)).toList()
                : List.of();
        List<AttemptRow> attempts = analyst
                ? webhooks.recentAttempts(30).stream().map(a -> attempt(a.webhookId(), a.eventId(), a.attemptedAt(),
                        a.status(), a.outcome(), a.latencyMs(), a.error(), a.responseExcerpt())).toList()
                : List.of();
        List<Option> choices = mine.stream().map(s -> new Option(Long.toString(s.id()), s.name())).toList();
        return Templates.alerts(new Page(notice, refusal, rows, analyst, hooks, attempts, choices, webhookForm,
                message), null);
    }

    // --- saved searches ------------------------------------------------------------------------------------------

    /** The save form for the search page's filters (also where a refused save is shown). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("searches/new")
    public TemplateInstance newSearch(@Context UriInfo uri) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String c : CRITERIA) {
            values.put(c, Optional.ofNullable(uri.getQueryParameters().getFirst(c)).orElse(""));
        }
        return searchPage(null, null, null, new Form(values, List.of()), true, null, null);
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Path("searches")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response save(MultivaluedMap<String, String> form, @Context SecurityContext security) {
        Form sent = form(form);
        try {
            SavedSearchView saved = searches.create(request(sent), Caller.of(security));
            return Response.seeOther(URI.create("/alerts?saved=" + saved.id() + "#search-" + saved.id())).build();
        } catch (ProblemException e) {
            if (!e.isInvalidRequest()) {
                throw e;
            }
            return Response.status(400).entity(searchPage(null, null, null, new Form(sent.values(), e.errors()),
                    true, null, null).data("getUrl", "/alerts/searches/new")).build();
        }
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("searches/{id}/edit")
    public Response edit(@PathParam("id") String id, @Context SecurityContext security, @Context UriInfo uri) {
        return withSearch(id, searchId -> {
            Caller caller = Caller.of(security);
            SavedSearchView s = searches.get(searchId, caller);
            String notice = uri.getQueryParameters().getFirst("revoked") != null
                    ? "The feed links were revoked: feed readers that use them get an error from now on."
                    : null;
            return Response.ok(searchPage(s, notice, null, Form.empty(), caller.mayChange(s.owner()), null, null))
                    .build();
        });
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Path("searches/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response change(@PathParam("id") String id, MultivaluedMap<String, String> form,
            @Context SecurityContext security) {
        return withSearch(id, searchId -> {
            Caller caller = Caller.of(security);
            Form sent = form(form);
            try {
                searches.update(searchId, request(sent), caller);
                return Response.seeOther(URI.create("/alerts?changed=" + id + "#search-" + id)).build();
            } catch (ProblemException e) {
                if (e.status() == 404) {
                    throw e; // withSearch answers it with the not-found page
                }
                SavedSearchView s = searches.get(searchId, caller);
                if (e.isInvalidRequest()) {
                    return Response.status(400).entity(searchPage(s, null,
                            "The search was not changed; please correct the fields marked below.",
                            new Form(sent.values(), e.errors()), true, null, null)
                            .data("getUrl", "/alerts/searches/" + id + "/edit")).build();
                }
                if (e.status() == 403) {
                    return Response.status(403).entity(searchPage(s, null, refusal(e), Form.empty(), false, null,
                            null).data("getUrl", "/alerts/searches/" + id + "/edit")).build();
                }
                throw e;
            }
        });
    }

    /** Opens the search on the search page, with its filters; it is marked as looked at ("new" starts again). */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("searches/{id}/open")
    public Response open(@PathParam("id") String id, @Context SecurityContext security) {
        return withSearch(id, searchId -> Response
                .seeOther(URI.create(searchLink(searches.markLooked(searchId, Caller.of(security))))).build());
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Path("searches/{id}/delete")
    public Response deleteSearch(@PathParam("id") String id, @Context SecurityContext security) {
        return changing(id, security, searchId -> {
            searches.delete(searchId, Caller.of(security));
            return Response.seeOther(URI.create("/alerts?deleted=" + searchId)).build();
        });
    }

    /** New feed links, shown once on the search's page (the address bar then holds that page). */
    @RolesAllowed(Roles.VIEWER)
    @POST
    @Path("searches/{id}/feed-token")
    public Response newFeed(@PathParam("id") String id, @Context SecurityContext security, @Context UriInfo uri) {
        return changing(id, security, searchId -> {
            Caller caller = Caller.of(security);
            String token = searches.newFeedToken(searchId, caller);
            SavedSearchResource.FeedToken links = SavedSearchResource.FeedToken.of(uri.getBaseUri(), searchId, token);
            return Response.ok(searchPage(searches.get(searchId, caller), "New feed links made. Copy them now: "
                    + "they are shown only this once. The previous links, if any, stop working.", null,
                    Form.empty(), true, links.atom(), links.jsonFeed())
                    .data("getUrl", "/alerts/searches/" + searchId + "/edit"))
                    .header("Cache-Control", "no-store").build();
        });
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Path("searches/{id}/feed-token/revoke")
    public Response revokeFeed(@PathParam("id") String id, @Context SecurityContext security) {
        return changing(id, security, searchId -> {
            searches.revokeFeedToken(searchId, Caller.of(security));
            return Response.seeOther(URI.create("/alerts/searches/" + searchId + "/edit?revoked=1")).build();
        });
    }

    /** An action on a search that only its owner or an admin may take: 404 and 403 as pages. */
    private Response changing(String id, SecurityContext security, Function<Long, Response> action) {
        return found("saved search", id, " (or no feed links to revoke)", searchId -> {
            try {
                return action.apply(searchId);
            } catch (ProblemException e) {
                if (e.status() == 403) {
                    return Response.status(403).entity(page(security, null, refusal(e), Form.empty(), null)
                            .data("getUrl", "/alerts")).build();
                }
                throw e;
            }
        });
    }

    /** An action on the saved search the path names; one the caller may not see is not disclosed (404 page). */
    private Response withSearch(String id, Function<Long, Response> action) {
        return found("saved search", id, ", or it is another's and not shared", action);
    }

    // --- webhooks ------------------------------------------------------------------------------------------------

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("webhooks")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response createWebhook(MultivaluedMap<String, String> form, @Context SecurityContext security) {
        Map<String, String> values = new HashMap<>();
        for (String f : List.of("searchId", "url", "delivery", "digestHour")) {
            values.put(f, first(form, f));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Long searchId = parseId(values.get("searchId")).orElse(null);
        if (searchId == null) {
            errors.add(new Problem.FieldError("searchId", "Choose the saved search whose new findings are sent."));
        }
        boolean digest = "DAILY_DIGEST".equals(values.get("delivery"));
        Integer hour = null;
        if (digest) {
            try {
                hour = Integer.valueOf(values.get("digestHour").strip());
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("digestHour", "Choose the hour of the daily digest."));
            }
        }
        try {
            if (!errors.isEmpty()) {
                throw ProblemException.invalid("invalid fields", errors);
            }
            WebhookView.Created created = webhooks.create(new WebhookRequest(searchId, values.get("url").strip(),
                    true, digest ? WebhookDelivery.DAILY_DIGEST : WebhookDelivery.EACH, hour), Caller.of(security));
            long id = created.webhook().id();
            return Response.ok(webhookPage(id, security, created.secret(), "The webhook was created.")
                    .data("getUrl", "/alerts/webhooks/" + id)).header("Cache-Control", "no-store").build();
        } catch (ProblemException e) {
            if (e.isInvalidRequest() || e.status() == 404) {
                List<Problem.FieldError> shown = e.status() == 404
                        ? List.of(new Problem.FieldError("searchId", "There is no such saved search."))
                        : e.errors().stream().map(AlertConsoleResource::webhookError).toList();
                return Response.status(400).entity(page(security, null, null, new Form(values, shown),
                        "The webhook was not created; please correct the fields marked below.")
                        .data("getUrl", "/alerts#new-webhook")).build();
            }
            throw e;
        }
    }

    @RolesAllowed(Roles.ANALYST)
    @GET
    @Path("webhooks/{id}")
    public Response webhook(@PathParam("id") String id, @Context SecurityContext security, @Context UriInfo uri) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        String notice = q.getFirst("paused") != null
                ? "The webhook is paused: nothing is sent; events wait until it is resumed."
                : q.getFirst("resumed") != null
                        ? "The webhook is active again: the events that waited are being sent."
                        : q.getFirst("replayed") != null
                                ? "The delivery will be sent again, with the same event id and a new signature."
                                : replayedRange(q.getFirst("replayedRange"));
        return found("webhook", id, "", webhookId -> Response.ok(webhookPage(webhookId, security, null, notice))
                .build());
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("webhooks/{id}/{action:pause|resume}")
    public Response pause(@PathParam("id") String id, @PathParam("action") String action,
            @Context SecurityContext security) {
        boolean resume = action.equals("resume");
        return webhookChanging(id, security, webhookId -> {
            webhooks.setActive(webhookId, resume, Caller.of(security));
            return Response.seeOther(URI.create("/alerts/webhooks/" + webhookId + "?"
                    + (resume ? "resumed" : "paused") + "=1")).build();
        });
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("webhooks/{id}/delete")
    public Response deleteWebhook(@PathParam("id") String id, @Context SecurityContext security) {
        return webhookChanging(id, security, webhookId -> {
            webhooks.delete(webhookId, Caller.of(security));
            return Response.seeOther(URI.create("/alerts?webhookDeleted=" + webhookId + "#webhooks-heading"))
                    .build();
        });
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("webhooks/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replay(@PathParam("id") String id, MultivaluedMap<String, String> form,
            @Context SecurityContext security) {
        String eventId = first(form, "eventId").strip();
        return webhookChanging(id, security, webhookId -> {
            webhooks.replay(webhookId, new ReplayRequest(eventId, null, null));
            return Response.seeOther(URI.create("/alerts/webhooks/" + webhookId + "?replayed=1#event-" + eventId))
                    .build();
        });
    }

    /**
     * Sends again the messages made in a time range, in two steps: the first post checks the range and shows how many
     * messages it holds with a button to confirm; the second (with {@code confirmed}) queues them and leads back to
     * the log with the number queued. Times are UTC, as the log shows them, and both ends are included.
     */
    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("webhooks/{id}/replay-range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response replayRange(@PathParam("id") String id, MultivaluedMap<String, String> form,
            @Context SecurityContext security) {
        Map<String, String> values = new HashMap<>();
        values.put("from", first(form, "from").strip());
        values.put("to", first(form, "to").strip());
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant from = rangeEnd(values.get("from"), "from", "the first", false, errors);
        Instant to = rangeEnd(values.get("to"), "to", "the last", true, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new Problem.FieldError("to", "The end must not be before the start."));
        }
        String anchor = "#replay-range";
        return found("webhook", id, "", webhookId -> {
            if (!errors.isEmpty()) {
                return Response.status(400).entity(webhookPage(webhookId, security, null, null,
                        new RangeReplay(new Form(values, errors), "Nothing was sent again; please correct the fields "
                                + "marked below.", null, null))
                        .data("getUrl", "/alerts/webhooks/" + webhookId + anchor)).build();
            }
            String range = "made from " + TIME.format(from) + " to " + TIME.format(to.minus(1, ChronoUnit.MINUTES))
                    + " UTC";
            if (!"yes".equals(first(form, "confirmed"))) {
                long count = webhooks.replayable(webhookId, from, to);
                RangeReplay replay = count == 0
                        ? new RangeReplay(new Form(values, List.of()), "There is no message " + range
                                + "; nothing was sent again.", null, null)
                        : new RangeReplay(new Form(values, List.of()), null, count, range);
                return Response.ok(webhookPage(webhookId, security, null, null, replay)
                        .data("getUrl", "/alerts/webhooks/" + webhookId + anchor)).build();
            }
            int replayed = webhooks.replay(webhookId, new ReplayRequest(null, from, to));
            return Response.seeOther(URI.create("/alerts/webhooks/" + webhookId + "?replayedRange=" + replayed
                    + "#log-heading")).build();
        });
    }

    /**
     * One end of a replay range as typed: a date and time ({@code 2026-12-07 09:30}, the {@code T} form, a trailing
     * {@code UTC}) or a date alone; the end of the range is the end of the minute or day typed.
     */
    private static Instant rangeEnd(String typed, String field, String which, boolean end,
            List<Problem.FieldError> errors) {
        if (typed.isEmpty()) {
            errors.add(new Problem.FieldError(field, "Enter " + which + " date and time, e.g. 2026-12-07 09:30."));
            return null;
        }
        String t = typed.replaceFirst("(?i)\\s*UTC$", "").strip().replace('T', ' ');
        try {
            if (t.length() <= 10) {
                Instant day = LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
                return end ? day.plus(1, ChronoUnit.DAYS) : day;
            }
            Instant minute = LocalDateTime.parse(t, RANGE_TIME).toInstant(ZoneOffset.UTC);
            return end ? minute.plus(1, ChronoUnit.MINUTES) : minute;
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "“" + typed + "” is not a date and time; write it as "
                    + "2026-12-07 09:30 (UTC) or as a date, 2026-12-07."));
            return null;
        }
    }

    private static String replayedRange(String count) {
        if (count == null || !count.matches("\\d{1,9}")) {
            return null;
        }
        int n = Integer.parseInt(count);
        return n == 1
                ? "1 message was queued to be sent again, with its event id and a new signature."
                : n + " messages were queued to be sent again, with their event ids and new signatures.";
    }

    private Response webhookChanging(String id, SecurityContext security, Function<Long, Response> action) {
        return found("webhook", id, " (or no such delivery of it)", webhookId -> {
            try {
                return action.apply(webhookId);
            } catch (ProblemException e) {
                if (e.status() == 403 || e.isInvalidRequest()) {
                    return Response.status(e.status()).entity(webhookPage(webhookId, security, null, null)
                            .data("refusal", refusal(e)).data("getUrl", "/alerts/webhooks/" + webhookId)).build();
                }
                throw e;
            }
        });
    }

    /** Opening a form-only address leads to its page, never to a raw 405. */
    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{kind:searches|webhooks}/{id}/{action:delete|pause|resume|replay|replay-range|feed-token}")
    public Response formOnly(@PathParam("kind") String kind, @PathParam("id") String id) {
        String page = parseId(id).map(i -> kind.equals("searches")
                ? "/alerts/searches/" + i + "/edit"
                : "/alerts/webhooks/" + i).orElse("/alerts");
        return Response.seeOther(URI.create(page)).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{kind:searches|webhooks}")
    public Response listOnly() {
        return Response.seeOther(URI.create("/alerts")).build();
    }

    // --- views ---------------------------------------------------------------------------------------------------

    private TemplateInstance webhookPage(long id, SecurityContext security, String secret, String notice) {
        return webhookPage(id, security, secret, notice, RangeReplay.empty());
    }

    private TemplateInstance webhookPage(long id, SecurityContext security, String secret, String notice,
            RangeReplay replay) {
        Caller caller = Caller.of(security);
        WebhookView w = webhooks.get(id);
        Map<Long, String> names = new HashMap<>();
        searches.list(0, 200, caller).items().forEach(s -> names.put(s.id(), s.name()));
        DeliveryView.Page log = webhooks.deliveries(id, 0, 50);
        List<EventRow> events = log.items().stream().map(d -> new EventRow(d.eventId(),
                DailyDigests.DIGEST.equals(d.type()) ? "Daily digest" : "New findings in a document",
                "DELIVERED".equals(d.state()),
                "DELIVERED".equals(d.state())
                        ? "Delivered " + time(d.deliveredAt())
                        : d.nextAttemptAt() != null && w.active()
                                ? "Waiting; next try " + time(d.nextAttemptAt())
                                : "Waiting until the webhook is active",
                d.attempts(), time(d.createdAt()),
                d.log().stream().map(a -> attempt(id, d.eventId(), a.attemptedAt(), a.status(), a.outcome(),
                        a.latencyMs(), a.error(), a.responseExcerpt())).toList()))
                .toList();
        return Templates.webhook(new WebhookPage(row(w, names, caller), secret, notice, caller.admin(), events,
                log.total(), replay), null, null);
    }

    private WebhookRow row(WebhookView w, Map<Long, String> names, Caller caller) {
        String delivery = w.delivery() == WebhookDelivery.DAILY_DIGEST
                ? String.format("A daily digest at %02d:00 UTC; the next %s", w.digestHour(), time(w.nextDigestAt()))
                : "One message per new document with matching findings";
        boolean paused = !w.active() && w.disabledAt() == null;
        String state = w.active() ? "Active" : paused ? "Paused" : "Stopped after failures";
        return new WebhookRow(w.id(), names.getOrDefault(w.searchId(), "saved search " + w.searchId()), w.url(),
                state, w.active(), paused, time(w.disabledAt()), disabledInWords(w.disabledReason()),
                w.consecutiveFailures(), w.pending(), delivery, caller.mayChange(w.createdBy()));
    }

    private TemplateInstance searchPage(SavedSearchView s, String notice, String message, Form form,
            boolean mayChange, String atom, String jsonFeed) {
        Map<String, String> values = new LinkedHashMap<>(form.values());
        if (s != null && values.isEmpty()) {
            values.put("name", s.name());
            values.put("shared", s.shared() ? "on" : "");
            SavedSearchView.Criteria c = s.criteria();
            values.put("q", nz(c.q()));
            values.put("jurisdiction", c.jurisdiction() == null
                    ? ""
                    : Countries.all().byCode(c.jurisdiction()).map(Countries.Country::choice).orElse(c.jurisdiction()));
            values.put("category", nz(c.category()));
            values.put("mechanism", nz(c.mechanism()));
            values.put("modality", nz(c.modality()));
            values.put("dataCategory", nz(c.dataCategory()));
            values.put("language", nz(c.language()));
            values.put("minConfidence", c.minConfidence() == null ? "" : c.minConfidence().toString());
        }
        String criteria = s == null ? null : describe(s.criteria());
        String link = s == null ? null : searchLink(s.criteria());
        if (message == null && !form.errors().isEmpty()) {
            message = "The search was not saved; please correct the fields marked below.";
        }
        return Templates.search(new SearchPage(s == null ? null : s.id(), s == null ? null : s.name(), notice,
                message, new Form(values, form.errors()), mayChange, s != null && s.feedEnabled(), atom, jsonFeed,
                criteria, link, options(Category.values()), options(Mechanism.values()),
                options(Modality.values()), options(DataCategory.values())), null);
    }

    private static List<Option> options(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> new Option(v.name(), ConsoleExtensions.label(v))).toList();
    }

    /** The saved search request a form makes; the fields' problems as field errors (400). */
    private SavedSearchRequest request(Form sent) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String name = sent.value("name").strip();
        if (name.isEmpty()) {
            errors.add(new Problem.FieldError("name", "Give the search a name."));
        } else if (name.length() > 200) {
            errors.add(new Problem.FieldError("name", "A name has at most 200 characters."));
        }
        String q = sent.value("q").strip();
        if (q.length() > 200) {
            errors.add(new Problem.FieldError("q", "At most 200 characters."));
        }
        Jurisdiction jurisdiction = null;
        Countries.Resolved resolved = Countries.all().resolve(sent.value("jurisdiction"), true);
        if (resolved.problem() != null) {
            errors.add(new Problem.FieldError("jurisdiction", resolved.problem()));
        } else if (resolved.unknownJurisdiction()) {
            errors.add(new Problem.FieldError("jurisdiction", "A saved search cannot keep “Unknown jurisdiction”; "
                    + "leave it empty or name a country."));
        } else if (resolved.country().isPresent()) {
            jurisdiction = new Jurisdiction(resolved.country().get().code());
        }
        Category category = read(Category.class, "category", sent, errors);
        Mechanism mechanism = read(Mechanism.class, "mechanism", sent, errors);
        Modality modality = read(Modality.class, "modality", sent, errors);
        DataCategory dataCategory = read(DataCategory.class, "dataCategory", sent, errors);
        Language language = read(Language.class, "language", sent, errors);
        Double minConfidence = read(Double.class, "minConfidence", sent, errors);
        if (minConfidence != null && (minConfidence < 0 || minConfidence > 1)) {
            errors.add(new Problem.FieldError("minConfidence", "A confidence from 0 to 1, e.g. 0.6 for 60 %."));
            minConfidence = null;
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " invalid fields", errors);
        }
        return new SavedSearchRequest(name, sent.checked("shared"), new SearchCriteria(q, jurisdiction, category,
                mechanism, modality, dataCategory, language, minConfidence));
    }

    private <T> T read(Class<T> type, String field, Form sent, List<Problem.FieldError> errors) {
        try {
            return converters.read(type, field, sent.value(field));
        } catch (ProblemException e) {
            errors.addAll(e.errors());
            return null;
        }
    }

    private static Form form(MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", first(form, "name"));
        values.put("shared", first(form, "shared"));
        for (String c : CRITERIA) {
            values.put(c, first(form, c));
        }
        return new Form(values, List.of());
    }

    /** The search page's address for these criteria. */
    static String searchLink(SavedSearchView.Criteria c) {
        UriBuilder link = UriBuilder.fromPath("/");
        String[] values = { c.q(), c.jurisdiction(), c.category(), c.mechanism(), c.modality(), c.dataCategory(),
                c.language(), c.minConfidence() == null ? null : c.minConfidence().toString() };
        for (int i = 0; i < CRITERIA.size(); i++) {
            if (values[i] != null) {
                link.queryParam(CRITERIA.get(i), values[i]);
            }
        }
        return link.build().toString();
    }

    /** The criteria in words: "Words: transfer · Jurisdiction: China · Category: Cross-border transfer". */
    static String describe(SavedSearchView.Criteria c) {
        List<String> parts = new ArrayList<>();
        if (c.q() != null) {
            parts.add("Words: " + c.q());
        }
        if (c.jurisdiction() != null) {
            parts.add("Jurisdiction: " + ConsoleExtensions.country(c.jurisdiction()));
        }
        if (c.category() != null) {
            parts.add("Category: " + ConsoleExtensions.label(c.category()));
        }
        if (c.mechanism() != null) {
            parts.add("Mechanism: " + ConsoleExtensions.label(c.mechanism()));
        }
        if (c.modality() != null) {
            parts.add("Modality: " + ConsoleExtensions.label(c.modality()));
        }
        if (c.dataCategory() != null) {
            parts.add("Data category: " + ConsoleExtensions.label(c.dataCategory()));
        }
        if (c.language() != null) {
            parts.add("Language: " + ("zh".equals(c.language()) ? "Chinese" : "English"));
        }
        if (c.minConfidence() != null) {
            parts.add("Confidence at least " + ConsoleExtensions.percent(c.minConfidence()));
        }
        return parts.isEmpty() ? "Every finding" : String.join(" · ", parts);
    }

    private static AttemptRow attempt(long webhookId, String eventId, Instant at, Integer status, String outcome,
            int latencyMs, String error, String excerpt) {
        boolean delivered = "DELIVERED".equals(outcome);
        String said = delivered ? "Delivered" : "Failed: " + attemptInWords(status, error);
        String answer = excerpt != null && !excerpt.isBlank() ? excerpt : null;
        return new AttemptRow(webhookId, eventId, time(at), delivered, said, latencyMs, answer);
    }

    /** Why an attempt failed, in words (no status codes alone, no setting names). */
    static String attemptInWords(Integer status, String error) {
        if (status != null) {
            return "the receiver answered with an error (" + status + " " + statusName(status) + ")";
        }
        if (error == null) {
            return "no answer";
        }
        Matcher http = Pattern.compile("HTTP (\\d{3})").matcher(error);
        if (http.matches()) {
            return attemptInWords(Integer.valueOf(http.group(1)), null);
        }
        Matcher ms = Pattern.compile(".*?(\\d+) ms").matcher(error);
        String seconds = ms.lookingAt() ? seconds(Long.parseLong(ms.group(1))) : null;
        if (error.startsWith("no answer within") && seconds != null) {
            return "the receiver did not answer within " + seconds;
        }
        if (error.startsWith("connect timed out") && seconds != null) {
            return "the receiver could not be reached within " + seconds;
        }
        if (error.startsWith("cannot connect")) {
            return "the receiver could not be reached" + (error.contains(": ")
                    ? " (" + error.substring(error.indexOf(": ") + 2).toLowerCase(java.util.Locale.ROOT) + ")"
                    : "");
        }
        if (error.startsWith("refused: ")) {
            return "its address is not allowed: " + ConsoleExtensions.plainDetail(error.substring(9));
        }
        return ConsoleExtensions.plainDetail(error);
    }

    /** "15 failed attempts in a row; the last: HTTP 500" in words. */
    static String disabledInWords(String reason) {
        if (reason == null) {
            return null;
        }
        Matcher m = DISABLED.matcher(reason);
        if (!m.matches()) {
            return ConsoleExtensions.plainDetail(reason);
        }
        return "Stopped after " + m.group(1) + " failed deliveries in a row. The last time "
                + attemptInWords(null, m.group(2)) + ". Fix the receiver, then resume the webhook: what waited is "
                + "sent then.";
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + (millis == 1000 ? " second" : " seconds") : millis + " ms";
    }

    private static String statusName(int status) {
        return switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Not signed in";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 408 -> "Request timeout";
            case 410 -> "Gone";
            case 413 -> "Too large";
            case 429 -> "Too many requests";
            case 500 -> "Internal server error";
            case 502 -> "Bad gateway";
            case 503 -> "Unavailable";
            case 504 -> "Gateway timeout";
            default -> status >= 500 ? "Server error" : status >= 400 ? "Refused" : "Not a success";
        };
    }

    /** The API's field errors of a webhook, with the refusal in plain words. */
    private static Problem.FieldError webhookError(Problem.FieldError e) {
        String message = e.message();
        if (e.field().equals("url")) {
            message = message.startsWith("must not be blank")
                    ? "Enter the receiver's address (https://…)."
                    : "This address cannot receive webhooks: " + ConsoleExtensions.plainDetail(message);
        }
        return new Problem.FieldError(e.field(), message);
    }

    private static String refusal(ProblemException e) {
        String detail = e.getMessage();
        return detail == null ? "This is not allowed." : ConsoleExtensions.plainDetail(detail);
    }

    private static String owner(String principal) {
        return ConsoleExtensions.reviewer(principal);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String first(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v;
    }

    private static Optional<Long> parseId(String id) {
        try {
            long v = Long.parseLong(id == null ? "" : id.strip());
            return v > 0 ? Optional.of(v) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Runs an action on the saved search or webhook ({@code kind}) whose id the path holds. An id that is not a
     * positive number, or one the action answers 404 for ({@code orElse} says what else may be missing), is the
     * console's not-found page rather than problem+json.
     */
    private Response found(String kind, String id, String orElse, Function<Long, Response> action) {
        Optional<Long> parsed = parseId(id);
        if (parsed.isEmpty()) {
            return notFound("There is no " + kind + " " + id + ".");
        }
        try {
            return action.apply(parsed.get());
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return notFound("There is no " + kind + " " + id + orElse + ".");
            }
            throw e;
        }
    }

    private Response notFound(String message) {
        return Response.status(404).entity(error.data("status", 404).data("message", message)).build();
    }

    private static String time(Instant t) {
        return t == null ? null : TIME.format(t) + " UTC";
    }
}
