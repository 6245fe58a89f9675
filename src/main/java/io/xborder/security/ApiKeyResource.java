package io.xborder.security;

import io.xborder.http.ProblemException;
import io.xborder.http.ResourceLocation;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys for integrations and people without an identity provider account: created and revoked by admins. */
@Path("/api/v1/keys")
@Tag(name = "API keys", description = "Create, list and revoke API keys (admin)")
@RolesAllowed(Roles.ADMIN)
public class ApiKeyResource {

    private final ApiKeys keys;

    public ApiKeyResource(ApiKeys keys) {
        this.keys = keys;
    }

    /** What to create. */
    @Schema(name = "ApiKeyRequest")
    public record ApiKeyRequest(
            @Schema(required = true, description = "Who or what holds the key: unique among keys in use.",
                    examples = "ci-benchmark") String name,
            @Schema(required = true, enumeration = {
                    "viewer", "analyst", "admin" }) String role){
    }

    /** A created key: the only time the key itself is shown. */
    @Schema(name = "CreatedApiKey")
    public record CreatedApiKey(
            @Schema(description = "The key: send it as X-API-Key. It is shown only in this response.",
                    examples = "xb_Jq3vN1...") String key,
            ApiKeyView details) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key",
            description = "The key is in the response only; the service keeps its hash.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ApiKeyRequest.class),
            examples = @ExampleObject(name = "benchmark",
                    value = "{\"name\": \"ci-benchmark\", \"role\": \"viewer\"}")))
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = CreatedApiKey.class)))
    @APIResponse(responseCode = "400", description = "Bad name or role")
    @APIResponse(responseCode = "409", description = "A key with this name is in use")
    public Response create(ApiKeyRequest request, @Context UriInfo uri) {
        if (request == null) {
            throw ProblemException.invalid("body", "a JSON object with name and role is required");
        }
        ApiKeys.Created created = keys.create(request.name(), request.role());
        return Response
                .created(ResourceLocation.of(uri, "api/v1/keys", created.key().id()))
                .header("Cache-Control", "no-store")
                .entity(new CreatedApiKey(created.secret(), created.key())).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List API keys",
            description = "Keys in use, or all with includeRevoked=true; never the keys themselves.")
    @APIResponse(responseCode = "200", description = "The keys",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY,
                            implementation = ApiKeyView.class)))
    public List<ApiKeyView> list(
            @Parameter(description = "Also list revoked keys") @QueryParam("includeRevoked") boolean includeRevoked) {
        return keys.list(includeRevoked);
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke an API key",
            description = "The key stops working at once on this instance (within 30 s on others).")
    @APIResponse(responseCode = "200", description = "The revoked key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ApiKeyView.class)))
    @APIResponse(responseCode = "404", description = "No such key")
    public ApiKeyView revoke(@Parameter(description = "Key id", example = "3") @PathParam("id") @Positive long id) {
        return keys.revoke(id);
    }
}
