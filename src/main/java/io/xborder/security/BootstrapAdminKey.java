package io.xborder.security;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Secure by default, still one command: at start, a service whose key table is empty creates an admin API key and
 * prints it once to the log. {@code XBORDER_BOOTSTRAP_ADMIN_KEY} ({@code xborder.security.bootstrap-admin-key}) sets
 * that key instead, for CI and operations; it is then created whenever it is not stored yet (and never brought back
 * once an admin revoked it). This runs in a start observer, before the HTTP server takes requests, so the key works
 * as soon as {@code /q/health/ready} answers; its reads are plain JDBC ({@link ApiKeys#find}, {@link ApiKeys#any}), so
 * that a start does not load Hibernate's HQL parser for them.
 */
@ApplicationScoped
public class BootstrapAdminKey {

    static final String NAME = "bootstrap-admin";
    private static final Logger LOG = Logger.getLogger(BootstrapAdminKey.class);
    private static final int MIN_LENGTH = 32;

    private final ApiKeys keys;
    private final Optional<String> configured;

    @Inject
    public BootstrapAdminKey(ApiKeys keys, SecurityConfig config) {
        this(keys, config.bootstrapAdminKey());
    }

    BootstrapAdminKey(ApiKeys keys, Optional<String> configured) {
        this.keys = keys;
        this.configured = configured.map(String::strip).filter(s -> !s.isEmpty());
    }

    void onStart(@Observes StartupEvent event) {
        QuarkusTransaction.requiringNew().run(this::ensure);
    }

    /** Stores the configured key, or a random one in an empty key table; in the caller's transaction. */
    void ensure() {
        keys.lockForBootstrap();
        if (configured.isPresent()) {
            String key = configured.get();
            if (!key.startsWith(ApiKeys.PREFIX) || key.length() < ApiKeys.PREFIX.length() + MIN_LENGTH) {
                throw new IllegalStateException("XBORDER_BOOTSTRAP_ADMIN_KEY must start with " + ApiKeys.PREFIX
                        + " and have at least " + MIN_LENGTH + " random characters after it "
                        + "(e.g. xb_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '='))");
            }
            Optional<ApiKeyView> stored = keys.find(key);
            if (stored.isEmpty()) {
                keys.store(freeName(), Roles.ADMIN, key, AuditLog.SYSTEM);
                LOG.info("xborder admin API key from XBORDER_BOOTSTRAP_ADMIN_KEY stored");
            } else if (stored.get().revokedAt() != null) {
                LOG.warn("XBORDER_BOOTSTRAP_ADMIN_KEY names a key that an admin revoked; it stays revoked");
            }
            return;
        }
        if (keys.any()) {
            return;
        }
        String key = ApiKeys.generate();
        keys.store(NAME, Roles.ADMIN, key, AuditLog.SYSTEM);
        LOG.info("\n----------------------------------------------------------------------------------------\n"
                + "xborder admin API key (shown once): " + key + "\n"
                + "Send it as the X-API-Key header, e.g. curl -H 'X-API-Key: " + key + "' localhost:8080/api/v1/keys\n"
                + "or sign in to the console with it. Create keys per person and role with POST /api/v1/keys, then\n"
                + "revoke this one (DELETE /api/v1/keys/{id}). It is stored only as a hash: keep it now.\n"
                + "----------------------------------------------------------------------------------------");
    }

    private String freeName() {
        return keys.list(false).stream().anyMatch(k -> k.name().equals(NAME))
                ? NAME + "-" + System.currentTimeMillis()
                : NAME;
    }
}
