package io.xborder.ingest.fetch;

import java.util.Objects;

/** Why a URL could not be fetched; {@link #kind()} decides the HTTP status at the edge. */
public class FetchException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure. */
    public enum Kind {
        /** Not an http(s) URL, or its host is in a refused (private, loopback, link-local, …) range. */
        REFUSED,
        /** The host cannot be resolved, the connection failed, the server answered with an error status. */
        UNREACHABLE,
        /** Connect or read took longer than allowed. */
        TIMEOUT,
        /** The body is over the size limit. */
        TOO_LARGE,
        /** More redirects than allowed, or a redirect without a usable Location. */
        TOO_MANY_REDIRECTS
    }

    private final Kind kind;

    public FetchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
