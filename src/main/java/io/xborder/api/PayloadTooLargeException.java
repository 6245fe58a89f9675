package io.xborder.api;

/** A body or text over the configured limit: answered with 413. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String detail) {
        super(detail);
    }
}
