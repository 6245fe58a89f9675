package io.xborder.review;

import io.xborder.classify.Category;
import io.xborder.classify.Confidence;
import io.xborder.document.ReviewStatus;
import io.xborder.finding.FindingFilter;
import io.xborder.finding.FindingPage;
import io.xborder.finding.FindingQuery;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The review queue: the unreviewed findings of a search filter, the classifier's least sure first (or newest). */
@ApplicationScoped
public class ReviewQueue {

    private final FindingQuery query;
    private final DecisionThresholds thresholds;

    public ReviewQueue(FindingQuery query, DecisionThresholds thresholds) {
        this.query = query;
        this.thresholds = thresholds;
    }

    /** The filter restricted to what the queue holds: findings not reviewed yet. */
    public static FindingFilter unreviewed(FindingFilter filter) {
        return filter.withReviewStatus(ReviewStatus.UNREVIEWED);
    }

    /** Whether any finding, reviewed or not, matches the filter: an empty queue is "all reviewed" only then. */
    public boolean anyFinding(FindingFilter filter) {
        return !query.find(filter.withReviewStatus(null), 0, 1, null).items().isEmpty();
    }

    public QueuePage page(FindingFilter filter, QueueOrder order, int page, int size) {
        Map<Category, Double> t = thresholds.byCategory();
        FindingFilter queue = unreviewed(filter);
        FindingPage found = order == QueueOrder.NEWEST
                ? query.find(queue, page, size, null)
                : query.closestToThreshold(queue, t, page, size);
        List<QueuePage.QueueItem> items = new ArrayList<>();
        long position = (long) page * size;
        for (var f : found.items()) {
            double threshold = t.getOrDefault(Category.valueOf(f.category()), 0.5);
            items.add(new QueuePage.QueueItem(position++,
                    Confidence.rounded(Math.abs(f.confidence() - threshold)), f));
        }
        Map<String, Double> wire = new LinkedHashMap<>();
        t.forEach((c, v) -> wire.put(c.name(), v));
        return new QueuePage(items, page, size, found.total(), found.totalExact(), order.name(), wire);
    }
}
