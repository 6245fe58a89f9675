package io.xborder.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.xborder.config.Limits;

/** The demo documents ({@code xborder.demo.*}). */
@ConfigMapping(prefix = "xborder.demo")
public interface DemoConfig extends Limits.Bounded {

    @Override
    default void checkBounds(Limits limits) {
        limits.oneOf("enabled", enabled(), "auto", "true", "false");
    }

    /**
     * Load the demo documents into an empty database at start: {@code auto} only with the embedded database,
     * {@code true} always, {@code false} never ({@code XBORDER_DEMO}).
     */
    @WithDefault("${XBORDER_DEMO:auto}")
    String enabled();

    /** Set by the embedded database's config source: this run uses it. Not a setting for users. */
    @WithDefault("false")
    boolean embedded();
}
