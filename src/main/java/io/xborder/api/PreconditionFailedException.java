package io.xborder.api;

/** A conditional write whose precondition (If-Match) no longer holds: answered with 412. */
public class PreconditionFailedException extends RuntimeException {

    public PreconditionFailedException(String message) {
        super(message);
    }
}
