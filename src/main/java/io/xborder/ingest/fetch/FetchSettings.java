package io.xborder.ingest.fetch;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on one fetch.
 *
 * @param connectTimeout TCP (and TLS) connect budget per hop
 * @param readTimeout budget per hop from sending the request to the last byte of the body
 * @param maxBytes largest body accepted; a larger declared length fails at once, a longer stream while reading
 * @param maxRedirects most redirects followed; each target is checked by the SSRF guard before it is requested
 * @param userAgent the User-Agent header sent
 */
public record FetchSettings(Duration connectTimeout, Duration readTimeout, long maxBytes, int maxRedirects,
        String userAgent) {

    public FetchSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(userAgent, "userAgent");
        if (maxBytes <= 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("maxBytes must be positive and maxRedirects not negative");
        }
    }
}
