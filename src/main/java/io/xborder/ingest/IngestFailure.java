package io.xborder.ingest;

import io.xborder.http.ProblemException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A file or URL that could not be turned into a document, for a reason the client can act on. The API answers
 * it as problem+json with the status and problem type of its {@link #kind()} (a timed-out extraction with
 * Retry-After); jobs and feeds record the kind and the message per item.
 */
public class IngestFailure extends ProblemException {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure, with the HTTP status each is answered with. */
    public enum Kind {

        /** Not a format the extractor reads (images, archives, executables, …): 415. */
        UNSUPPORTED_TYPE(415),
        /** Over a byte, character or page limit, or a suspected zip bomb: 413. */
        TOO_LARGE(413),
        /** Empty, or no text in it: 422. */
        EMPTY(422),
        /** Claims a supported type but cannot be parsed: 422. */
        CORRUPT(422),
        /** Needs a password: 422. */
        ENCRYPTED(422),
        /** Extraction did not finish in time, or all extraction workers are busy: 503. */
        EXTRACTION_TIMEOUT(503),
        /** The URL is not http(s), or its host is a loopback/private/link-local/… address: 400. */
        URL_REFUSED(400),
        /** The host cannot be resolved or reached, or answered with an error status: 502. */
        URL_UNREACHABLE(502),
        /** The remote server did not answer in time: 504. */
        URL_TIMEOUT(504),
        /** Too many redirects, or a broken one: 502. */
        TOO_MANY_REDIRECTS(502);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The problem type URI of this kind, e.g. {@code urn:xborder:problem:url-refused}. */
        public String problemType() {
            return ProblemException.typeUri(name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
    }

    private final Kind kind;

    public IngestFailure(Kind kind, String message, Throwable cause) {
        super(Objects.requireNonNull(kind, "kind").status(), kind.problemType(), message, List.of(),
                kind == Kind.EXTRACTION_TIMEOUT ? Map.of("Retry-After", "30") : Map.of(), cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
