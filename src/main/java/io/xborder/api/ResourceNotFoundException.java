package io.xborder.api;

/** The addressed resource does not exist: answered with 404. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String what, Object id) {
        super(what + " " + id + " does not exist");
    }
}
