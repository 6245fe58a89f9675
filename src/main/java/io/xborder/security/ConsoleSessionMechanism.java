package io.xborder.security;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates console pages from the session cookie by checking the credential inside it with the same identity
 * providers as the API. It applies to console paths only: the API accepts credentials in headers, never from a cookie,
 * so a page on another site cannot make a browser call the API with the user's rights.
 */
@ApplicationScoped
public class ConsoleSessionMechanism implements HttpAuthenticationMechanism {

    private final ConsoleSession sessions;

    public ConsoleSessionMechanism(ConsoleSession sessions) {
        this.sessions = sessions;
    }

    /** Paths the console session is good for. */
    public static boolean isConsolePath(String path) {
        return path != null && !path.startsWith("/api/") && !path.equals("/api") && !path.startsWith("/q/");
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!isConsolePath(context.normalizedPath()) || context.request().getHeader(ApiKeyMechanism.HEADER) != null
                || context.request().getHeader("Authorization") != null) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(ConsoleSession.COOKIE);
        Optional<ConsoleSession.Credential> credential = cookie == null
                ? Optional.empty()
                : sessions.open(cookie.getValue());
        if (credential.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(request(credential.get()))
                .onFailure().recoverWithNull();
    }

    /** The request that checks a credential (also used by the login page). */
    public static AuthenticationRequest request(ConsoleSession.Credential credential) {
        return switch (credential.kind()) {
            case API_KEY -> new ApiKeyAuthenticationRequest(credential.value());
            // the JWT identity provider checks only its own credential type
            case BEARER -> new TokenAuthenticationRequest(new JsonWebTokenCredential(credential.value()));
        };
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(302, "Location", "/login"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyAuthenticationRequest.class, TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom()
                .item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, ConsoleSession.COOKIE));
    }

    @Override
    public int getPriority() {
        // after the header mechanisms
        return DEFAULT_PRIORITY - 100;
    }
}
