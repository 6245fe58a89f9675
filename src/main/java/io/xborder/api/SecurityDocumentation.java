package io.xborder.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.xborder.http.OpenApiOperations;
import io.xborder.http.ProblemDocumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Documents authentication in the OpenAPI document: two security schemes (a bearer JWT, an API key in X-API-Key),
 * either of which an operation accepts; per operation the roles it allows (as the schemes' scopes, taken from the
 * {@code @RolesAllowed} requirement Quarkus derives) and its 401/403 problem responses.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SecurityDocumentation implements OASFilter {

    public static final String BEARER = "bearerJwt";
    public static final String API_KEY = "apiKey";
    /** An operation's own token in the query string ({@link OpenApiOperations#TOKEN_ONLY}). */
    public static final String QUERY_TOKEN = "queryToken";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Map<String, SecurityScheme> schemes = openAPI.getComponents().getSecuritySchemes();
        if (schemes != null) {
            new ArrayList<>(schemes.keySet()).forEach(openAPI.getComponents()::removeSecurityScheme);
        }
        openAPI.getComponents().addSecurityScheme(BEARER, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT from the configured identity provider (issuer and signing key checked offline); "
                        + "roles viewer, analyst, admin from the groups claim."));
        openAPI.getComponents().addSecurityScheme(API_KEY, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER).name("X-API-Key")
                .description("An API key created by an admin (POST /api/v1/keys), or the bootstrap admin key."));
        openAPI.getComponents().addSecurityScheme(QUERY_TOKEN, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.QUERY).name("token")
                .description("A read-only token of one resource (a saved search's feed token), never a user's key."));
        OpenApiOperations.under(openAPI, "/api/").forEach(this::secure);
    }

    private void secure(Operation op) {
        if (op.getExtensions() != null && op.getExtensions().containsKey(OpenApiOperations.TOKEN_ONLY)) {
            op.setSecurity(new ArrayList<>(List.of(OASFactory.createSecurityRequirement().addScheme(QUERY_TOKEN,
                    List.of()))));
            op.getResponses().addAPIResponse("401", ProblemDocumentation.response("No token, or one that is not "
                    + "this resource's current token (revoked, replaced or of another resource)."));
            return;
        }
        TreeSet<String> roles = new TreeSet<>();
        if (op.getSecurity() != null) {
            for (SecurityRequirement requirement : op.getSecurity()) {
                if (requirement.getSchemes() != null) {
                    requirement.getSchemes().values().forEach(scopes -> {
                        if (scopes != null) {
                            roles.addAll(scopes);
                        }
                    });
                }
            }
        }
        List<String> scopes = List.copyOf(roles);
        op.setSecurity(new ArrayList<>(List.of(
                OASFactory.createSecurityRequirement().addScheme(BEARER, scopes),
                OASFactory.createSecurityRequirement().addScheme(API_KEY, scopes))));
        String who = roles.isEmpty()
                ? "any authenticated caller"
                : "role " + String.join(" or ", roles)
                        + " (admin includes analyst, analyst includes viewer)";
        op.getResponses().addAPIResponse("401", ProblemDocumentation.response("No credential, or one that is not "
                + "valid (unknown or revoked key; expired, foreign or wrongly signed token)."));
        op.getResponses().addAPIResponse("403", ProblemDocumentation.response("Authenticated, but without " + who
                + "."));
    }
}
