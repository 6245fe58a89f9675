package io.xborder.alert;

import io.xborder.finding.FindingPage;
import io.xborder.finding.FindingQuery;
import io.xborder.finding.FindingView;
import io.xborder.http.ProblemException;
import io.xborder.security.AuditLog;
import io.xborder.text.StoredText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Saved searches: owned by the principal that saved them, visible to the team when shared (read-only to others;
 * admins may change any). Reading a search's findings records that the caller looked, and "new" counts the matches
 * stored after that. A search's Atom and JSON feeds are read with a per-search token instead of a credential.
 */
@ApplicationScoped
public class SavedSearchService {

    /** The prefix of a feed token. */
    static final String FEED_TOKEN_PREFIX = "xbf_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FindingQuery findings;
    private final AuditLog audit;
    private final EntityManager em;

    public SavedSearchService(FindingQuery findings, AuditLog audit, EntityManager em) {
        this.findings = findings;
        this.audit = audit;
        this.em = em;
    }

    /** A saved search as the audit log keeps it. */
    record Audited(long id, String owner, String name, boolean shared, SavedSearchView.Criteria criteria,
            boolean feedEnabled) {

        static Audited of(SavedSearch s) {
            return new Audited(s.id, s.owner, s.name, s.shared, SavedSearchView.Criteria.of(s),
                    s.feedTokenHash != null);
        }
    }

    @Transactional
    public SavedSearchView create(SavedSearchRequest request, Caller caller) {
        SavedSearch s = new SavedSearch();
        s.owner = caller.principal();
        apply(s, request);
        s.createdAt = Instant.now();
        s.updatedAt = s.createdAt;
        s.persist();
        SavedSearch.flush();
        audit.record("saved-search.create", "saved-search", s.id, null, Audited.of(s));
        return view(s, caller);
    }

    @Transactional
    public SavedSearchView update(long id, SavedSearchRequest request, Caller caller) {
        SavedSearch s = changeable(id, caller);
        Audited before = Audited.of(s);
        apply(s, request);
        s.updatedAt = Instant.now();
        audit.record("saved-search.update", "saved-search", id, before, Audited.of(s));
        return view(s, caller);
    }

    @Transactional
    public void delete(long id, Caller caller) {
        SavedSearch s = changeable(id, caller);
        Audited before = Audited.of(s);
        s.delete();
        audit.record("saved-search.delete", "saved-search", id, before, null);
    }

    @Transactional
    public SavedSearchView get(long id, Caller caller) {
        return view(visible(id, caller), caller);
    }

    /** The caller's own searches and those shared with the team, newest first. */
    @Transactional
    public SavedSearchView.Page list(int page, int size, Caller caller) {
        List<SavedSearch> items = SavedSearch
                .<SavedSearch>find("owner = ?1 or shared = true order by id desc", caller.principal())
                .page(page, size).list();
        long total = SavedSearch.count("owner = ?1 or shared = true", caller.principal());
        return new SavedSearchView.Page(items.stream().map(s -> view(s, caller)).toList(), page, size, total);
    }

    /** A page of the search's findings (as the findings search orders them); records that the caller looked. */
    @Transactional
    public FindingPage findings(long id, int page, int size, Caller caller) {
        SavedSearch s = look(id, caller);
        return findings.find(s.criteria().filter(), page, size, null);
    }

    /** Records that the caller looked at the search now (the console opens it on the search page); its criteria. */
    @Transactional
    public SavedSearchView.Criteria markLooked(long id, Caller caller) {
        return SavedSearchView.Criteria.of(look(id, caller));
    }

    /** Whether the caller may change or delete the search (its owner, or an admin). */
    @Transactional
    public boolean mayChange(long id, Caller caller) {
        return caller.mayChange(visible(id, caller).owner);
    }

    private SavedSearch look(long id, Caller caller) {
        SavedSearch s = visible(id, caller);
        em.createNativeQuery("""
                INSERT INTO saved_search_looks (search_id, principal, looked_at) VALUES (?1, ?2, ?3)
                ON CONFLICT (search_id, principal) DO UPDATE SET looked_at = excluded.looked_at""")
                .setParameter(1, s.id).setParameter(2, caller.principal()).setParameter(3, Instant.now())
                .executeUpdate();
        return s;
    }

