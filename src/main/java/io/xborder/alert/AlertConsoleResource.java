package io.xborder.alert;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The console's alerts page: the caller's saved searches (with what is new in each and a link to the search page),
 * and for analysts and admins the webhooks (a disabled one says so, and why) with the latest delivery attempts.
 * Changes go through the API (src/docs/alerts.md); this page reads.
 */
@Path("/alerts")
@Produces(MediaType.TEXT_HTML)
public class AlertConsoleResource {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final SavedSearchService searches;
    private final WebhookService webhooks;

    public AlertConsoleResource(SavedSearchService searches, WebhookService webhooks) {
        this.searches = searches;
        this.webhooks = webhooks;
    }

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance alerts(Page page);
    }

    /** A saved search as the page lists it. */
    public record SearchRow(long id, String name, String owner, boolean shared, String criteria, String link,
            long newFindings, boolean newFindingsExact, String lastLookedAt, boolean feedEnabled) {
    }

    /** A webhook as the page lists it. */
    public record WebhookRow(long id, long searchId, String url, boolean active, int consecutiveFailures,
            String disabledAt, String disabledReason, long pending) {
    }

    /** A delivery attempt as the page lists it. */
    public record AttemptRow(long webhookId, String eventId, String attemptedAt, String status, String outcome,
            int latencyMs, String detail) {
    }

    /** Everything the page shows; webhooks and attempts are null for viewers. */
    public record Page(List<SearchRow> searches, boolean analyst, List<WebhookRow> webhooks,
            List<AttemptRow> attempts) {
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    public TemplateInstance page(@Context SecurityContext security) {
        Caller caller = Caller.of(security);
        List<SearchRow> rows = searches.list(0, 100, caller).items().stream().map(AlertConsoleResource::row).toList();
        boolean analyst = security.isUserInRole(Roles.ANALYST);
        List<WebhookRow> hooks = analyst
                ? webhooks.list(0, 100).items().stream().map(w -> new WebhookRow(w.id(), w.searchId(), w.url(),
                        w.active(), w.consecutiveFailures(), time(w.disabledAt()), w.disabledReason(), w.pending()))
                        .toList()
                : List.of();
        List<AttemptRow> attempts = analyst
                ? webhooks.recentAttempts(30).stream().map(a -> new AttemptRow(a.webhookId(), a.eventId(),
                        time(a.attemptedAt()), a.status() == null ? "—" : a.status().toString(), a.outcome(),
                        a.latencyMs(), a.error() != null ? a.error() : a.responseExcerpt())).toList()
                : List.of();
        return Templates.alerts(new Page(rows, analyst, hooks, attempts));
    }

    private static SearchRow row(SavedSearchView s) {
        SavedSearchView.Criteria c = s.criteria();
        UriBuilder link = UriBuilder.fromPath("/");
        StringBuilder described = new StringBuilder();
        add(link, described, "q", c.q());
        add(link, described, "jurisdiction", c.jurisdiction());
        add(link, described, "category", c.category());
        add(link, described, "mechanism", c.mechanism());
        add(link, described, "modality", c.modality());
        add(link, described, "dataCategory", c.dataCategory());
        add(link, described, "language", c.language());
        add(link, described, "minConfidence", c.minConfidence() == null ? null : c.minConfidence().toString());
        return new SearchRow(s.id(), s.name(), s.owner(), s.shared(),
                described.isEmpty() ? "every finding" : described.toString(), link.build().toString(),
                s.newFindings(), s.newFindingsExact(), time(s.lastLookedAt()), s.feedEnabled());
    }

    private static void add(UriBuilder link, StringBuilder described, String name, String value) {
        if (value != null) {
            link.queryParam(name, value);
            described.append(described.isEmpty() ? "" : " · ").append(name).append(": ").append(value);
        }
    }

    private static String time(Instant t) {
        return t == null ? null : TIME.format(t) + " UTC";
    }
}
