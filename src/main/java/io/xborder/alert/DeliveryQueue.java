package io.xborder.alert;

import io.xborder.text.StoredText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The webhook outbox as a work queue shared by every delivery thread of every replica, as the job queue is: events
 * are claimed with {@code FOR UPDATE SKIP LOCKED} and a lease (a dead instance's events are claimed again when the
 * lease ends); an outcome is written only while the claim is held. Each outcome is one short transaction: the
 * attempt's record, the event's state, the subscription's failure run (and its disabling). Plain JDBC; the clock is
 * the database's.
 */
public final class DeliveryQueue {

    /** A claimed event: where it goes, with what secret (sealed), the exact body, and the attempt number. */
    public record Claimed(String eventId, long subscriptionId, String url, String sealedSecret, String body,
            int attempt) {
    }

    /** How one attempt went. */
    public record Outcome(boolean delivered, Integer status, int latencyMs, String error, String responseExcerpt) {
    }

    /** Waiting events: how many, and how long the oldest has waited (zero when none). */
    public record Backlog(long pending, Duration oldestAge) {
    }

    // the due events are picked once, in a CTE: a LIMIT ... SKIP LOCKED subquery inside IN may be run again per row of
    // the join and claim more events than asked for
    private static final String CLAIM = """
            WITH due AS (SELECT e2.id FROM webhook_events e2 JOIN webhook_subscriptions s2 ON s2.id = e2.subscription_id
                          WHERE e2.state = 'PENDING' AND s2.active AND e2.next_attempt_at <= now()
                            AND (e2.lease_until IS NULL OR e2.lease_until < now())
                          ORDER BY e2.next_attempt_at, e2.created_at
                          LIMIT ?
                          FOR UPDATE OF e2 SKIP LOCKED)
            UPDATE webhook_events e
               SET claimed_by = ?, lease_until = now() + ? * interval '1 millisecond', attempts = e.attempts + 1
              FROM due, webhook_subscriptions s
             WHERE e.id = due.id AND s.id = e.subscription_id
            RETURNING e.id, e.subscription_id, s.url, s.secret, e.body, e.attempts
            """;

    private final DataSource dataSource;

