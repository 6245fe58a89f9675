package io.xborder.alert;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.xborder.finding.FindingQuery;
import io.xborder.finding.FindingView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Daily digests: a webhook with the DAILY_DIGEST delivery gets, once a day at its hour (UTC), one event listing the
 * matches of its search stored since the last digest — none on a day without any. The event is written to the same
 * outbox as the per-document events and delivered, signed, retried and replayed the same way. Every instance with a
 * delivery thread looks for due digests every {@code xborder.webhooks.digest-check-interval}; the subscriptions are
 * locked while their digest is written ({@code FOR NO KEY UPDATE SKIP LOCKED}) and an event names its period's end
 * (unique per subscription), so two instances make one digest. Time comes from the injected {@link Clock}.
 */
@ApplicationScoped
public class DailyDigests {

    /** The CloudEvents type of a daily digest. */
    public static final String DIGEST = "io.xborder.findings.digest";
    /** The most findings one digest lists; {@code truncated} says when there were more. */
    static final int MAX_FINDINGS = 500;

    private static final Logger LOG = Logger.getLogger(DailyDigests.class);

    private final EntityManager em;
    private final FindingQuery findings;
    private final DeliveryWorkers delivery;
    private final AlertsConfig config;
    private final Clock clock;
    private ScheduledExecutorService timer;

    public DailyDigests(EntityManager em, FindingQuery findings, DeliveryWorkers delivery, AlertsConfig config,
            Clock clock) {
        this.em = em;
        this.findings = findings;
        this.delivery = delivery;
        this.config = config;
        this.clock = clock;
    }

    /** The digest event's data. */
    record Data(EventOutbox.SearchRef savedSearch, Period period, int count, boolean truncated,
            List<DigestFinding> findings) {
    }

    /** The stored times the digest covers: from (inclusive) to (exclusive). */
    record Period(Instant from, Instant to) {
    }

    record DigestFinding(long id, String category, double confidence, String modality, List<String> mechanisms,
            List<String> jurisdictions, List<String> dataCategories, Instant createdAt, EventOutbox.PassageRef passage,
            FindingView.DocumentRef document) {
    }

    /** The latest digest time at or before {@code t}: {@code hour}:00 UTC today or the day before. */
    static Instant lastDue(Instant t, int hour) {
        Instant today = t.truncatedTo(ChronoUnit.DAYS).plus(hour, ChronoUnit.HOURS);
        return today.isAfter(t) ? today.minus(1, ChronoUnit.DAYS) : today;
    }

    /** The first digest time after {@code through}: when the digest that starts there is due. */
    static Instant nextDue(Instant through, Integer hour) {
        if (through == null || hour == null) {
            return null;
        }
        return lastDue(through, hour).plus(1, ChronoUnit.DAYS);
    }

    void start(@Observes StartupEvent start) {
        if (config.workers() <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-digests");
            t.setDaemon(true);
            return t;
        });
        long every = config.digestCheckInterval().toMillis();
        timer.scheduleWithFixedDelay(this::runQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stop) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /**
     * What the timer runs: {@link #run} in a transaction of its own (a call from within the bean does not pass its
     * interceptor, so the transaction is begun here); a failure is logged and tried again at the next check.
     *
     * @return the digest events written, 0 after a failure
     */
    int runQuietly() {
        try {
            return QuarkusTransaction.requiringNew().call(this::run);
        } catch (RuntimeException e) {
            LOG.warnf("Daily digests could not be made now (%s); trying again at the next check", e.getMessage());
            return 0;
        }
    }

    /**
     * Writes the digests that are due by the clock (their hour passed {@code digest-delay} ago, and the last one was
     * made before it): one event per subscription with matches in its period, none without; each subscription's
     * next period starts where this one ended.
     *
     * @return the digest events written
     */
    @Transactional
    public int run() {
        Instant now = clock.instant();
        Instant settled = now.minus(config.digestDelay());
        // no key update: conflicts with another run and with a switch (FOR UPDATE in close), not with the key-share
        // lock every storing transaction holds (EventOutbox), so ingestion never makes a digest be skipped
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("""
                SELECT w.id, w.search_id, w.digest_hour, w.digest_through FROM webhook_subscriptions w
                 WHERE w.delivery = 'DAILY_DIGEST' ORDER BY w.id FOR NO KEY UPDATE SKIP LOCKED""").getResultList();
        int written = 0;
        for (Object[] row : due) {
            long subscriptionId = ((Number) row[0]).longValue();
            int hour = ((Number) row[2]).intValue();
            Instant through = instant(row[3]);
            Instant end = lastDue(settled, hour);
            if (!through.isBefore(end)) {
                continue;
            }
            SavedSearch search = SavedSearch.findById(((Number) row[1]).longValue());
            List<FindingView> matched = findings.createdBetween(search.criteria().filter(), through, end,
                    MAX_FINDINGS + 1);
            if (!matched.isEmpty()) {
                written += write(subscriptionId, search, new Period(through, end), matched, now);
            }
            em.createNativeQuery("UPDATE webhook_subscriptions SET digest_through = ?1 WHERE id = ?2")
                    .setParameter(1, end).setParameter(2, subscriptionId).executeUpdate();
        }
        if (written > 0) {
            delivery.queued(written);
        }
        return written;
    }

