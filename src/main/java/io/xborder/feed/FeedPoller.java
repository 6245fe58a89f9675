package io.xborder.feed;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Polls due feeds on a schedule ({@code xborder.feeds.check-every}; {@code off} disables it). Every replica runs it;
 * claiming a feed moves its next poll on under {@code FOR UPDATE SKIP LOCKED}, so each due feed is polled once.
 */
@ApplicationScoped
public class FeedPoller {

    private static final Logger LOG = Logger.getLogger(FeedPoller.class);
    private static final int BATCH = 10;

    private final FeedService feeds;

    /**
     * The schedule below reads {@link FeedsConfig}'s keys by name; the mapping is injected all the same because
     * Quarkus registers a mapping, with its defaults and checks, only when something injects it.
     */
    public FeedPoller(FeedService feeds, FeedsConfig schedule) {
        this.feeds = feeds;
    }

    @Scheduled(identity = "feed-poller", every = "${xborder.feeds.check-every}",
            delayed = "${xborder.feeds.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollDueFeeds() {
        for (int round = 0; round < 100; round++) {
            var due = feeds.claimDue(BATCH);
            if (due.isEmpty()) {
                return;
            }
            for (long id : due) {
                try {
                    feeds.poll(id);
                } catch (RuntimeException e) {
                    // one feed's failure (a bug or the database) must not stop the others
                    LOG.errorf(e, "Polling feed %d failed", id);
                }
            }
        }
    }
}
