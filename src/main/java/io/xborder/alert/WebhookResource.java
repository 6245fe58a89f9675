package io.xborder.alert;

import io.xborder.http.Paging;
import io.xborder.http.ResourceLocation;
import io.xborder.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Webhooks: each new finding of a saved search reaches the subscribed URL as a signed CloudEvent (Standard Webhooks
 * headers), at least once, retried with back-off. Analysts and admins manage webhooks (an analyst those they
 * created); admins replay deliveries. See src/docs/alerts.md for the event and how to verify its signature.
 */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks", description = "Signed webhook events for a saved search's new findings, with delivery log and "
        + "replay")
public class WebhookResource {

    private final WebhookService webhooks;

    public WebhookResource(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    /** How many events a replay made pending again. */
    @Schema(name = "Replayed")
    public record Replayed(@Schema(examples = "4") int replayed) {
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to a saved search",
            description = "Each document stored from now on with findings matching the search sends one event "
                    + "(io.xborder.findings.matched) to the URL, signed with the secret in the response — shown only "
                    + "there. With delivery DAILY_DIGEST, one event a day (io.xborder.findings.digest) at digestHour "
                    + "UTC lists the matches stored since the last one instead; none is sent for a day without any.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookRequest.class),
            examples = { @ExampleObject(name = "webhook", value = AlertExamples.WEBHOOK_REQUEST),
                    @ExampleObject(name = "daily digest",
                            value = AlertExamples.WEBHOOK_DIGEST_REQUEST) }))
    @APIResponse(responseCode = "201", description = "Subscribed; the secret is shown this once",
            headers = @Header(name = "Location", description = "URL of the webhook"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookView.Created.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a missing search, a URL that is not http(s) "
            + "or is refused by the SSRF rules, or a digestHour missing for DAILY_DIGEST, given for EACH or not 0-23")
    @APIResponse(responseCode = "404", description = "No such saved search, or another's that is not shared")
    @APIResponse(responseCode = "415", description = "Not application/json")
    public Response create(@Valid WebhookRequest request, @Context SecurityContext security, @Context UriInfo uri) {
        WebhookView.Created created = webhooks.create(request, Caller.of(security));
        return Response.created(ResourceLocation.of(uri, "api/v1/webhooks", created.webhook().id()))
                .header("Cache-Control", "no-store").entity(created).build();
    }

    @RolesAllowed(Roles.ANALYST)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List webhooks", description = "Newest first; never their secrets.")
    @APIResponse(responseCode = "200", description = "A page of webhooks",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookView.Page.class)))
    @APIResponse(responseCode = "400", description = "Bad paging")
    public WebhookView.Page list(@Valid @BeanParam Paging paging) {
        return webhooks.list(paging.page(), paging.size());
    }

    @RolesAllowed(Roles.ANALYST)
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a webhook",
            description = "With its failure run, whether and why it was disabled, and its waiting events.")
    @APIResponse(responseCode = "200", description = "The webhook",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such webhook")
    public WebhookView get(@Parameter(description = "Webhook id", example = "3") @PathParam("id") @Positive long id) {
        return webhooks.get(id);
    }

    @RolesAllowed(Roles.ANALYST)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a webhook",
            description = "Replaces the URL and the active flag (absent: true). Enabling a disabled webhook starts a new "
                    + "run of failures and sends the events that waited. Only its creator or an admin may.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = WebhookRequest.class),
            examples = @ExampleObject(name = "webhook", value = AlertExamples.WEBHOOK_REQUEST)))
    @APIResponse(responseCode = "200", description = "The changed webhook",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a refused URL, another searchId, or a bad id")
    @APIResponse(responseCode = "404", description = "No such webhook")
    public WebhookView update(@Parameter(description = "Webhook id", example = "3") @PathParam("id") @Positive long id,
            @Valid WebhookRequest request, @Context SecurityContext security) {
        return webhooks.update(id, request, Caller.of(security));
    }

    @RolesAllowed(Roles.ANALYST)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a webhook",
            description = "With its events and delivery log. Only its creator or an admin may.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such webhook")
    public Response delete(@Parameter(description = "Webhook id", example = "3") @PathParam("id") @Positive long id,
            @Context SecurityContext security) {
        webhooks.delete(id, Caller.of(security));
        return Response.noContent().build();
    }

    @RolesAllowed(Roles.ANALYST)
    @GET
    @Path("{id}/deliveries")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delivery log of a webhook",
            description = "Its events, newest first, each with every attempt: time, HTTP status, outcome, latency, "
                    + "error and the start of the answer.")
    @APIResponse(responseCode = "200", description = "A page of deliveries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DeliveryView.Page.class)))
    @APIResponse(responseCode = "400", description = "Bad id or paging")
    @APIResponse(responseCode = "404", description = "No such webhook")
    public DeliveryView.Page deliveries(@Parameter(description = "Webhook id",
            example = "3") @PathParam("id") @Positive long id, @Valid @BeanParam Paging paging) {
        return webhooks.deliveries(id, paging.page(), paging.size());
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Path("{id}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replay deliveries",
            description = "Sends one event (eventId), or every event created in [from, to), again: same id, same body, "
                    + "new timestamp and signature. A disabled webhook sends them once it is enabled again.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ReplayRequest.class),
            examples = @ExampleObject(name = "a day", value = AlertExamples.REPLAY_REQUEST)))
    @APIResponse(responseCode = "200", description = "How many events will be sent again",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Replayed.class)))
    @APIResponse(responseCode = "400", description = "Neither eventId nor from and to, both, or from not before to")
    @APIResponse(responseCode = "404", description = "No such webhook, or no such event of it")
    public Replayed replay(@Parameter(description = "Webhook id", example = "3") @PathParam("id") @Positive long id,
            @Valid ReplayRequest request) {
        return new Replayed(webhooks.replay(id, request));
    }
}
