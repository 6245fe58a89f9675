package io.xborder.api;

import java.util.List;

/** A request the client must fix: answered with 400 and the invalid fields. */
public class InvalidRequestException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidRequestException(String field, String message) {
        this(field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public InvalidRequestException(String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
