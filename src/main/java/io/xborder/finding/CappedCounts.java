package io.xborder.finding;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The filters whose count reached the cap in the last few seconds, so that the next pages of a broad query (and the
 * same query from other clients) skip the count. A capped count is the expensive one: PostgreSQL reads at least
 * cap + 1 matching rows, and for a common word (q=transfer, on one passage in five) that is ~5,000 passages matched
 * with ILIKE, more than the page itself costs. Only capped counts are kept: the answer "at least the cap" stays true
 * while rows are added, and an exact count below the cap is cheap to make again and changes with every stored
 * document. Within the time kept, a filter whose matches fall below the cap (deletions) is still answered as capped.
 */
final class CappedCounts {

    /** Beyond this many filters the oldest answers are not worth a search: the map is emptied. */
    static final int MAX_FILTERS = 10_000;

    private final long ttlNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<FindingFilter, Long> cappedUntil = new ConcurrentHashMap<>();

    CappedCounts(Duration ttl, LongSupplier nanoTime) {
        this.ttlNanos = ttl.toNanos();
        this.nanoTime = nanoTime;
    }

    /** True when a count of this filter reached the cap less than the time kept ago. */
    boolean isCapped(FindingFilter filter) {
        if (ttlNanos <= 0) {
            return false;
        }
        Long until = cappedUntil.get(filter);
        if (until == null) {
            return false;
        }
        if (nanoTime.getAsLong() - until < 0) {
            return true;
        }
        cappedUntil.remove(filter, until);
        return false;
    }

    /** Records that a count of this filter just reached the cap. */
    void capped(FindingFilter filter) {
        if (ttlNanos <= 0) {
            return;
        }
        if (cappedUntil.size() >= MAX_FILTERS) {
            cappedUntil.clear();
        }
        cappedUntil.put(filter, nanoTime.getAsLong() + ttlNanos);
    }
}
