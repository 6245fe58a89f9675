package io.xborder.finding;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs findings queries: one statement for the page (finding, passage and document columns together, no N+1)
 * and one for the count.
 */
@ApplicationScoped
public class FindingQuery {

    private final EntityManager em;

    public FindingQuery(EntityManager em) {
        this.em = em;
    }

    /**
     * @param page zero-based page, used when {@code cursor} is null
     * @param cursor keyset position after which to continue, or null
     */
    public FindingPage find(FindingFilter filter, int page, int size, FindingCursor cursor) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        Slice slice = rows(where, params, cursor == null ? page * size : 0, size, cursor);
        TypedQuery<Long> count = em.createQuery("select count(f) from StoredFinding f join f.passage p" + where, Long.class);
        params.forEach(count::setParameter);
        long total = count.getSingleResult();
        return new FindingPage(slice.items(), cursor == null ? page : null, size, total, true, slice.nextCursor());
    }

    /**
     * Up to {@code size} findings after {@code cursor} (or from the start), without counting: for exports, which
     * walk all matches slice by slice.
     */
    public Slice slice(FindingFilter filter, int size, FindingCursor cursor) {
        Map<String, Object> params = new LinkedHashMap<>();
        return rows(where(filter, params), params, 0, size, cursor);
    }

    /** One finding with its passage and document. */
    public Optional<FindingView> get(long id) {
        Slice slice = rows(" where f.id = :id", Map.of("id", id), 0, 1, null);
        return slice.items().stream().findFirst();
    }

    /** Findings in list order and the cursor after the last of them (null when there are no more). */
    public record Slice(List<FindingView> items, String nextCursor) {
    }

    private Slice rows(String where, Map<String, Object> params, int offset, int size, FindingCursor cursor) {
        String pageWhere = where;
        if (cursor != null) {
            pageWhere += " and (f.occurredOn < :cursorDate or (f.occurredOn = :cursorDate and f.id < :cursorId))";
        }
        TypedQuery<Object[]> query = em.createQuery("select f, p.id, p.index, p.start, p.end, p.text, d.id, d.title, "
                + "d.publishedAt, d.jurisdiction from StoredFinding f join f.passage p join f.document d"
                + pageWhere + " order by f.occurredOn desc, f.id desc", Object[].class);
        params.forEach(query::setParameter);
        if (cursor != null) {
            query.setParameter("cursorDate", cursor.occurredOn());
            query.setParameter("cursorId", cursor.id());
        }
        query.setFirstResult(offset);
        // one extra row tells whether a next page exists
        List<Object[]> rows = query.setMaxResults(size + 1).getResultList();
        boolean hasNext = rows.size() > size;
        List<FindingView> items = new ArrayList<>(Math.min(rows.size(), size));
        for (Object[] row : rows.subList(0, Math.min(rows.size(), size))) {
            StoredFinding f = (StoredFinding) row[0];
            items.add(FindingView.of(f,
                    new FindingView.PassageRef((Long) row[1], (Integer) row[2], (Integer) row[3], (Integer) row[4],
                            (String) row[5]),
                    new FindingView.DocumentRef((Long) row[6], (String) row[7], (LocalDate) row[8], (String) row[9])));
        }
        String next = null;
        if (hasNext && !items.isEmpty()) {
            StoredFinding last = (StoredFinding) rows.get(size - 1)[0];
            next = new FindingCursor(last.occurredOn, last.id).encode();
        }
        return new Slice(items, next);
    }

    private static String where(FindingFilter filter, Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (filter.category() != null) {
            where.append(" and f.category = :category");
            params.put("category", filter.category().name());
        }
        if (filter.modality() != null) {
            where.append(" and f.modality = :modality");
            params.put("modality", filter.modality().name());
        }
        if (filter.jurisdiction() != null) {
            where.append(" and array_includes(f.jurisdictions, :jurisdictions)");
            params.put("jurisdictions", new String[] { filter.jurisdiction() });
        }
        if (filter.mechanism() != null) {
            where.append(" and array_includes(f.mechanisms, :mechanisms)");
            params.put("mechanisms", new String[] { filter.mechanism().name() });
        }
        if (filter.dataCategory() != null) {
            where.append(" and array_includes(f.dataCategories, :dataCategories)");
            params.put("dataCategories", new String[] { filter.dataCategory().name() });
        }
        if (filter.language() != null) {
            where.append(" and f.language = :language");
            params.put("language", filter.language().code());
        }
        if (filter.minConfidence() != null) {
            where.append(" and f.confidence >= :minConfidence");
            params.put("minConfidence", filter.minConfidence());
        }
        if (filter.documentId() != null) {
            where.append(" and f.document.id = :documentId");
            params.put("documentId", filter.documentId());
        }
        if (filter.from() != null) {
            where.append(" and f.occurredOn >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            where.append(" and f.occurredOn <= :to");
            params.put("to", filter.to());
        }
        if (filter.reviewStatus() != null) {
            where.append(" and f.reviewStatus = :reviewStatus");
            params.put("reviewStatus", filter.reviewStatus().name());
        }
        if (filter.text() != null) {
            where.append(" and p.text ilike :text escape '\\'");
            // stored text holds no NUL (ingestion drops it) and PostgreSQL refuses it in a parameter: a 500 otherwise
            params.put("text", "%" + escapeLike(filter.text().replace("\u0000", "")) + "%");
        }
        return where.toString();
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
