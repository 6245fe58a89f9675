package io.xborder.ingest.extract;

import java.util.Objects;

/** Why no text could be taken from a document; {@link #reason()} decides the HTTP status at the edge. */
public class ExtractionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The kinds of failure; the message gives the particulars. */
    public enum Reason {
        /** No bytes, or no text left after extraction. */
        EMPTY,
        /** A type the extractor does not read (images, archives, executables, unknown binary). */
        UNSUPPORTED_TYPE,
        /** The bytes claim a supported type but cannot be parsed. */
        CORRUPT,
        /** Over a byte, character or page limit, or a suspected zip bomb. */
        TOO_LARGE,
        /** The extraction did not finish within its time budget, or no worker became free in time. */
        TIMEOUT,
        /** The document needs a password. */
        ENCRYPTED
    }

    private final Reason reason;

    public ExtractionException(Reason reason, String message) {
        this(reason, message, null);
    }

    public ExtractionException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
