package io.xborder.api;

/** The request would duplicate an existing resource: answered with 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
