package io.xborder.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.xborder.config.Limits;

/**
 * What one request may carry ({@code xborder.limits.*}). The size of the body itself is Quarkus' own
 * {@code quarkus.http.limits.max-body-size} ({@code XBORDER_MAX_BODY_SIZE}, in application.properties).
 */
@ConfigMapping(prefix = "xborder.limits")
public interface LimitsConfig extends Limits.Bounded {

    @Override
    default void checkBounds(Limits limits) {
        limits.positive("max-text-chars", maxTextChars());
    }

    /** Largest text to classify or ingest, in characters; 413 above ({@code XBORDER_MAX_TEXT_CHARS}). */
    @WithDefault("${XBORDER_MAX_TEXT_CHARS:2000000}")
    int maxTextChars();
}
