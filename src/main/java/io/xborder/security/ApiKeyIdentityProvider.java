package io.xborder.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Turns a valid API key into an identity named {@code key:<name>} with the key's role. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    /** Identity attribute naming how the caller authenticated. */
    public static final String METHOD = "xborder.auth-method";

    private final ApiKeys keys;

    public ApiKeyIdentityProvider(ApiKeys keys) {
        this.keys = keys;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
            AuthenticationRequestContext context) {
        // A key checked within the cache TTL is answered on the calling thread (the event loop): the blocking
        // hand-off to a worker thread and back cost more than the request's own work for a short text.
        Optional<ApiKeys.Holder> recent = keys.checkedRecently(request.key());
        if (recent.isPresent()) {
            return Uni.createFrom().item(identity(recent.get()));
        }
        return context.runBlocking(() -> keys.check(request.key()).map(ApiKeyIdentityProvider::identity)
                .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key")));
    }

    private static SecurityIdentity identity(ApiKeys.Holder holder) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(holder.principal()))
                .addRole(holder.role())
                .addAttribute(METHOD, "api-key")
                .build();
    }
}