    /** A new feed token for the search (the old one stops working); shown once. */
    @Transactional
    public String newFeedToken(long id, Caller caller) {
        SavedSearch s = changeable(id, caller);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = FEED_TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Audited before = Audited.of(s);
        s.feedTokenHash = DigestUtils.sha256Hex(token);
        s.updatedAt = Instant.now();
        audit.record("saved-search.feed-token", "saved-search", id, before, Audited.of(s));
        return token;
    }

    /** Revokes the search's feed token; its feeds answer 401 from now on. */
    @Transactional
    public void revokeFeedToken(long id, Caller caller) {
        SavedSearch s = changeable(id, caller);
        if (s.feedTokenHash == null) {
            throw ProblemException.notFound("feed token of saved search", id);
        }
        Audited before = Audited.of(s);
        s.feedTokenHash = null;
        s.updatedAt = Instant.now();
        audit.record("saved-search.feed-token-revoke", "saved-search", id, before, Audited.of(s));
    }

    /** What a feed shows: the search and its newest matches. */
    public record FeedContent(long id, String name, Instant updatedAt, List<FindingView> findings) {
    }

    /**
     * The feed of the search, read with its token: 401 for a missing, wrong or revoked token (the same answer for an
     * id that does not exist, so a token cannot be probed per search).
     */
    @Transactional
    public FeedContent feed(long id, String token, int size) {
        Optional<SavedSearch> found = SavedSearch.findByIdOptional(id);
        if (token == null || found.isEmpty() || found.get().feedTokenHash == null || !MessageDigest.isEqual(
                found.get().feedTokenHash.getBytes(StandardCharsets.US_ASCII),
                DigestUtils.sha256Hex(token).getBytes(StandardCharsets.US_ASCII))) {
            throw ProblemException.unauthenticated("This feed needs its current token (token=xbf_…); a revoked "
                    + "token, or one of another search, is refused.");
        }
        SavedSearch s = found.get();
        List<FindingView> items = findings.newest(s.criteria().filter(), size);
        Instant updated = items.isEmpty() ? s.updatedAt : items.get(0).createdAt();
        return new FeedContent(s.id, s.name, updated, items);
    }

    /** The search when the caller may see it; 404 otherwise (a private search of another is not disclosed). */
    SavedSearch visible(long id, Caller caller) {
        return SavedSearch.<SavedSearch>findByIdOptional(id)
                .filter(s -> s.visibleTo(caller.principal()) || caller.admin())
                .orElseThrow(() -> ProblemException.notFound("saved search", id));
    }

    private SavedSearch changeable(long id, Caller caller) {
        SavedSearch s = visible(id, caller);
        if (!caller.mayChange(s.owner)) {
            throw ProblemException.forbidden("Only its owner (" + s.owner + ") or an admin may change this search.");
        }
        return s;
    }

    private static void apply(SavedSearch s, SavedSearchRequest request) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with name (and criteria, shared) is required");
        }
        s.name = StoredText.clean(request.name().strip());
        s.shared = Boolean.TRUE.equals(request.shared());
        SearchCriteria c = request.criteriaOrNone();
        s.apply(new SearchCriteria(StoredText.clean(c.q()), c.jurisdiction(), c.category(), c.mechanism(),
                c.modality(), c.dataCategory(), c.language(), c.minConfidence()));
    }

    private SavedSearchView view(SavedSearch s, Caller caller) {
        Instant looked = lookedAt(s.id, caller.principal());
        FindingPage.Count fresh = findings.countCreatedAfter(s.criteria().filter(),
                looked == null ? Instant.EPOCH : looked);
        return new SavedSearchView(s.id, s.name, s.owner, s.shared, SavedSearchView.Criteria.of(s), fresh.count(),
                fresh.exact(), looked,
                s.feedTokenHash != null, s.createdAt, s.updatedAt);
    }

    private Instant lookedAt(long searchId, String principal) {
        List<?> rows = em
                .createNativeQuery("SELECT looked_at FROM saved_search_looks WHERE search_id = ?1 AND principal = ?2")
                .setParameter(1, searchId).setParameter(2, principal).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object v = rows.get(0);
        return v instanceof Instant i ? i : v instanceof Timestamp t ? t.toInstant() : ((OffsetDateTime) v).toInstant();
    }
}
