package io.xborder.api;

/** A valid request that conflicts with the stored state: answered with 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
