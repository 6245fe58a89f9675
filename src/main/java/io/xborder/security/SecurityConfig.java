package io.xborder.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** API keys ({@code xborder.security.*}); bearer tokens are configured with the {@code mp.jwt.*} keys. */
@ConfigMapping(prefix = "xborder.security")
public interface SecurityConfig {

    /**
     * An admin API key to store at start when it is not stored yet ({@code XBORDER_BOOTSTRAP_ADMIN_KEY}); without it
     * an empty key table gets a random admin key, printed once to the log. Checked by {@link BootstrapAdminKey}.
     */
    @WithDefault("${XBORDER_BOOTSTRAP_ADMIN_KEY:}")
    Optional<String> bootstrapAdminKey();

    /**
     * A checked API key is remembered this long: a revocation on another replica takes effect within it
     * ({@code XBORDER_KEY_CACHE_TTL}).
     */
    @WithDefault("${XBORDER_KEY_CACHE_TTL:30s}")
    Duration keyCacheTtl();

    /**
     * While the database cannot be reached to check a remembered key again, it stays valid this much longer; 0s: not
     * at all ({@code XBORDER_KEY_OUTAGE_GRACE}).
     */
    @WithDefault("${XBORDER_KEY_OUTAGE_GRACE:5m}")
    Duration keyOutageGrace();
}
