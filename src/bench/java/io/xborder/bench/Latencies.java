package io.xborder.bench;

import java.util.Arrays;

/** Recorded latencies in nanoseconds, with percentiles in milliseconds. */
final class Latencies {

    private long[] values = new long[1024];
    private int n;
    private int errors;

    synchronized void record(long nanos) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = nanos;
    }

    synchronized void error() {
        errors++;
    }

    void addAll(Latencies other) {
        long[] copy;
        int errs;
        synchronized (other) {
            copy = Arrays.copyOf(other.values, other.n);
            errs = other.errors;
        }
        synchronized (this) {
            for (long v : copy) {
                record(v);
            }
            errors += errs;
        }
    }

    synchronized int count() {
        return n;
    }

    synchronized int errors() {
        return errors;
    }

    /** The p-th percentile (0..100) in milliseconds, nearest-rank. */
    synchronized double percentileMs(double p) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1e6;
    }
}
