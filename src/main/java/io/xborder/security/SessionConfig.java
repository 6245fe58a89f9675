package io.xborder.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.xborder.config.Limits;
import java.time.Duration;
import java.util.Optional;

/** Console sessions ({@code xborder.session.*}). */
@ConfigMapping(prefix = "xborder.session")
public interface SessionConfig extends Limits.Bounded {

    @Override
    default void checkBounds(Limits limits) {
        limits.minLength("secret", secret(), 32);
    }

    /**
     * The secret encrypting session cookies ({@code XBORDER_SESSION_SECRET}); set it to keep sessions across restarts
     * and replicas. Without it a random secret is made at start.
     */
    @WithDefault("${XBORDER_SESSION_SECRET:}")
    Optional<String> secret();

    /** How long a console session lasts ({@code XBORDER_SESSION_MAX_AGE}). */
    @WithDefault("${XBORDER_SESSION_MAX_AGE:8H}")
    Duration maxAge();
}
