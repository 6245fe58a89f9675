package io.xborder.document;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.xborder.http.ProblemException;
import io.xborder.security.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The documents as a library: listed with filters and a sort, and their metadata corrected (audited; the findings
 * follow a corrected date at once and a corrected jurisdiction through reclassification).
 */
@ApplicationScoped
public class DocumentLibrary {

    /** The jurisdiction filter for documents that have none. */
    public static final String NO_JURISDICTION = "-";

    /** How the list is ordered. */
    public enum Sort {
        /** Newest added first. */
        ADDED,
        /** Newest publication first, undated last. */
        PUBLISHED,
        /** By title. */
        TITLE,
        /** Most findings first. */
        FINDINGS
    }

    /**
     * What to list; null means "any". {@code titleWords}: every word must be in the title (any case, any order);
     * {@code hasFindings}: true for documents with findings, false for those without.
     */
    public record Filter(String titleWords, String jurisdiction, String language, Boolean hasFindings,
            LocalDate publishedFrom, LocalDate publishedTo, LocalDate addedSince, Source source) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, null);
        }
    }

    /** Where a document came from: a feed, a site (the host of its source URL), or neither (added by hand). */
    public sealed interface Source {
    }

    /** Brought by this feed. */
    public record FromFeed(long feedId) implements Source {
    }

    /** Its source URL is on this host (lower case, as {@link #sources()} lists it). */
    public record FromSite(String host) implements Source {
    }

    /** Pasted or uploaded: no feed brought it and it names no source URL. */
    public record ByHand() implements Source {
    }

    /** The sources documents can be listed by: the feeds, by name, and the sites documents came from. */
    public record Sources(Map<Long, String> feeds, List<String> sites) {
    }

    /** The host of {@code d.source_url}, lower case; null when there is none. */
    private static final String HOST = "lower(substring(d.source_url from '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#@]+)'))";

    /** One row of the library. */
    public record Row(long id, String title, String jurisdiction, String language, LocalDate publishedAt,
            Instant createdAt, String sourceUrl, long findings) {
    }

    public record Page(List<Row> items, int page, int size, long total) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /** A document's corrected metadata. */
    public record Metadata(String title, LocalDate publishedAt, String jurisdiction) {
    }

    /** What a correction changed. */
    public record Corrected(boolean changed, boolean jurisdictionChanged, DocumentService.Reclassified reclassified) {
    }

    private final EntityManager em;
    private final AuditLog audit;
    private final DocumentService documents;

    public DocumentLibrary(EntityManager em, AuditLog audit, DocumentService documents) {
        this.em = em;
        this.audit = audit;
        this.documents = documents;
    }

    @Transactional
    public Page find(Filter filter, Sort sort, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.titleWords() != null) {
            int i = 0;
            for (String word : filter.titleWords().strip().split("\\s+")) {
                where.append(" and d.title ilike :w").append(i).append(" escape '\\'");
                params.put("w" + i++, "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
        if (NO_JURISDICTION.equals(filter.jurisdiction())) {
            where.append(" and d.jurisdiction is null");
        } else if (filter.jurisdiction() != null) {
            where.append(" and d.jurisdiction = :jurisdiction");
            params.put("jurisdiction", filter.jurisdiction());
        }
        if (filter.language() != null) {
            where.append(" and d.language = :language");
            params.put("language", filter.language());
        }
        if (filter.hasFindings() != null) {
            where.append(filter.hasFindings() ? " and exists" : " and not exists")
                    .append(" (select 1 from findings f where f.document_id = d.id)");
        }
        if (filter.publishedFrom() != null) {
            where.append(" and d.published_at >= :from");
            params.put("from", filter.publishedFrom());
        }
        if (filter.publishedTo() != null) {
            where.append(" and d.published_at <= :to");
            params.put("to", filter.publishedTo());
        }
        if (filter.addedSince() != null) {
            where.append(" and d.created_at >= :addedSince");
            params.put("addedSince", filter.addedSince().atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (filter.source() instanceof FromFeed f) {
            where.append(
                    " and exists (select 1 from feed_items fi where fi.document_id = d.id and fi.feed_id = :feed)");
            params.put("feed", f.feedId());
        } else if (filter.source() instanceof FromSite site) {
            where.append(" and ").append(HOST).append(" = :host");
            params.put("host", site.host());
        } else if (filter.source() instanceof ByHand) {
            where.append(" and d.source_url is null")
                    .append(" and not exists (select 1 from feed_items fi where fi.document_id = d.id)");
        }
        String order = switch (sort) {
            case ADDED -> "d.created_at desc, d.id desc";
            case PUBLISHED -> "d.published_at desc nulls last, d.id desc";
            case TITLE -> "lower(d.title), d.id";
            case FINDINGS -> "findings desc, d.id desc";
        };
        Query list = em.createNativeQuery("select d.id, d.title, d.jurisdiction, d.language, d.published_at, "
                + "d.created_at, d.source_url, (select count(*) from findings f where f.document_id = d.id) findings "
                + "from documents d" + where + " order by " + order);
        Query count = em.createNativeQuery("select count(*) from documents d" + where);
        params.forEach((k, v) -> {
            list.setParameter(k, v);
            count.setParameter(k, v);
        });
        List<Row> rows = new ArrayList<>();
        for (Object r : list.setFirstResult(page * size).setMaxResults(size).getResultList()) {
            Object[] c = (Object[]) r;
            rows.add(new Row(((Number) c[0]).longValue(), (String) c[1], (String) c[2], (String) c[3], date(c[4]),
                    instant(c[5]), (String) c[6], ((Number) c[7]).longValue()));
        }
        return new Page(rows, page, size, ((Number) count.getSingleResult()).longValue());
    }

    /**
     * Corrects a document's title, date and jurisdiction, audited with the values before and after. Its findings
     * take a corrected date at once; a corrected jurisdiction has the document classified again (the jurisdiction
     * decides what "within the territory" names), keeping reviewed findings.
     *
     * @throws ProblemException 404 when the document does not exist
     */
    public Corrected correct(long id, Metadata metadata) {
        Metadata before = QuarkusTransaction.requiringNew().call(() -> correctInTransaction(id, metadata));
        if (before == null) {
            return new Corrected(false, false, null);
        }
        boolean jurisdictionChanged = !Objects.equals(before.jurisdiction(), metadata.jurisdiction());
        return new Corrected(true, jurisdictionChanged,
                jurisdictionChanged ? documents.reclassify(id, true) : null);
    }

    /** The metadata before, or null when nothing changed. */
    private Metadata correctInTransaction(long id, Metadata metadata) {
        Document d = Document.<Document>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("document", id));
        Metadata before = new Metadata(d.title, d.publishedAt, d.jurisdiction);
        if (before.equals(metadata)) {
            return null;
        }
        d.title = metadata.title();
        d.publishedAt = metadata.publishedAt();
        d.jurisdiction = metadata.jurisdiction();
        if (!Objects.equals(before.publishedAt(), metadata.publishedAt())) {
            // a finding's date is its document's publication date, or the day it was added when undated
            em.createNativeQuery("update findings set occurred_on = coalesce(cast(:published as date), "
                    + "cast(:added as date)) where document_id = :id")
                    .setParameter("published", metadata.publishedAt())
                    .setParameter("added", d.createdAt.atZone(ZoneOffset.UTC).toLocalDate())
                    .setParameter("id", id).executeUpdate();
        }
        audit.record("document.update", "document", id, before, metadata);
        return before;
    }

    /** The feeds (by name, or URL when unnamed) and the sites of the documents' source URLs, for the filter. */
    @Transactional
    public Sources sources() {
        Map<Long, String> feeds = new LinkedHashMap<>();
        for (Object r : em.createNativeQuery("select id, coalesce(nullif(title, ''), url) from feeds "
                + "order by lower(coalesce(nullif(title, ''), url)), id").getResultList()) {
            Object[] c = (Object[]) r;
            feeds.put(((Number) c[0]).longValue(), (String) c[1]);
        }
        List<String> sites = new ArrayList<>();
        for (Object host : em.createNativeQuery("select distinct " + HOST + " h from documents d "
                + "where d.source_url is not null order by h").getResultList()) {
            if (host != null) {
                sites.add((String) host);
            }
        }
        return new Sources(feeds, sites);
    }

    /** The document's metadata, for the edit form. */
    @Transactional
    public Optional<Metadata> metadata(long id) {
        return Document.<Document>findByIdOptional(id).map(d -> new Metadata(d.title, d.publishedAt, d.jurisdiction));
    }

    private static LocalDate date(Object value) {
        if (value instanceof Date d) {
            return d.toLocalDate();
        }
        return value instanceof LocalDate l ? l : null;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return value instanceof Instant i ? i : null;
    }
}
