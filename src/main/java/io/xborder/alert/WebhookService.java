package io.xborder.alert;

import io.xborder.http.ProblemException;
import io.xborder.ingest.fetch.FetchException;
import io.xborder.security.AuditLog;
import io.xborder.text.StoredText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhook subscriptions on saved searches. Analysts and admins manage them: an analyst the ones they created, an admin
 * all; the URL passes the SSRF guard; the signing secret is made here, shown once and kept sealed. Admins replay.
 */
@ApplicationScoped
public class WebhookService {

    private final DeliveryWorkers delivery;
    private final SavedSearchService searches;
    private final AuditLog audit;
    private final EntityManager em;
    private final Clock clock;
    private final DailyDigests digests;

    public WebhookService(DeliveryWorkers delivery, SavedSearchService searches, AuditLog audit, EntityManager em,
            Clock clock, DailyDigests digests) {
        this.delivery = delivery;
        this.digests = digests;
        this.searches = searches;
        this.audit = audit;
        this.em = em;
        this.clock = clock;
    }

    /** A webhook as the audit log keeps it (no secret). */
    record Audited(long id, long searchId, String url, boolean active, String delivery, Integer digestHour) {

        static Audited of(WebhookSubscription w) {
            return new Audited(w.id, w.searchId, w.url, w.active, w.delivery, w.digestHour);
        }
    }