    /**
     * Starts the first period of an EACH webhook that becomes a digest, and returns its start. The subscription's row is
     * locked first ({@code FOR UPDATE}), which waits for the transactions storing documents that have read it as EACH
     * (each holds a key-share lock on every subscription until it ends, see {@link EventOutbox}) and wrote their
     * events; the start is read from the clock after the lock, so their findings, stamped before they committed, are
     * before it and no digest lists them again. A storing transaction that reads the row after the lock waits for this
     * one to commit and sees a digest: its findings stamped before the start get an event there, the others are the
     * first digest's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Instant open(long subscriptionId) {
        em.createNativeQuery("SELECT w.id FROM webhook_subscriptions w WHERE w.id = ?1 FOR UPDATE")
                .setParameter(1, subscriptionId).getResultList();
        return clock.instant();
    }

    /**
     * Closes the period in progress of a digest webhook that becomes an EACH one: the matches stored since the last
     * digest are written as one last digest event (none when there are none), so that no match is lost between the
     * last digest and the first per-document event. The subscription's row is locked first ({@code FOR UPDATE}) and
     * its period start read again, so a digest another instance is writing for the same period is not listed twice.
     * The lock also waits for the transactions storing documents that have read the subscriptions (each holds a
     * key-share lock on every subscription until it ends, see {@link EventOutbox}): their findings, committed by then,
     * are in this digest. A storing transaction that reads the subscriptions after the lock waits for this one to
     * commit, sees EACH and writes its own event; its findings are not committed when this digest lists the matches.
     *
     * @return the digest events written (0 or 1)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int close(long subscriptionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                SELECT w.search_id, w.digest_through FROM webhook_subscriptions w
                 WHERE w.id = ?1 AND w.delivery = 'DAILY_DIGEST' FOR UPDATE""").setParameter(1, subscriptionId)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        Instant through = instant(rows.get(0)[1]);
        SavedSearch search = SavedSearch.findById(((Number) rows.get(0)[0]).longValue());
        // Every committed match since the period's start, with no upper bound: which of them are this digest's is
        // decided by the lock, not by comparing this clock with the stored times another instance's clock stamped.
        List<FindingView> matched = findings.createdSince(search.criteria().filter(), through, MAX_FINDINGS + 1);
        if (matched.isEmpty()) {
            return 0;
        }
        // the period ends at the switch (read after the lock), or just after the newest finding listed when that
        // was stamped by a clock ahead of this one
        Instant end = clock.instant();
        Instant newest = matched.get(Math.min(matched.size(), MAX_FINDINGS) - 1).createdAt();
        if (!newest.isBefore(end)) {
            end = newest.plus(1, ChronoUnit.MICROS);
        }
        int written = write(subscriptionId, search, new Period(through, end), matched, clock.instant());
        delivery.queued(written);
        return written;
    }

    private int write(long subscriptionId, SavedSearch search, Period period, List<FindingView> matched,
            Instant now) {
        List<DigestFinding> listed = matched.stream().limit(MAX_FINDINGS)
                .map(f -> new DigestFinding(f.id(), f.category(), f.confidence(), f.modality(), f.mechanisms(),
                        f.jurisdictions(), f.dataCategories(), f.createdAt(),
                        new EventOutbox.PassageRef(f.passage().id(), f.passage().start(), f.passage().end(),
                                f.passage().text()),
                        f.document()))
                .toList();
        String id = "evt_" + UUID.randomUUID().toString().replace("-", "");
        EventOutbox.CloudEvent<Data> event = new EventOutbox.CloudEvent<>("1.0", id,
                "/api/v1/saved-searches/" + search.id, DIGEST,
                "digests/" + period.to().atOffset(ZoneOffset.UTC).toLocalDate(), now, "application/json",
                new Data(new EventOutbox.SearchRef(search.id, search.name), period, listed.size(),
                        matched.size() > MAX_FINDINGS, listed));
        return em.createNativeQuery("""
                INSERT INTO webhook_events (id, subscription_id, type, body, period_end) VALUES (?1, ?2, ?3, ?4, ?5)
                ON CONFLICT DO NOTHING""").setParameter(1, id).setParameter(2, subscriptionId).setParameter(3, DIGEST)
                .setParameter(4, EventOutbox.json(event)).setParameter(5, period.to()).executeUpdate();
    }

    private static Instant instant(Object v) {
        return v instanceof Instant i ? i : v instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) v).toInstant();
    }
}
