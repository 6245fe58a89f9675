package io.xborder.finding;

import io.xborder.classify.Category;
import io.xborder.classify.Modality;
import io.xborder.document.FindingOrigin;
import io.xborder.document.ReviewStatus;
import io.xborder.document.StoredFinding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Runs findings queries: one statement for the page (finding, passage and document columns together, no N+1)
 * and one for the count. The count stops after {@code xborder.findings.count-cap} matches (default 1,000), so that
 * a broad filter over millions of findings does not scan them all; above the cap the page says
 * {@code totalExact=false} and the total is the cap. At 1M findings a 10,000 cap costs 20–240 ms per request
 * (PostgreSQL reads at least 10,000 rows), 1,000 costs 1–13 ms. A filter whose count reached the cap is not counted
 * again for {@code xborder.findings.count-cache} ({@link CappedCounts}): the next pages of a common word cost the page
 * alone.
 */
@ApplicationScoped
public class FindingQuery {

    private final EntityManager em;
    private final BigramStatistics bigrams;

    /** Counts up to here are exact; above it the total is reported as a lower bound. */
    private final int countCap;
    private final CappedCounts capped;

    public FindingQuery(EntityManager em, BigramStatistics bigrams, FindingsConfig config) {
        this.em = em;
        this.bigrams = bigrams;
        this.countCap = config.countCap();
        this.capped = new CappedCounts(config.countCache(), System::nanoTime);
    }

    /**
     * @param page zero-based page, used when {@code cursor} is null
     * @param cursor keyset position after which to continue, or null
     */
    @Transactional
    public FindingPage find(FindingFilter filter, int page, int size, FindingCursor cursor) {
        planForTheValues();
        Where where = where(filter, bigrams);
        Slice slice = rows(where.hql.toString(), where.hqlParams, cursor == null ? page * size : 0, size, cursor);
        return page(filter, where, slice, cursor == null ? page : null, size);
    }

    /**
     * A page of the filter's matches, the one the classifier was least sure of first: ordered by how close the
     * confidence is to its category's decision threshold (then newest first). What a review queue shows.
     *
     * @param thresholds the decision threshold of every category, from the classifier's model
     */
    @Transactional
    public FindingPage closestToThreshold(FindingFilter filter, Map<Category, Double> thresholds, int page,
            int size) {
        planForTheValues();
        Where where = where(filter, bigrams);
        Map<String, Object> params = new LinkedHashMap<>(where.hqlParams);
        StringBuilder order = new StringBuilder(" order by abs(f.confidence - case f.attributes.category");
        int i = 0;
        for (Category c : Category.values()) {
            order.append(" when :queueCategory").append(i).append(" then :queueThreshold").append(i);
            params.put("queueCategory" + i, c);
            params.put("queueThreshold" + i, thresholds.getOrDefault(c, 0.5));
            i++;
        }
        order.append(" else 0.5 end), f.occurredOn desc, f.id desc");
        List<FindingView> items = rows(where.hql.toString(), params, page * size, size, null, order.toString())
                .items();
        // no cursor: a position in this order is not a (date, id) pair
        return page(filter, where, new Slice(items, null), page, size);
    }

    private FindingPage page(FindingFilter filter, Where where, Slice slice, Integer page, int size) {
        if (capped.isCapped(filter)) {
            return new FindingPage(slice.items(), page, size, countCap, false, slice.nextCursor());
        }
        // count(*) over at most countCap + 1 matching rows, in any order (HQL allows a limit in a subquery only
        // with an order by, which would make PostgreSQL sort all matches); the passage joined only for a text filter
        Query count = em.createNativeQuery("select count(*) from (select 1 from findings f"
                + (filter.text() != null ? " join passages p on p.id = f.passage_id" : "") + where.sql
                + " limit " + (countCap + 1) + ") c");
        where.sqlParams.forEach(count::setParameter);
        long counted = ((Number) count.getSingleResult()).longValue();
        boolean exact = counted <= countCap;
        long total = exact ? counted : countCap;
        if (!exact) {
            capped.capped(filter);
        }
        return new FindingPage(slice.items(), page, size, total, exact, slice.nextCursor());
    }