    public DeliveryQueue(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Claims up to {@code limit} due events of active subscriptions for {@code workerId}. */
    public List<Claimed> claim(String workerId, Duration lease, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setInt(1, limit);
            ps.setString(2, workerId);
            ps.setLong(3, lease.toMillis());
            List<Claimed> claimed = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6)));
                }
            }
            return claimed;
        } catch (SQLException e) {
            throw new DeliveryStoreException("cannot claim webhook events", e);
        }
    }

    /**
     * Records the attempt and its outcome: a delivered event is done and its subscription's failure run ends; a failed
     * one waits {@code retryDelay} and the run grows, disabling the subscription when it reaches
     * {@code maxFailures}.
     *
     * @return true when this failure disabled the subscription
     */
    public boolean record(Claimed event, String workerId, Outcome outcome, Duration retryDelay, int maxFailures) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement ps = c.prepareStatement(
                        """
                                INSERT INTO webhook_attempts (event_id, worker, status, outcome, latency_ms, error, response_excerpt)
                                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                    ps.setString(1, event.eventId());
                    ps.setString(2, workerId);
                    if (outcome.status() == null) {
                        ps.setNull(3, Types.INTEGER);
                    } else {
                        ps.setInt(3, outcome.status());
                    }
                    ps.setString(4, outcome.delivered() ? "DELIVERED" : "FAILED");
                    ps.setInt(5, outcome.latencyMs());
                    ps.setString(6, StoredText.clean(outcome.error()));
                    ps.setString(7, StoredText.clean(outcome.responseExcerpt()));
                    ps.executeUpdate();
                }
                boolean disabled = false;
                if (outcome.delivered()) {
                    update(c, """
                            UPDATE webhook_events SET state = 'DELIVERED', delivered_at = now(), claimed_by = NULL,
                                   lease_until = NULL, last_status = ?, last_error = NULL
                             WHERE id = ? AND claimed_by = ? AND state = 'PENDING'""", ps -> {
                        ps.setObject(1, outcome.status(), Types.INTEGER);
                        ps.setString(2, event.eventId());
                        ps.setString(3, workerId);
                    });
                    update(c, "UPDATE webhook_subscriptions SET consecutive_failures = 0 WHERE id = ?",
                            ps -> ps.setLong(1, event.subscriptionId()));
                } else {
                    update(c, """
                            UPDATE webhook_events SET next_attempt_at = now() + ? * interval '1 millisecond',
                                   claimed_by = NULL, lease_until = NULL, last_status = ?, last_error = ?
                             WHERE id = ? AND claimed_by = ? AND state = 'PENDING'""", ps -> {
                        ps.setLong(1, retryDelay.toMillis());
                        ps.setObject(2, outcome.status(), Types.INTEGER);
                        ps.setString(3, StoredText.clean(outcome.error()));
                        ps.setString(4, event.eventId());
                        ps.setString(5, workerId);
                    });
                    String why = outcome.status() != null ? "HTTP " + outcome.status() : outcome.error();
                    try (PreparedStatement ps = c.prepareStatement(
                            """
                                    UPDATE webhook_subscriptions
                                       SET consecutive_failures = consecutive_failures + 1,
                                           active = active AND consecutive_failures + 1 < ?,
                                           disabled_at = CASE WHEN active AND consecutive_failures + 1 >= ? THEN now()
                                                              ELSE disabled_at END,
                                           disabled_reason = CASE WHEN active AND consecutive_failures + 1 >= ?
                                                                  THEN (consecutive_failures + 1) || ' failed attempts in a row; the last: ' || ?
                                                                  ELSE disabled_reason END
                                     WHERE id = ?
                                    RETURNING NOT active AND consecutive_failures = ?""")) {
                        ps.setInt(1, maxFailures);
                        ps.setInt(2, maxFailures);
                        ps.setInt(3, maxFailures);
                        ps.setString(4, StoredText.clean(why == null ? "no answer" : why));
                        ps.setLong(5, event.subscriptionId());
                        ps.setInt(6, maxFailures);
                        try (ResultSet rs = ps.executeQuery()) {
                            disabled = rs.next() && rs.getBoolean(1);
                        }
                    }
                }
                c.commit();
                return disabled;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DeliveryStoreException("cannot record a webhook attempt", e);
        }
    }

    /** Gives claimed events back without counting the attempt (shutdown). */
    public void release(List<Claimed> events, String workerId) {
        for (Claimed e : events) {
            try (Connection c = dataSource.getConnection()) {
                update(c,
                        """
                                UPDATE webhook_events SET claimed_by = NULL, lease_until = NULL, attempts = greatest(attempts - 1, 0)
                                 WHERE id = ? AND claimed_by = ? AND state = 'PENDING'""",
                        ps -> {
                            ps.setString(1, e.eventId());
                            ps.setString(2, workerId);
                        });
            } catch (SQLException ex) {
                throw new DeliveryStoreException("cannot give a webhook event back", ex);
            }
        }
    }

    /**
     * Makes the subscription's events (one, or those created in [from, to)) pending again, due now: they are sent
     * again with their ids and bodies, once the subscription is active.
     *
     * @return the events made pending
     */
    public int replay(long subscriptionId, String eventId, Instant from, Instant to) {
        String sql = "UPDATE webhook_events SET state = 'PENDING', next_attempt_at = now(), claimed_by = NULL, "
                + "lease_until = NULL, attempts = 0, delivered_at = NULL WHERE subscription_id = ? AND "
                + (eventId != null ? "id = ?" : "created_at >= ? AND created_at < ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, subscriptionId);
            if (eventId != null) {
                ps.setString(2, eventId);
            } else {
                ps.setTimestamp(2, Timestamp.from(from));
                ps.setTimestamp(3, Timestamp.from(to));
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new DeliveryStoreException("cannot replay webhook events", e);
        }
    }

    /** How many of the subscription's events were created in [from, to): what a replay of that range sends. */
    public long count(long subscriptionId, Instant from, Instant to) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM webhook_events WHERE subscription_id "
                        + "= ? AND created_at >= ? AND created_at < ?")) {
            ps.setLong(1, subscriptionId);
            ps.setTimestamp(2, Timestamp.from(from));
            ps.setTimestamp(3, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new DeliveryStoreException("cannot count webhook events", e);
        }
    }

    /** The waiting events of all subscriptions. */
    public Backlog backlog() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*), coalesce(extract(epoch FROM now() - "
                        + "min(created_at)) * 1000, 0) FROM webhook_events WHERE state = 'PENDING'");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Backlog(rs.getLong(1), Duration.ofMillis(rs.getLong(2)));
        } catch (SQLException e) {
            throw new DeliveryStoreException("cannot count webhook events", e);
        }
    }

    @FunctionalInterface
    private interface Binder {

        void bind(PreparedStatement ps) throws SQLException;
    }

    private static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /** The outbox tables could not be read or written. */
    public static class DeliveryStoreException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        DeliveryStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
