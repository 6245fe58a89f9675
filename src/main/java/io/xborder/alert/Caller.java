package io.xborder.alert;

import io.xborder.http.ProblemException;
import io.xborder.security.Roles;
import jakarta.ws.rs.core.SecurityContext;

/** Who calls: the principal that owns what it creates, and whether it is an admin (who may change anything). */
record Caller(String principal, boolean admin) {

    static Caller of(SecurityContext security) {
        if (security == null || security.getUserPrincipal() == null) {
            throw ProblemException.unauthenticated(ProblemException.AUTHENTICATION_REQUIRED);
        }
        return new Caller(security.getUserPrincipal().getName(), security.isUserInRole(Roles.ADMIN));
    }

    /** Whether this caller may change or delete something owned by {@code owner}. */
    boolean mayChange(String owner) {
        return admin || principal.equals(owner);
    }
}
