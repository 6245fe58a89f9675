package io.xborder.finding;

import io.xborder.document.StoredFinding;
import io.xborder.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * The review history of findings (table {@code finding_reviews}, migration V10): every verdict is a new row, never
 * an update, so what each reviewer said and why stays readable after later reviews.
 */
@ApplicationScoped
public class ReviewHistory {

    private final EntityManager em;

    public ReviewHistory(EntityManager em) {
        this.em = em;
    }

    /**
     * Records the finding's current verdict and attributes as a step, in the transaction that made them (after the
     * flush that gave the finding its new version).
     *
     * @param comment the comment given with this step, or null
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public ReviewStep record(StoredFinding f, boolean added, Reviewer reviewer, String comment, Instant at) {
        StoredReview r = new StoredReview();
        r.findingId = f.id;
        r.findingVersion = f.version;
        r.verdict = f.reviewStatus;
        r.added = added;
        r.attributes = f.attributes.copy();
        r.reviewer = reviewer.principal();
        r.reviewerName = reviewer.name();
        r.reviewedAt = at;
        r.comment = comment;
        em.persist(r);
        em.flush();
        return ReviewStep.of(r);
    }

    /** The finding's steps, oldest first; empty for an unreviewed or unknown finding. */
    @Transactional
    public List<ReviewStep> of(long findingId) {
        return em.createQuery("from StoredReview r where r.findingId = :id order by r.findingVersion, r.id",
                StoredReview.class).setParameter("id", findingId).getResultList().stream().map(ReviewStep::of)
                .toList();
    }
}
