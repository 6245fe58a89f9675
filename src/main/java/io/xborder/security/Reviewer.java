package io.xborder.security;

import jakarta.json.JsonString;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who made a review: the authenticated principal (as the audit log names it) and the name shown for it, the API
 * key's name or the token's {@code name} claim (else its principal).
 */
public record Reviewer(String principal, String name) {

    /** The reviewer of work done without an authenticated caller (the service itself). */
    public static final Reviewer SYSTEM = new Reviewer(AuditLog.SYSTEM, AuditLog.SYSTEM);

    /** The reviewer behind a request's principal; {@link #SYSTEM} when there is none. */
    public static Reviewer of(Principal principal) {
        if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
            return SYSTEM;
        }
        String id = principal.getName();
        if (principal instanceof JsonWebToken token) {
            Object claim = token.getClaim("name");
            String name = claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : "";
            if (!name.isBlank()) {
                return new Reviewer(id, clip(name.strip()));
            }
        }
        String keyPrefix = ApiKeys.principalOf("");
        return new Reviewer(id, id.startsWith(keyPrefix) ? id.substring(keyPrefix.length()) : id);
    }

    private static String clip(String name) {
        return name.length() > 200 ? name.substring(0, 200) : name;
    }
}
