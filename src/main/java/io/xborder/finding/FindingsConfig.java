package io.xborder.finding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.xborder.config.Limits;
import java.time.Duration;

/** The findings search ({@code xborder.findings.*}). */
@ConfigMapping(prefix = "xborder.findings")
public interface FindingsConfig extends Limits.Bounded {

    @Override
    default void checkBounds(Limits limits) {
        limits.positive("count-cap", countCap());
    }

    /**
     * Counts stop after this many matches: above it a page's total is the cap and {@code totalExact} is false. A
     * count reads at least this many rows ({@code XBORDER_FINDINGS_COUNT_CAP}).
     */
    @WithDefault("${XBORDER_FINDINGS_COUNT_CAP:1000}")
    int countCap();

    /**
     * A filter whose count reached the cap is not counted again for this long: its next pages and the same query
     * from other clients answer "at least the cap" at once ({@code XBORDER_FINDINGS_COUNT_CACHE}; 0 counts every
     * time). See {@link CappedCounts}.
     */
    @WithDefault("${XBORDER_FINDINGS_COUNT_CACHE:10s}")
    Duration countCache();
}
