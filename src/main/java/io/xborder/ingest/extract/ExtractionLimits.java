package io.xborder.ingest.extract;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one extraction.
 *
 * @param maxBytes largest accepted input, in bytes; larger input fails with {@code TOO_LARGE} before any parsing
 * @param maxChars most characters of text an extraction may produce; more fails with {@code TOO_LARGE}
 * @param maxPages most pages a paged document (PDF) may have, {@code 0} for no limit; more fails with
 *     {@code TOO_LARGE}
 * @param timeout wall-clock budget of one extraction, waiting for a worker included; over it fails with
 *     {@code TIMEOUT}
 */
public record ExtractionLimits(long maxBytes, int maxChars, int maxPages, Duration timeout) {

    /** 20 MB in, 2 million characters out, 1,000 pages, 30 seconds. */
    public static final ExtractionLimits DEFAULTS = new ExtractionLimits(20L * 1024 * 1024, 2_000_000, 1_000,
            Duration.ofSeconds(30));

    public ExtractionLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (maxChars <= 0) {
            throw new IllegalArgumentException("maxChars must be positive: " + maxChars);
        }
        if (maxPages < 0) {
            throw new IllegalArgumentException("maxPages must be 0 (no limit) or positive: " + maxPages);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }
}
