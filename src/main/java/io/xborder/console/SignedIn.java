package io.xborder.console;

import io.quarkus.security.identity.SecurityIdentity;
import io.xborder.security.Roles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** Who is signed in, as the console's layout asks it ({@code inject:signedIn.admin}): links only admins may follow. */
@Named("signedIn")
@ApplicationScoped
public class SignedIn {

    private final SecurityIdentity identity;

    public SignedIn(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** Whether the caller is an admin (the Models page is theirs). */
    public boolean admin() {
        return !identity.isAnonymous() && identity.hasRole(Roles.ADMIN);
    }
}
