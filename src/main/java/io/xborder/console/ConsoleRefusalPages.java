package io.xborder.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.xborder.http.RefusalPages;
import io.xborder.security.ConsoleSessionMechanism;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * How the console's pages answer a refused request: without a session, a redirect to the login page that comes back
 * here afterwards; with a role too low, the "not allowed" page. Requests under /api/ and /q/ are left to
 * problem+json.
 */
@ApplicationScoped
public class ConsoleRefusalPages implements RefusalPages {

    @CheckedTemplate(basePath = "ConsoleResource")
    static class Templates {

        static native TemplateInstance forbidden(String need);
    }

    @Override
    public Optional<Response> unauthenticated(UriInfo uri) {
        if (!ConsoleSessionMechanism.isConsolePath(uri.getPath())) {
            return Optional.empty();
        }
        URI requested = uri.getRequestUri();
        String next = requested.getRawPath() + (requested.getRawQuery() == null ? "" : "?" + requested.getRawQuery());
        return Optional
                .of(Response.seeOther(URI.create("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)))
                        .build());
    }

    /** What the refused page needs, in a sentence. */
    static String need(String path) {
        if (path != null && (path.equals("/models") || path.startsWith("/models/"))) {
            return "Training, comparing, activating and rolling back the classifier's models are for admins only.";
        }
        return "Reviewing and adding documents need the analyst role.";
    }

    @Override
    public Optional<Response> forbidden(UriInfo uri) {
        if (!ConsoleSessionMechanism.isConsolePath(uri.getPath())) {
            return Optional.empty();
        }
        return Optional
                .of(Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                        .entity(Templates.forbidden(need(uri.getPath()))).build());
    }
}
