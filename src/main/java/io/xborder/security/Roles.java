package io.xborder.security;

import java.util.List;
import java.util.Set;

/**
 * The three roles, each including the ones below it: {@code admin} ⊃ {@code analyst} ⊃ {@code viewer}. Endpoints
 * name the least role they need; {@link RoleHierarchy} gives every identity the roles its role includes.
 */
public final class Roles {

    /** Reads documents, findings, rules and the taxonomy; classifies text. */
    public static final String VIEWER = "viewer";
    /** Also ingests documents and reviews findings. */
    public static final String ANALYST = "analyst";
    /** Also deletes, manages feeds, API keys, and reads the audit log. */
    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(VIEWER, ANALYST, ADMIN);

    private Roles() {
    }

    /** The roles a role includes, itself among them; empty for a name that is none of ours. */
    public static Set<String> included(String role) {
        return switch (role) {
            case ADMIN -> Set.of(ADMIN, ANALYST, VIEWER);
            case ANALYST -> Set.of(ANALYST, VIEWER);
            case VIEWER -> Set.of(VIEWER);
            default -> Set.of();
        };
    }

    public static boolean isRole(String value) {
        return value != null && ALL.contains(value);
    }
}
