package io.xborder.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.xborder.document.Document;
import io.xborder.document.FindingsStored;
import io.xborder.document.StoredFinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox: when a document's findings are stored, writes one event per webhook subscription whose
 * saved search matches at least one of them, in the same transaction (a synchronous observer of
 * {@link FindingsStored}). The event is a CloudEvents 1.0 structured JSON body, kept as it will be sent. Every
 * subscription gets its events, active or not: a disabled one receives what waited once it is enabled again. Daily
 * digest subscriptions get theirs from {@link DailyDigests}, and one here only for findings stamped before their open
 * period's start, which no digest lists.
 */
@ApplicationScoped
public class EventOutbox {

    /** The CloudEvents type of a document's new findings matching a saved search. */
    public static final String FINDINGS_MATCHED = "io.xborder.findings.matched";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final EntityManager em;
    private final DeliveryWorkers delivery;

    public EventOutbox(EntityManager em, DeliveryWorkers delivery) {
        this.em = em;
        this.delivery = delivery;
    }

    /** The CloudEvent as sent. */
    record CloudEvent<D>(String specversion, String id, String source, String type, String subject, Instant time,
            String datacontenttype, D data) {
    }

    record Data(SearchRef savedSearch, DocumentRef document, List<FindingRef> findings) {
    }

    record SearchRef(long id, String name) {
    }

    record DocumentRef(long id, String title, String sourceUrl, String jurisdiction, LocalDate publishedAt) {
    }

    record FindingRef(long id, String category, double confidence, String modality, List<String> mechanisms,
            List<String> jurisdictions, List<String> dataCategories, PassageRef passage) {
    }

    record PassageRef(long id, int start, int end, String text) {
    }

    void onFindingsStored(@Observes FindingsStored stored) {
        // Every subscription, digests too, is read under a key-share lock held until this transaction ends. A switch
        // from a digest back to EACH locks its row FOR UPDATE (DailyDigests.close), which conflicts: when this
        // transaction read the row first, the switch waits for it to commit and its last digest lists these findings;
        // when the switch locked first, this read waits for the switch to commit, sees EACH and writes the event
        // below. Either way each match is sent once. A switch from EACH to a digest locks it too (DailyDigests.open)
        // and starts the period after the findings of the transactions it waited for. Key share does not conflict
        // with the updates of ordinary changes, deliveries or the digest runs.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT w.id, w.search_id, w.delivery, w.digest_through FROM webhook_subscriptions w
                 ORDER BY w.id FOR KEY SHARE""").getResultList();
        // A digest subscription gets an event here, as EACH would, for the findings stamped before the start of its
        // open period (digest_through as read here): no digest lists them. A digest whose period holds such a time
        // ended at or before that start, so it was written by a transaction committed before this read, listing what
        // was committed then (these findings commit after this read); every later digest, the last one at a switch
        // back to EACH too, starts there or later. They are the findings of a document stamped before a switch to a
        // digest whose transaction reads the row after it, or still being stored when an hour's digest was written.
        Instant firstStamped = stored.findings().stream().map(f -> f.createdAt).min(Instant::compareTo).orElseThrow();
        List<Target> targets = new ArrayList<>();
        for (Object[] r : rows) {
            boolean each = WebhookDelivery.EACH.name().equals(r[2]);
            Instant before = each ? null : instant(r[3]);
            if (each || firstStamped.isBefore(before)) {
                targets.add(new Target(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), before));
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        Map<Long, SavedSearch> searches = new HashMap<>();
        em.createQuery("from SavedSearch s where s.id in :ids", SavedSearch.class)
                .setParameter("ids", targets.stream().map(Target::searchId).distinct().toList())
                .getResultList().forEach(s -> searches.put(s.id, s));
        int written = 0;
        for (Target target : targets) {
            long subscriptionId = target.subscriptionId();
            SavedSearch search = searches.get(target.searchId());
            SearchCriteria criteria = search.criteria();
            List<FindingRef> matched = new ArrayList<>();
            for (StoredFinding f : stored.findings()) {
                if ((target.before() == null || f.createdAt.isBefore(target.before())) && criteria.matches(f)) {
                    matched.add(ref(f));
                }
            }
            if (matched.isEmpty()) {
                continue;
            }
            String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
            Document d = stored.document();
            CloudEvent<Data> event = new CloudEvent<>("1.0", id, "/api/v1/saved-searches/" + search.id,
                    FINDINGS_MATCHED,
                    "documents/" + d.id, Instant.now(), "application/json",
                    new Data(new SearchRef(search.id, search.name),
                            new DocumentRef(d.id, d.title, d.sourceUrl, d.jurisdiction, d.publishedAt), matched));
            em.createNativeQuery("INSERT INTO webhook_events (id, subscription_id, type, body) VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, id).setParameter(2, subscriptionId).setParameter(3, FINDINGS_MATCHED)
                    .setParameter(4, json(event)).executeUpdate();
            written++;
        }
        if (written > 0) {
            delivery.queued(written);
        }
    }

    /** A subscription to write an event for, with the findings' stored time it is for: before, or any when null. */
    private record Target(long subscriptionId, long searchId, Instant before) {
    }

    private static Instant instant(Object v) {
        return v instanceof Instant i ? i : v instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) v).toInstant();
    }

    private static FindingRef ref(StoredFinding f) {
        return new FindingRef(f.id, f.attributes.category.name(), f.confidence, f.attributes.modality.name(),
                list(f.attributes.mechanisms),
                list(f.attributes.jurisdictions), list(f.attributes.dataCategories),
                new PassageRef(f.passage.id, f.passage.start, f.passage.end, f.passage.text));
    }

    private static List<String> list(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