    /**
     * Up to {@code size} findings after {@code cursor} (or from the start), without counting: for exports, which
     * walk all matches slice by slice.
     */
    @Transactional
    public Slice slice(FindingFilter filter, int size, FindingCursor cursor) {
        planForTheValues();
        Where where = where(filter, bigrams);
        return rows(where.hql.toString(), where.hqlParams, 0, size, cursor);
    }

    /**
     * Matches of the filter created after {@code since}, counted up to the cap: what is new in a saved search since its
     * reader last looked.
     */
    @Transactional
    public FindingPage.Count countCreatedAfter(FindingFilter filter, Instant since) {
        planForTheValues();
        Where where = where(filter, bigrams);
        where.and("f.createdAt > :createdAfter", "f.created_at > :createdAfter", "createdAfter", since);
        Query count = em.createNativeQuery("select count(*) from (select 1 from findings f"
                + (filter.text() != null ? " join passages p on p.id = f.passage_id" : "") + where.sql
                + " limit " + (countCap + 1) + ") c");
        where.sqlParams.forEach(count::setParameter);
        long counted = ((Number) count.getSingleResult()).longValue();
        return new FindingPage.Count(Math.min(counted, countCap), counted <= countCap);
    }

    /** The {@code size} matches of the filter stored last, newest first: a saved search's feed. */
    @Transactional
    public List<FindingView> newest(FindingFilter filter, int size) {
        planForTheValues();
        Where where = where(filter, bigrams);
        return rows(where.hql.toString(), where.hqlParams, 0, size, null, " order by f.createdAt desc, f.id desc")
                .items();
    }

    /** Matches of the filter stored in [from, to), oldest first, at most {@code size}: a saved search's digest. */
    @Transactional
    public List<FindingView> createdBetween(FindingFilter filter, Instant from, Instant to, int size) {
        return created(filter, from, to, size);
    }

    /**
     * Matches of the filter stored at or after {@code from} (all that are committed), oldest first, at most
     * {@code size}: a saved search's last digest.
     */
    @Transactional
    public List<FindingView> createdSince(FindingFilter filter, Instant from, int size) {
        return created(filter, from, null, size);
    }

    private List<FindingView> created(FindingFilter filter, Instant from, Instant to, int size) {
        planForTheValues();
        Where where = where(filter, bigrams);
        where.and("f.createdAt >= :createdFrom", "f.created_at >= :createdFrom", "createdFrom", from);
        if (to != null) {
            where.and("f.createdAt < :createdTo", "f.created_at < :createdTo", "createdTo", to);
        }
        return rows(where.hql.toString(), where.hqlParams, 0, size, null, " order by f.createdAt, f.id").items();
    }

    /** One finding with its passage and document. */
    public Optional<FindingView> get(long id) {
        return rows(" where f.id = :id", Map.of("id", id), 0, 1, null).items().stream().findFirst();
    }

    /**
     * Has PostgreSQL plan the rest of this transaction's statements for their actual values. The filters are very
     * uneven (CN is on a third of the findings, most countries on under 1 %); after five executions of a prepared
     * statement PostgreSQL may switch to a generic plan, which for jurisdiction=CN sorts 368k rows (1 s instead of
     * 2 ms at 1M findings). Only here, not on every pooled connection: there it also re-planned each batched
     * INSERT of every stored document, a quarter of PostgreSQL's work per document ingested.
     */
    private void planForTheValues() {
        em.createNativeQuery("set local plan_cache_mode = force_custom_plan").executeUpdate();
    }

    /** Findings in list order and the cursor after the last of them (null when there are no more). */
    public record Slice(List<FindingView> items, String nextCursor) {
    }

    private Slice rows(String where, Map<String, Object> params, int offset, int size, FindingCursor cursor) {
        return rows(where, params, offset, size, cursor, " order by f.occurredOn desc, f.id desc");
    }

