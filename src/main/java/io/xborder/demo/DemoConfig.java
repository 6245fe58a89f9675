package io.xborder.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;

/** The demo documents ({@code xborder.demo.*}). */
@ConfigMapping(prefix = "xborder.demo")
public interface DemoConfig {

    /**
     * Load the demo documents into an empty database at start: {@code auto} only with the embedded database,
     * {@code true} always, {@code false} never ({@code XBORDER_DEMO}).
     */
    @WithDefault("${XBORDER_DEMO:auto}")
    @Pattern(regexp = "auto|true|false", flags = Pattern.Flag.CASE_INSENSITIVE, message = "must be auto, true or false")
    String enabled();

    /** Set by the embedded database's config source: this run uses it. Not a setting for users. */
    @WithDefault("false")
    boolean embedded();
}