    @Transactional
    public WebhookView.Created create(WebhookRequest request, Caller caller) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with searchId and url is required");
        }
        if (request.searchId() == null) {
            throw ProblemException.invalid("searchId", "must not be null");
        }
        SavedSearch search = searches.visible(request.searchId(), caller);
        WebhookSubscription w = new WebhookSubscription();
        w.searchId = search.id;
        w.url = target(request.url());
        w.active = request.active() == null || request.active();
        schedule(w, request);
        String secret = WebhookSignature.newSecret();
        w.secret = delivery.secrets().seal(secret);
        w.createdBy = caller.principal();
        w.createdAt = Instant.now();
        w.updatedAt = w.createdAt;
        w.persist();
        WebhookSubscription.flush();
        audit.record("webhook.create", "webhook", w.id, null, Audited.of(w));
        return new WebhookView.Created(secret, WebhookView.of(w, 0));
    }

    @Transactional
    public WebhookView update(long id, WebhookRequest request, Caller caller) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with url (and active) is required");
        }
        WebhookSubscription w = changeable(id, caller);
        if (request.searchId() != null && request.searchId() != w.searchId) {
            throw ProblemException.invalid("searchId", "cannot change; create another webhook for another search");
        }
        Audited before = Audited.of(w);
        w.url = target(request.url());
        boolean active = request.active() == null || request.active();
        if (active && !w.active) {
            // enabled again (after a fix): a new run of failures starts, and the events that waited are sent
            w.consecutiveFailures = 0;
            w.disabledAt = null;
            w.disabledReason = null;
        }
        w.active = active;
        schedule(w, request);
        // a secret stored before xborder.webhooks.secret-key was set is encrypted now
        w.secret = delivery.secrets().seal(delivery.secrets().open(w.secret));
        w.updatedAt = Instant.now();
        audit.record("webhook.update", "webhook", id, before, Audited.of(w));
        return WebhookView.of(w, pending(id));
    }

    /**
     * Pauses or resumes the webhook; resuming a disabled one starts a new run of failures and sends what waited (as
     * {@link #update} with {@code active: true}).
     */
    @Transactional
    public WebhookView setActive(long id, boolean active, Caller caller) {
        WebhookSubscription w = changeable(id, caller);
        Audited before = Audited.of(w);
        if (active && !w.active) {
            w.consecutiveFailures = 0;
            w.disabledAt = null;
            w.disabledReason = null;
        }
        w.active = active;
        w.updatedAt = Instant.now();
        audit.record("webhook.update", "webhook", id, before, Audited.of(w));
        return WebhookView.of(w, pending(id));
    }

    /** Whether the caller may change or delete the webhook (its creator, or an admin). */
    @Transactional
    public boolean mayChange(long id, Caller caller) {
        return caller.mayChange(find(id).createdBy);
    }

    @Transactional
    public void delete(long id, Caller caller) {
        WebhookSubscription w = changeable(id, caller);
        Audited before = Audited.of(w);
        w.delete();
        audit.record("webhook.delete", "webhook", id, before, null);
    }

    @Transactional
    public WebhookView get(long id) {
        return WebhookView.of(find(id), pending(id));
    }

    @Transactional
    public WebhookView.Page list(int page, int size) {
        List<WebhookSubscription> items = WebhookSubscription.<WebhookSubscription>find("order by id desc")
                .page(page, size).list();
        return new WebhookView.Page(items.stream().map(w -> WebhookView.of(w, pending(w.id))).toList(), page, size,
                WebhookSubscription.count());
    }

    /** The webhook's events, newest first, each with its attempts. */
    @Transactional
    public DeliveryView.Page deliveries(long id, int page, int size) {
        find(id);
        @SuppressWarnings("unchecked")
        List<Object[]> events = em.createNativeQuery("""
                SELECT id, type, state, attempts, created_at, delivered_at, next_attempt_at FROM webhook_events
                 WHERE subscription_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2 OFFSET ?3""")
                .setParameter(1, id).setParameter(2, size).setParameter(3, page * size).getResultList();
        Map<String, List<DeliveryView.Attempt>> attempts = new LinkedHashMap<>();
        events.forEach(e -> attempts.put((String) e[0], new ArrayList<>()));
        if (!attempts.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    SELECT event_id, attempted_at, status, outcome, latency_ms, error, response_excerpt
                      FROM webhook_attempts WHERE event_id IN (?1) ORDER BY id""")
                    .setParameter(1, List.copyOf(attempts.keySet())).getResultList();
            for (Object[] r : rows) {
                attempts.get((String) r[0]).add(new DeliveryView.Attempt(instant(r[1]),
                        r[2] == null ? null : ((Number) r[2]).intValue(), (String) r[3], ((Number) r[4]).intValue(),
                        (String) r[5], (String) r[6]));
            }
        }
        List<DeliveryView> items = events.stream().map(e -> new DeliveryView((String) e[0], (String) e[1],
                (String) e[2], ((Number) e[3]).intValue(), instant(e[4]), instant(e[5]),
                "PENDING".equals(e[2]) ? instant(e[6]) : null, attempts.get((String) e[0]))).toList();
        long total = ((Number) em.createNativeQuery("SELECT count(*) FROM webhook_events WHERE subscription_id = ?1")
                .setParameter(1, id).getSingleResult()).longValue();
        return new DeliveryView.Page(items, page, size, total);
    }

    /** One attempt in the log across webhooks. */
    public record RecentAttempt(long webhookId, String eventId, Instant attemptedAt, Integer status, String outcome,
            int latencyMs, String error, String responseExcerpt) {
    }

    /** The latest attempts of all webhooks, newest first. */
    @Transactional
    public List<RecentAttempt> recentAttempts(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT e.subscription_id, a.event_id, a.attempted_at, a.status, a.outcome, a.latency_ms, a.error,
                       a.response_excerpt
                  FROM webhook_attempts a JOIN webhook_events e ON e.id = a.event_id
                 ORDER BY a.id DESC LIMIT ?1""").setParameter(1, limit).getResultList();
        return rows.stream().map(r -> new RecentAttempt(((Number) r[0]).longValue(), (String) r[1], instant(r[2]),
                r[3] == null ? null : ((Number) r[3]).intValue(), (String) r[4], ((Number) r[5]).intValue(),
                (String) r[6], (String) r[7])).toList();
    }

    /** How many of the webhook's events were created in [from, to): what replaying that range would send again. */
    @Transactional
    public long replayable(long id, Instant from, Instant to) {
        find(id);
        return delivery.queue().count(id, from, to);
    }

    /** Sends one event, or those created in [from, to), again (admin); 404 for an event of another webhook. */
    @Transactional
    public int replay(long id, ReplayRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with eventId, or from and to, is required");
        }
        WebhookSubscription w = find(id);
        int replayed = delivery.queue().replay(id, request.eventId(), request.from(), request.to());
        if (request.eventId() != null && replayed == 0) {
            throw ProblemException.notFound("event of webhook " + id, request.eventId());
        }
        audit.record("webhook.replay", "webhook", id, null, Map.of("request", request, "replayed", replayed,
                "active", w.active));
        return replayed;
    }

    /**
     * One event per document, or a daily digest at an hour: a webhook that becomes a digest starts its first period
     * now, once the documents being stored as its matches have committed (only what is stored from then on is listed;
     * its per-document events already written are still sent, see {@link DailyDigests#open}); one
     * that stays a digest keeps its period when the hour changes; one that stops being a digest gets the period in
     * progress at once, as a last digest up to now, and an event per document from then on.
     */
    private void schedule(WebhookSubscription w, WebhookRequest request) {
        WebhookDelivery wanted = request.deliveryOrEach();
        if (wanted == WebhookDelivery.EACH) {
            if (request.digestHour() != null) {
                throw ProblemException.invalid("digestHour", "is only for the DAILY_DIGEST delivery");
            }
            if (w.id != null && w.digestThrough != null) {
                digests.close(w.id);
            }
            w.digestHour = null;
            w.digestThrough = null;
        } else {
            if (request.digestHour() == null) {
                throw ProblemException.invalid("digestHour", "is required for the DAILY_DIGEST delivery: an hour "
                        + "from 0 to 23, UTC");
            }
            if (w.digestThrough == null) {
                w.digestThrough = w.id == null ? clock.instant() : digests.open(w.id);
            }
            w.digestHour = request.digestHour();
        }
        w.delivery = wanted.name();
    }

    private long pending(long id) {
        return ((Number) em.createNativeQuery(
                "SELECT count(*) FROM webhook_events WHERE subscription_id = ?1 AND state = 'PENDING'")
                .setParameter(1, id).getSingleResult()).longValue();
    }

    private static WebhookSubscription find(long id) {
        return WebhookSubscription.<WebhookSubscription>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("webhook", id));
    }

    private static WebhookSubscription changeable(long id, Caller caller) {
        WebhookSubscription w = find(id);
        if (!caller.mayChange(w.createdBy)) {
            throw ProblemException.forbidden("Only its creator (" + w.createdBy + ") or an admin may change this "
                    + "webhook.");
        }
        return w;
    }

    /** The URL when events may be sent there: absolute http(s), passing the SSRF guard; 400 otherwise. */
    private String target(String url) {
        if (url == null || url.isBlank()) {
            throw ProblemException.invalid("url", "must not be blank");
        }
        String clean = StoredText.clean(url.strip());
        URI uri;
        try {
            uri = new URI(clean);
        } catch (URISyntaxException e) {
            throw ProblemException.invalid("url", "is not a URL: " + e.getReason());
        }
        if (!uri.isAbsolute()) {
            throw ProblemException.invalid("url", "must be an absolute http or https URL");
        }
        try {
            delivery.sender().checkTarget(uri);
        } catch (FetchException e) {
            throw ProblemException.invalid("url", e.getMessage());
        }
        return clean;
    }

    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        return v instanceof Instant i ? i : v instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) v).toInstant();
    }
}
