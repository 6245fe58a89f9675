package io.xborder.document;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.xborder.config.Limits;

/** Boilerplate learnt per source ({@code xborder.boilerplate.*}). */
@ConfigMapping(prefix = "xborder.boilerplate")
public interface BoilerplateConfig extends Limits.Bounded {

    @Override
    default void checkBounds(Limits limits) {
        limits.positiveOrZero("repeated-line-documents", repeatedLineDocuments());
    }

    /**
     * A line seen in this many earlier documents of the same source (host) is boilerplate from then on; 0 turns it
     * off ({@code XBORDER_REPEATED_LINE_DOCUMENTS}).
     */
    @WithDefault("${XBORDER_REPEATED_LINE_DOCUMENTS:3}")
    int repeatedLineDocuments();
}
