package io.xborder.api;

/** A write that must be conditional came without If-Match: answered with 428. */
public class PreconditionRequiredException extends RuntimeException {

    public PreconditionRequiredException(String message) {
        super(message);
    }
}
