package io.xborder.api;

/** A valid request that conflicts with the stored state (e.g. it would duplicate a resource): answered with 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