    private Slice rows(String where, Map<String, Object> params, int offset, int size, FindingCursor cursor,
            String order) {
        String pageWhere = where;
        if (cursor != null) {
            // the first condition alone bounds the scan of the (occurred_on, id) index; without it PostgreSQL walks the
            // index from the newest finding and filters, reading every row before the cursor
            pageWhere += " and f.occurredOn <= :cursorDate"
                    + " and (f.occurredOn < :cursorDate or (f.occurredOn = :cursorDate and f.id < :cursorId))";
        }
        // columns, not entities: no entity instances, lazy-association proxies or persistence-context entries for
        // rows that are only copied into views
        TypedQuery<Row> query = em.createQuery("select new " + Row.class.getName() + "(f.id, f.attributes.category, "
                + "f.confidence, f.attributes.modality, f.attributes.mechanisms, f.attributes.jurisdictions, "
                + "f.attributes.dataCategories, f.evidence, "
                + "f.rulesetVersion, f.reviewStatus, f.language, f.createdAt, f.reviewedBy, f.reviewedAt, "
                + "f.reviewComment, f.classifierOriginal, f.version, f.occurredOn, p.id, p.index, p.start, p.end, "
                + "p.text, d.id, d.title, d.publishedAt, d.jurisdiction, f.origin) "
                + "from StoredFinding f join f.passage p join f.document d"
                + pageWhere + order, Row.class);
        params.forEach(query::setParameter);
        if (cursor != null) {
            query.setParameter("cursorDate", cursor.occurredOn());
            query.setParameter("cursorId", cursor.id());
        } else {
            query.setFirstResult(offset);
        }
        // one extra row tells whether a next page exists
        List<Row> rows = query.setMaxResults(size + 1).getResultList();
        boolean hasNext = rows.size() > size;
        List<FindingView> items = new ArrayList<>(Math.min(rows.size(), size));
        for (Row row : rows.subList(0, Math.min(rows.size(), size))) {
            items.add(row.view());
        }
        String next = null;
        if (hasNext && !items.isEmpty()) {
            Row last = rows.get(size - 1);
            next = new FindingCursor(last.occurredOn(), last.id()).encode();
        }
        return new Slice(items, next);
    }

    /**
     * One row of a findings page: the finding's columns with its passage's and document's. Public, with boxed
     * numbers: HQL's {@code select new} finds this constructor by the selected values' types.
     */
    public record Row(Long id, Category category, Double confidence, Modality modality, String[] mechanisms,
            String[] jurisdictions, String[] dataCategories, List<StoredFinding.EvidenceSpan> evidence,
            String rulesetVersion, ReviewStatus reviewStatus, String language, Instant createdAt, String reviewedBy,
            Instant reviewedAt, String reviewComment, StoredFinding.Attributes classifierOriginal, Integer version,
            LocalDate occurredOn, Long passageId, Integer passageIndex, Integer passageStart, Integer passageEnd,
            String passageText, Long documentId, String documentTitle, LocalDate documentPublishedAt,
            String documentJurisdiction, FindingOrigin origin) {

        FindingView view() {
            return new FindingView(id, category.name(), confidence, modality.name(), FindingView.sorted(mechanisms),
                    FindingView.sorted(jurisdictions), FindingView.sorted(dataCategories), evidence, rulesetVersion,
                    reviewStatus.name(), language, createdAt,
                    new FindingView.PassageRef(passageId, passageIndex, passageStart, passageEnd, passageText),
                    new FindingView.DocumentRef(documentId, documentTitle, documentPublishedAt, documentJurisdiction),
                    reviewedBy, reviewedAt, reviewComment, classifierOriginal, version, origin.name());
        }
    }

    /**
     * The filter as an HQL condition (page) and the same condition in SQL (capped count), with their parameters: an
     * enum as itself for HQL (the entity's attribute type), as its stored name for SQL.
     */
    private static final class Where {

        final StringBuilder hql = new StringBuilder(" where 1 = 1");
        final StringBuilder sql = new StringBuilder(" where 1 = 1");
        final Map<String, Object> hqlParams = new LinkedHashMap<>();
        final Map<String, Object> sqlParams = new LinkedHashMap<>();

        void and(String hqlCondition, String sqlCondition, String name, Object value) {
            hql.append(" and ").append(hqlCondition);
            sql.append(" and ").append(sqlCondition);
            hqlParams.put(name, value);
            sqlParams.put(name, value instanceof Enum<?> e ? e.name() : value);
        }
    }

