package io.xborder.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.xborder.http.ProblemException;
import io.xborder.http.ProblemMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;

/**
 * Security at the HTTP layer, outside the REST endpoints: (1) console form posts must come from this site (an
 * Origin header naming another site is refused with 403), on top of the SameSite=Strict session cookie; (2) a
 * refusal by an HTTP permission (e.g. {@code /q/metrics} when XBORDER_METRICS_POLICY asks for a credential) is
 * answered with problem+json like the API's.
 */
@ApplicationScoped
public class HttpSecurityFilters {

    private final ProblemMapper problems;

    public HttpSecurityFilters(ProblemMapper problems) {
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::sameOriginForms);
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(this::securityFailure);
    }

    private void sameOriginForms(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS
                && ConsoleSessionMechanism.isConsolePath(ctx.normalizedPath()) && !fromThisSite(ctx)) {
            problems.send(ctx, ProblemException.forbidden("Console forms are accepted from this site only."));
            return;
        }
        ctx.next();
    }

    /**
     * Browsers say where a request comes from: Sec-Fetch-Site (same-origin, or none when the user typed it), else the
     * Origin header. With Referrer-Policy: no-referrer a same-origin form post carries "Origin: null", so
     * Sec-Fetch-Site decides for current browsers; a request with neither (curl, scripts) is no cross-site risk.
     */
    private static boolean fromThisSite(RoutingContext ctx) {
        String site = ctx.request().getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = ctx.request().getHeader("Origin");
        return origin == null || sameHost(origin, ctx);
    }

    private static boolean sameHost(String origin, RoutingContext ctx) {
        try {
            URI o = URI.create(origin);
            String host = ctx.request().getHeader("Host");
            String forwarded = ctx.request().getHeader("X-Forwarded-Host");
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return o.getHost() != null && (authority.equalsIgnoreCase(host) || authority.equalsIgnoreCase(forwarded));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void securityFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        if (failure instanceof UnauthorizedException || failure instanceof AuthenticationFailedException) {
            problems.send(ctx, ProblemException.unauthenticated(ProblemException.AUTHENTICATION_REQUIRED));
        } else if (failure instanceof ForbiddenException) {
            problems.send(ctx, ProblemException.forbidden());
        } else {
            ctx.next();
        }
    }
}
