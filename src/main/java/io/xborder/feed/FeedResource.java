package io.xborder.feed;

import io.xborder.http.Paging;
import io.xborder.http.ProblemException;
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

/** RSS and Atom subscriptions: each is polled at its interval and every new item ingested once. */
@Path("/api/v1/feeds")
@Tag(name = "Feeds", description = "Subscribe to RSS and Atom feeds")
public class FeedResource {

    private static final String FEED_EXAMPLE = """
            {"url": "https://example.com/news/rss.xml", "title": "Example tech news", "intervalMinutes": 60,
             "enabled": true, "language": "en", "jurisdiction": null}
            """;

    private final FeedService feeds;

    public FeedResource(FeedService feeds) {
        this.feeds = feeds;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe to a feed", description = "The feed is polled at once by the scheduler, then every "
            + "intervalMinutes. Each new item (by GUID, else link) is ingested once: its link is fetched (SSRF-guarded), "
            + "or its content/description is used when the link gives nothing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedRequest.class),
            examples = @ExampleObject(name = "feed", value = FEED_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Subscribed",
            headers = @Header(name = "Location", description = "URL of the feed"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FeedView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, missing or invalid URL, bad interval or code")
    @APIResponse(responseCode = "409", description = "A feed with this URL exists")
    @APIResponse(responseCode = "415", description = "Not application/json")
    public Response create(FeedRequest request, @Context UriInfo uri) {
        FeedView feed = feeds.create(request);
        return Response.created(ResourceLocation.of(uri, "api/v1/feeds", feed.id()))
                .entity(feed).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List feeds", description = "Oldest first, with each feed's poll record.")
    @APIResponse(responseCode = "200", description = "A page of feeds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FeedView.Page.class)))
    @APIResponse(responseCode = "400", description = "Bad paging")
    public FeedView.Page list(@Valid @BeanParam Paging paging) {
        return feeds.list(paging.page(), paging.size());
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a feed",
            description = "The subscription with its last poll time, last error and item counts.")
    @APIResponse(responseCode = "200", description = "The feed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FeedView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such feed")
    public FeedView get(@Parameter(description = "Feed id", example = "3") @PathParam("id") @Positive long id) {
        return feeds.get(id).orElseThrow(() -> ProblemException.notFound("feed", id));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a feed",
            description = "Replaces URL, title, interval, enabled, language and jurisdiction "
                    + "(absent interval: 60, absent enabled: true). Items seen stay seen.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = FeedRequest.class),
            examples = @ExampleObject(name = "feed", value = FEED_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The changed feed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FeedView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or invalid field, or a bad id")
    @APIResponse(responseCode = "404", description = "No such feed")
    @APIResponse(responseCode = "409", description = "Another feed has this URL")
    public FeedView update(@Parameter(description = "Feed id", example = "3") @PathParam("id") @Positive long id,
            FeedRequest request) {
        return feeds.update(id, request);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Unsubscribe", description = "Deletes the feed and its item record; the documents stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such feed")
    public Response delete(@Parameter(description = "Feed id", example = "3") @PathParam("id") @Positive long id) {
        if (!feeds.delete(id)) {
            throw ProblemException.notFound("feed", id);
        }
        return Response.noContent().build();
    }

    @RolesAllowed(Roles.ANALYST)
    @POST
    @Path("{id}/poll")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Poll a feed now",
            description = "Polls at once, whatever the schedule, and tells what the poll "
                    + "did. A feed that cannot be fetched or read answers 200 with the error (also recorded on the feed).")
    @APIResponse(responseCode = "200", description = "What the poll did",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FeedView.Poll.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such feed")
    public FeedView.Poll poll(@Parameter(description = "Feed id", example = "3") @PathParam("id") @Positive long id) {
        return feeds.poll(id);
    }
}