    private static Where where(FindingFilter filter, BigramStatistics bigrams) {
        Where w = new Where();
        if (filter.category() != null) {
            w.and("f.attributes.category = :category", "f.category = :category", "category", filter.category());
        }
        if (filter.modality() != null) {
            w.and("f.attributes.modality = :modality", "f.modality = :modality", "modality", filter.modality());
        }
        // array containment (@>) is what the GIN indexes on the array columns serve
        if (FindingFilter.NO_JURISDICTION.equals(filter.jurisdiction())) {
            w.hql.append(" and function('cardinality', f.attributes.jurisdictions) = 0");
            w.sql.append(" and cardinality(f.jurisdictions) = 0");
        } else if (filter.jurisdiction() != null) {
            w.and("array_includes(f.attributes.jurisdictions, :jurisdictions)",
                    "f.jurisdictions @> cast(:jurisdictions as varchar[])", "jurisdictions",
                    new String[] { filter.jurisdiction() });
        }
        if (filter.mechanism() != null) {
            w.and("array_includes(f.attributes.mechanisms, :mechanisms)",
                    "f.mechanisms @> cast(:mechanisms as varchar[])",
                    "mechanisms", new String[] { filter.mechanism().name() });
        }
        if (filter.dataCategory() != null) {
            w.and("array_includes(f.attributes.dataCategories, :dataCategories)",
                    "f.data_categories @> cast(:dataCategories as varchar[])", "dataCategories",
                    new String[] { filter.dataCategory().name() });
        }
        if (filter.language() != null) {
            w.and("f.language = :language", "f.language = :language", "language", filter.language().code());
        }
        if (filter.minConfidence() != null) {
            w.and("f.confidence >= :minConfidence", "f.confidence >= :minConfidence", "minConfidence",
                    filter.minConfidence());
        }
        if (filter.documentId() != null) {
            w.and("f.document.id = :documentId", "f.document_id = :documentId", "documentId", filter.documentId());
        }
        if (filter.from() != null || filter.to() != null) {
            // a date filter asks when a text was published: findings of undated documents (whose occurred_on is the
            // day they were added) match none
            w.hql.append(" and f.document.publishedAt is not null");
            w.sql.append(" and exists (select 1 from documents d where d.id = f.document_id"
                    + " and d.published_at is not null)");
        }
        if (filter.from() != null) {
            w.and("f.occurredOn >= :from", "f.occurred_on >= :from", "from", filter.from());
        }
        if (filter.to() != null) {
            w.and("f.occurredOn <= :to", "f.occurred_on <= :to", "to", filter.to());
        }
        if (filter.reviewStatus() != null) {
            w.and("f.reviewStatus = :reviewStatus", "f.review_status = :reviewStatus", "reviewStatus",
                    filter.reviewStatus());
        }
        // stored text holds no NUL (ingestion drops it) and PostgreSQL refuses it in a parameter: a 500 otherwise
        String text = filter.text() == null ? null : filter.text().replace("\u0000", "");
        List<String> terms = SearchTerms.parse(text).terms();
        for (int i = 0; i < terms.size(); i++) {
            String term = terms.get(i);
            String name = "text" + i;
            if (BigramStatistics.isHanPair(term) && bigrams.isRare(term)) {
                // the same matches as LIKE, found through the bigram index (no trigram inside a two-character pattern)
                w.and("function('xborder_has_bigram', p.text, :" + name + ") = true",
                        "xborder_has_bigram(p.text, :" + name + ")", name, term);
            } else {
                // ILIKE lower-cases every passage it reads; a query without cased letters (Chinese) needs no folding
                boolean caseless = term.equals(term.toLowerCase(Locale.ROOT))
                        && term.equals(term.toUpperCase(Locale.ROOT));
                String like = caseless ? "like" : "ilike";
                w.and("p.text " + like + " :" + name + " escape '\\'", "p.text " + like + " :" + name + " escape '\\'",
                        name, "%" + escapeLike(term) + "%");
            }
        }
        return w;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
