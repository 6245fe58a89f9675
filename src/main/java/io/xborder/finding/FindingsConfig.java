package io.xborder.finding;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;

/** The findings search ({@code xborder.findings.*}). */
@ConfigMapping(prefix = "xborder.findings")
public interface FindingsConfig {

    /**
     * Counts stop after this many matches: above it a page's total is the cap and {@code totalExact} is false. A
     * count reads at least this many rows ({@code XBORDER_FINDINGS_COUNT_CAP}).
     */
    @WithDefault("${XBORDER_FINDINGS_COUNT_CAP:1000}")
    @Positive
    int countCap();
}
