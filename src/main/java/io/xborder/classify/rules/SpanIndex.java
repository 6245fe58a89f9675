package io.xborder.classify.rules;

import java.util.Arrays;
import java.util.List;

/**
 * Spans {@code [start, end)} sorted by start, for "is there a span within w chars of this one" queries in
 * O(log n + k): the hits of one cue group, or places of one kind, in one passage (offsets relative to the
 * passage start).
 */
public final class SpanIndex {

    public static final SpanIndex EMPTY = new SpanIndex(new int[0], new int[0], 0);

    final int[] starts;
    final int[] ends;
    private final int maxLength;

    private SpanIndex(int[] starts, int[] ends, int maxLength) {
        this.starts = starts;
        this.ends = ends;
        this.maxLength = maxLength;
    }

    /** Builds an index from unsorted spans packed as {@code start << 32 | end}. */
    public static SpanIndex of(long[] packed, int n) {
        if (n == 0) {
            return EMPTY;
        }
        if (!isSorted(packed, n)) { // scan hits arrive ordered by end, which is mostly start order already
            Arrays.sort(packed, 0, n);
        }
        int[] s = new int[n];
        int[] e = new int[n];
        int max = 0;
        for (int i = 0; i < n; i++) {
            s[i] = (int) (packed[i] >>> 32);
            e[i] = (int) packed[i];
            max = Math.max(max, e[i] - s[i]);
        }
        return new SpanIndex(s, e, max);
    }

    private static boolean isSorted(long[] packed, int n) {
        for (int i = 1; i < n; i++) {
            if (packed[i - 1] > packed[i]) {
                return false;
            }
        }
        return true;
    }

    public int size() {
        return starts.length;
    }

    /** Start of the i-th span (by start), relative to the passage. */
    public int start(int i) {
        return starts[i];
    }

    /** End (exclusive) of the i-th span, relative to the passage. */
    public int end(int i) {
        return ends[i];
    }

    /**
     * Index of the first span (by start) whose gap to {@code [s, e)} is at most {@code window} chars (a negative
     * window demands overlap), or -1.
     */
    public int near(int s, int e, int window) {
        int n = starts.length;
        if (n == 0) {
            return -1;
        }
        int lo = lowerBound(s - Math.max(window, 0) - maxLength);
        int hi = e + Math.max(window, 0);
        for (int i = lo; i < n && starts[i] <= hi; i++) {
            int gap = Math.max(s, starts[i]) - Math.min(e, ends[i]);
            if (gap <= window) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the span nearest to {@code [s, e)} within {@code window}, or -1. */
    public int nearest(int s, int e, int window) {
        return nearest(s, e, window, List.of());
    }

    /** Like {@link #nearest(int, int, int)}, ignoring spans that overlap a span of {@code excluded}. */
    int nearest(int s, int e, int window, List<SpanIndex> excluded) {
        int n = starts.length;
        if (n == 0) {
            return -1;
        }
        int lo = lowerBound(s - Math.max(window, 0) - maxLength);
        int hi = e + Math.max(window, 0);
        int best = -1;
        int bestGap = Integer.MAX_VALUE;
        for (int i = lo; i < n && starts[i] <= hi; i++) {
            int gap = Math.max(s, starts[i]) - Math.min(e, ends[i]);
            if (gap <= window && gap < bestGap && !overlapsAny(excluded, starts[i], ends[i])) {
                best = i;
                bestGap = gap;
            }
        }
        return best;
    }

    /** Index of the span ending closest before {@code pos} (at most {@code window} chars before it), or -1. */
    int endingBefore(int pos, int window) {
        int best = -1;
        for (int i = lowerBound(pos - window - maxLength); i < starts.length && starts[i] < pos; i++) {
            if (ends[i] <= pos && pos - ends[i] <= window && (best < 0 || ends[i] > ends[best])) {
                best = i;
            }
        }
        return best;
    }

    /** Whether a span longer than {@code [s, e)} contains it. */
    boolean containsLonger(int s, int e) {
        for (int i = lowerBound(s - maxLength); i < starts.length && starts[i] <= s; i++) {
            if (ends[i] >= e && ends[i] - starts[i] > e - s) {
                return true;
            }
        }
        return false;
    }

    /** Whether a span starts in {@code [pos, pos + window]}. */
    boolean startsWithin(int pos, int window) {
        int i = lowerBound(pos);
        return i < starts.length && starts[i] <= pos + window;
    }

    private static boolean overlapsAny(List<SpanIndex> excluded, int s, int e) {
        for (SpanIndex x : excluded) {
            if (x.near(s, e, -1) >= 0) {
                return true;
            }
        }
        return false;
    }

    private int lowerBound(int key) {
        int lo = 0;
        int hi = starts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (starts[mid] < key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
