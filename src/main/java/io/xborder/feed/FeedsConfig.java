package io.xborder.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Feed polling of this instance ({@code xborder.feeds.*}). {@link FeedPoller}'s schedule reads these keys by name
 * (a {@code @Scheduled} expression, which also checks the value at start); this mapping declares them and their
 * defaults.
 */
@ConfigMapping(prefix = "xborder.feeds")
public interface FeedsConfig {

    /** How often due feeds are looked for, e.g. {@code 30s}; {@code off} disables polling on this instance. */
    @WithDefault("${XBORDER_FEEDS_CHECK_EVERY:30s}")
    String checkEvery();

    /** Wait after start before the first look. */
    @WithDefault("10s")
    Duration initialDelay();
}
