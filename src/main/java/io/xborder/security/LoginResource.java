package io.xborder.security;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Duration;

/**
 * The console's login and logout. The user pastes an API key or a bearer token; it is checked like an API request,
 * and kept in an encrypted, HttpOnly, SameSite=Strict cookie (Secure over https) for the session.
 */
@Path("/")
@PermitAll

@Produces(MediaType.TEXT_HTML)
public class LoginResource {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance login(String next, String message);
    }

    private final IdentityProviderManager identities;
    private final ConsoleSession sessions;

    public LoginResource(IdentityProviderManager identities, ConsoleSession sessions) {
        this.identities = identities;
        this.sessions = sessions;
    }

    @GET
    @Path("login")
    public TemplateInstance form(@QueryParam("next") String next) {
        return Templates.login(safeNext(next), null);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response login(MultivaluedMap<String, String> form, @Context UriInfo uri, @Context HttpHeaders headers) {
        String next = safeNext(form.getFirst("next"));
        String secret = form.getFirst("credential");
        secret = secret == null ? "" : secret.strip();
        if (secret.regionMatches(true, 0, "Bearer ", 0, 7)) {
            secret = secret.substring(7).strip();
        }
        if (secret.isEmpty() || secret.length() > 16_000) {
            return refused(next, "Paste an API key or a bearer token.");
        }
        ConsoleSession.Credential credential = new ConsoleSession.Credential(
                secret.startsWith(ApiKeys.PREFIX) ? ConsoleSession.Kind.API_KEY : ConsoleSession.Kind.BEARER, secret);
        SecurityIdentity identity;
        try {
            identity = identities.authenticateBlocking(ConsoleSessionMechanism.request(credential));
        } catch (RuntimeException e) {
            identity = null;
        }
        if (identity == null || identity.isAnonymous()) {
            return refused(next, "This key or token is not valid (unknown, revoked, expired or not signed by the "
                    + "configured identity provider).");
        }
        if (identity.getRoles().stream().noneMatch(Roles::isRole)) {
            return refused(next, "You are signed in as " + identity.getPrincipal().getName()
                    + " but have none of the roles viewer, analyst or admin.");
        }
        return Response.seeOther(URI.create(next)).cookie(cookie(sessions.seal(credential), sessions.maxAge(),
                isHttps(uri, headers))).build();
    }

    @POST
    @Path("logout")
    public Response logout(@Context UriInfo uri, @Context HttpHeaders headers) {
        return Response.seeOther(URI.create("/login")).cookie(cookie("", Duration.ZERO, isHttps(uri, headers))).build();
    }

    private static Response refused(String next, String message) {
        return Response.status(401).entity(Templates.login(next, message)).type(MediaType.TEXT_HTML).build();
    }

    private static NewCookie cookie(String value, Duration maxAge, boolean secure) {
        return new NewCookie.Builder(ConsoleSession.COOKIE).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) maxAge.toSeconds()).build();
    }

    private static boolean isHttps(UriInfo uri, HttpHeaders headers) {
        // behind a TLS-terminating proxy the scheme arrives in X-Forwarded-Proto (quarkus.http.proxy.* settings)
        String forwarded = headers.getHeaderString("X-Forwarded-Proto");
        return "https".equalsIgnoreCase(uri.getRequestUri().getScheme()) || "https".equalsIgnoreCase(forwarded);
    }

    /** Only a path on this site: never another host ("//evil", "https://…"). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 2000 || next.startsWith("/login") || next.chars().anyMatch(c -> c < 0x21)) {
            return "/";
        }
        return next;
    }
}
