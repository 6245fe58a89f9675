package io.xborder.review;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.xborder.document.ReviewStatus;
import io.xborder.finding.FindingCursor;
import io.xborder.finding.FindingFilter;
import io.xborder.finding.FindingQuery;
import io.xborder.finding.FindingReview;
import io.xborder.finding.FindingReviews;
import io.xborder.finding.FindingView;
import io.xborder.http.ProblemException;
import io.xborder.security.AuditLog;
import io.xborder.security.Reviewer;
import io.xborder.text.StoredText;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One verdict for many findings. Each finding is reviewed as if alone: in its own transaction, through
 * {@link FindingReviews#review} with the version it was seen at, so a finding someone else reviewed meanwhile is
 * skipped (not overwritten), and each gets one history step and one audit entry. The call itself is audited once
 * more as a summary.
 */
@ApplicationScoped
public class BulkReviews {

    /** The most findings one call reviews. */
    public static final int MAX_FINDINGS = 1000;
    private static final int READ_SLICE = 200;

    private final FindingReviews reviews;
    private final FindingQuery query;
    private final AuditLog audit;

    public BulkReviews(FindingReviews reviews, FindingQuery query, AuditLog audit) {
        this.reviews = reviews;
        this.query = query;
        this.audit = audit;
    }

    /** The summary the audit log keeps of a bulk review. */
    record Summary(String status, String scope, int requested, int applied, List<BulkReviewResult.Skipped> skipped,
            boolean remaining) {
    }

    /**
     * @param filter the search filter of a FILTER request (ignored for SELECTION)
     */
    public BulkReviewResult apply(BulkReviewRequest request, FindingFilter filter, Reviewer reviewer) {
        List<BulkReviewRequest.Item> items;
        boolean remaining = false;
        if (request.scope() == BulkReviewRequest.Scope.SELECTION) {
            if (request.findings() == null || request.findings().isEmpty()) {
                throw ProblemException.invalid("findings", "must list the findings to review when scope is SELECTION");
            }
            if (request.limit() != null) {
                throw ProblemException.invalid("limit", "applies to scope FILTER only");
            }
            items = request.findings();
        } else {
            if (request.findings() != null) {
                throw ProblemException.invalid("findings",
                        "must be absent when scope is FILTER (the query-string filters choose the findings)");
            }
            int limit = request.limit() == null ? MAX_FINDINGS : request.limit();
            items = new ArrayList<>();
            remaining = matching(ReviewQueue.unreviewed(filter), limit, items);
        }
        FindingReview verdict = new FindingReview(ReviewStatus.valueOf(request.status().name()), null, null, null,
                null, null, request.comment() != null, clean(request.comment()));
        List<BulkReviewResult.Applied> applied = new ArrayList<>();
        List<BulkReviewResult.Skipped> skipped = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (BulkReviewRequest.Item item : items) {
            if (!seen.add(item.id())) {
                skipped.add(new BulkReviewResult.Skipped(item.id(), BulkReviewResult.Reason.DUPLICATE.name(),
                        "listed more than once; reviewed once"));
                continue;
            }
            try {
                FindingView done = reviews.review(item.id(), List.of(item.version()), verdict, reviewer);
                applied.add(new BulkReviewResult.Applied(done.id(), done.version()));
            } catch (ProblemException e) {
                BulkReviewResult.Reason reason = switch (e.status()) {
                    case 404 -> BulkReviewResult.Reason.NOT_FOUND;
                    case 412 -> BulkReviewResult.Reason.CHANGED;
                    default -> throw e;
                };
                skipped.add(new BulkReviewResult.Skipped(item.id(), reason.name(), e.getMessage()));
            }
        }
        BulkReviewResult result = new BulkReviewResult(request.status().name(), items.size(), applied, skipped,
                remaining);
        if (!items.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> audit.record(reviewer.principal(), "finding.review.bulk",
                    "findings", request.scope().name().toLowerCase(java.util.Locale.ROOT), null,
                    new Summary(result.status(), request.scope().name(), result.requested(), applied.size(), skipped,
                            result.remaining())));
        }
        return result;
    }

    /** Adds up to {@code limit} matches of the filter with their current versions; true when more match. */
    private boolean matching(FindingFilter filter, int limit, List<BulkReviewRequest.Item> into) {
        FindingCursor cursor = null;
        while (into.size() < limit) {
            FindingQuery.Slice slice = query.slice(filter, Math.min(READ_SLICE, limit - into.size()), cursor);
            slice.items().forEach(f -> into.add(new BulkReviewRequest.Item(f.id(), f.version())));
            if (slice.nextCursor() == null) {
                return false;
            }
            cursor = FindingCursor.decode(slice.nextCursor()).orElseThrow();
        }
        return query.slice(filter, 1, cursor).items().size() > 0;
    }

    private static String clean(String comment) {
        if (comment == null) {
            return null;
        }
        String c = StoredText.clean(comment).strip();
        return c.isEmpty() ? null : c;
    }
}
