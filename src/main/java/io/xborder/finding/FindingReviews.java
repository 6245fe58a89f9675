package io.xborder.finding;

import io.xborder.classify.Category;
import io.xborder.classify.Modality;
import io.xborder.document.ReviewStatus;
import io.xborder.document.StoredFinding;
import io.xborder.http.ProblemException;
import io.xborder.security.AuditLog;
import io.xborder.security.Reviewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Applies reviews to stored findings under optimistic locking: a review names the version it was made on, and
 * is refused when the finding has changed since (another reviewer was faster).
 */
@ApplicationScoped
public class FindingReviews {

    private final EntityManager em;
    private final FindingQuery query;
    private final AuditLog audit;
    private final ReviewHistory history;

    public FindingReviews(EntityManager em, FindingQuery query, AuditLog audit, ReviewHistory history) {
        this.em = em;
        this.query = query;
        this.audit = audit;
        this.history = history;
    }

    /** A finding's reviewable state, as the audit log records it before and after a review. */
    public record ReviewState(Category category, Modality modality, List<String> mechanisms,
            List<String> jurisdictions, List<String> dataCategories, ReviewStatus reviewStatus, String reviewedBy,
            Instant reviewedAt,
            String reviewComment, int version) {

        static ReviewState of(StoredFinding f) {
            return new ReviewState(f.attributes.category, f.attributes.modality, sorted(f.attributes.mechanisms),
                    sorted(f.attributes.jurisdictions),
                    sorted(f.attributes.dataCategories), f.reviewStatus, f.reviewedBy, f.reviewedAt, f.reviewComment,
                    f.version);
        }
    }

    /** The strong ETag of a finding's representation at a version. */
    public static String etag(int version) {
        return "\"v" + version + "\"";
    }

    /** The version an ETag names; empty when it is not one of ours (weak or strong form accepted). */
    public static Optional<Integer> version(String etag) {
        String tag = etag.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() < 4 || !tag.startsWith("\"v") || !tag.endsWith("\"")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(tag.substring(2, tag.length() - 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Transactional
    public Optional<FindingView> get(long id) {
        return query.get(id);
    }

    /** The finding's review history, oldest step first. */
    public List<ReviewStep> history(long id) {
        return history.of(id);
    }

    /**
     * Records the review on the finding if it is still at one of {@code expectedVersions}, as a new step of its
     * history and an entry of the audit log, all in one transaction.
     *
     * @throws ProblemException (404) no such finding
     * @throws ProblemException (412) the finding changed since the reviewer read it
     * @throws ProblemException (409) the corrected category is already another finding of the same passage
     */
    @Transactional
    public FindingView review(long id, List<Integer> expectedVersions, FindingReview review, Reviewer reviewer) {
        StoredFinding f = em.find(StoredFinding.class, id);
        if (f == null) {
            throw ProblemException.notFound("finding", id);
        }
        if (!expectedVersions.contains(f.version)) {
            throw stale(id, f.version);
        }
        ReviewState before = ReviewState.of(f);
        if (f.classifierOriginal == null) {
            // first review: keep what the classifier said before any correction overwrites it
            f.classifierOriginal = new StoredFinding.Attributes(f.attributes.category, f.attributes.modality,
                    sorted(f.attributes.mechanisms),
                    sorted(f.attributes.jurisdictions), sorted(f.attributes.dataCategories));
        }
        if (review.category() != null && review.category() != f.attributes.category) {
            long clash = em
                    .createQuery(
                            "select count(o) from StoredFinding o where o.passage = :p and o.attributes.category = :c "
                                    + "and o.id <> :id",
                            Long.class)
                    .setParameter("p", f.passage).setParameter("c", review.category()).setParameter("id", id)
                    .getSingleResult();
            if (clash > 0) {
                throw ProblemException.conflict("the passage of finding " + id + " already has a "
                        + review.category().name() + " finding; review that one instead");
            }
            f.attributes.category = review.category();
        }
        if (review.modality() != null) {
            f.attributes.modality = review.modality();
        }
        if (review.mechanisms() != null) {
            f.attributes.mechanisms = review.mechanisms().toArray(String[]::new);
        }
        if (review.jurisdictions() != null) {
            f.attributes.jurisdictions = review.jurisdictions().toArray(String[]::new);
        }
        if (review.dataCategories() != null) {
            f.attributes.dataCategories = review.dataCategories().toArray(String[]::new);
        }
        if (review.commentGiven()) {
            f.reviewComment = review.comment();
        }
        f.reviewStatus = review.status();
        f.reviewedBy = reviewer.principal();
        f.reviewedAt = Instant.now();
        try {
            // the version check happens in this UPDATE (... where version = ?): a concurrent review that committed
            // after our read makes it match no row
            em.flush();
        } catch (OptimisticLockException e) {
            throw stale(id, -1);
        }
        // same transaction: the step and the entry commit with the review, or none does
        history.record(f, false, reviewer, review.commentGiven() ? review.comment() : null, f.reviewedAt);
        audit.record(reviewer.principal(), "finding.review", "finding", id, before, ReviewState.of(f));
        return query.get(id).orElseThrow();
    }

    private static ProblemException stale(long id, int current) {
        return ProblemException.preconditionFailed("finding " + id + " was changed by someone else since you read it"
                + (current >= 0 ? " (it is now at " + etag(current) + ")" : "")
                + "; read it again and repeat your review on the current version");
    }

    private static List<String> sorted(String[] values) {
        return values == null ? List.of() : Arrays.stream(values).sorted().toList();
    }
}
