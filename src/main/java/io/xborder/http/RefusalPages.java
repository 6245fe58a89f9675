package io.xborder.http;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * Answers a refused request in a form of its own instead of problem+json, for the requests it claims: the console's
 * pages send a visitor without a session to the login form and show a role too low as an HTML page. Implemented by
 * the feature that owns those pages, so this package knows none of them; {@link ProblemMapper} asks every bean of
 * this type and falls back to problem+json when none claims the request.
 */
public interface RefusalPages {

    /** The answer to a request that needs authentication (401), or empty to leave it to problem+json. */
    Optional<Response> unauthenticated(UriInfo uri);

    /** The answer to a request the caller's role does not allow (403), or empty to leave it to problem+json. */
    Optional<Response> forbidden(UriInfo uri);
}
