package io.xborder.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log: who changed what, when, with the record before and after. {@link #record} must run inside the
 * transaction of the change it describes (it refuses to run without one), so a change and its entry commit or roll
 * back together. There is no update or delete here, and the database refuses both (migration V4).
 */
@ApplicationScoped
public class AuditLog {

    /** Actor of changes made by the service itself (start-up, scheduled work). */
    public static final String SYSTEM = "system";

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final EntityManager em;
    private final Instance<CurrentIdentityAssociation> identities;

    public AuditLog(EntityManager em, Instance<CurrentIdentityAssociation> identities) {
        this.em = em;
        this.identities = identities;
    }

    /** Records a change by the current caller. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String action, String targetType, Object targetId, Object before, Object after) {
        record(actor(), action, targetType, targetId, before, after);
    }

    /** Records a change by the named actor. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String actor, String action, String targetType, Object targetId, Object before, Object after) {
        em.createNativeQuery("insert into audit_log (actor, action, target_type, target_id, before, after) "
                + "values (?1, ?2, ?3, ?4, cast(?5 as jsonb), cast(?6 as jsonb))")
                .setParameter(1, actor)
                .setParameter(2, action)
                .setParameter(3, targetType)
                .setParameter(4, String.valueOf(targetId))
                .setParameter(5, json(before))
                .setParameter(6, json(after))
                .executeUpdate();
    }

    /** The authenticated caller's principal name; {@value #SYSTEM} outside a request or for anonymous work. */
    public String actor() {
        try {
            if (identities.isResolvable()) {
                SecurityIdentity identity = identities.get().getIdentity();
                if (identity != null && !identity.isAnonymous()) {
                    return identity.getPrincipal().getName();
                }
            }
        } catch (ContextNotActiveException e) {
            // no request: the service's own work
        }
        return SYSTEM;
    }

    /** Entries matching the filter, newest first. */
    @Transactional
    public AuditPage find(AuditFilter filter, int page, int size) {
        Where where = new Where().and("actor =", filter.actor()).and("action =", filter.action())
                .and("target_type =", filter.targetType()).and("target_id =", filter.targetId())
                .and("at >=", filter.from() == null ? null : Timestamp.from(filter.from()))
                .and("at <", filter.to() == null ? null : Timestamp.from(filter.to()));
        List<Object> params = where.params;
        Query count = em.createNativeQuery("select count(*) from audit_log" + where.sql);
        Query rows = em.createNativeQuery("select id, at, actor, action, target_type, target_id, "
                + "cast(before as text), cast(after as text) from audit_log" + where.sql
                + " order by at desc, id desc");
        for (int i = 0; i < params.size(); i++) {
            count.setParameter(i + 1, params.get(i));
            rows.setParameter(i + 1, params.get(i));
        }
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> result = rows.setFirstResult(page * size).setMaxResults(size).getResultList();
        List<AuditEntry> items = result.stream().map(r -> new AuditEntry(((Number) r[0]).longValue(), instant(r[1]),
                (String) r[2], (String) r[3], (String) r[4], (String) r[5], tree((String) r[6]), tree((String) r[7])))
                .toList();
        return new AuditPage(items, page, size, total);
    }

    /** The where clause of {@link #find}: a condition per filter field that is set, with numbered parameters. */
    private static final class Where {

        final StringBuilder sql = new StringBuilder(" where true");
        final List<Object> params = new ArrayList<>();

        /** Adds {@code condition ?n} for a value that is set; {@code condition} is a column and an operator. */
        Where and(String condition, Object value) {
            if (value != null) {
                params.add(value);
                sql.append(" and ").append(condition).append(" ?").append(params.size());
            }
            return this;
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private static String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit record not serialisable: " + value.getClass().getName(), e);
        }
    }

    private static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_log holds invalid JSON", e);
        }
    }
}
