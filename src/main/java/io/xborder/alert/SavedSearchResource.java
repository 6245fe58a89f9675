package io.xborder.alert;

import io.xborder.finding.FindingPage;
import io.xborder.http.OpenApiOperations;
import io.xborder.http.Paging;
import io.xborder.http.ResourceLocation;
import io.xborder.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Saved searches: any findings filter saved with a name. Every role may save, list and read them; a search is its
 * owner's (the principal that saved it), visible to the team when shared, and changed only by its owner or an admin.
 * Each has an Atom feed and a JSON Feed, read with a revocable per-search token instead of a credential.
 */
@Path("/api/v1/saved-searches")
@Tag(name = "Saved searches", description = "Findings filters saved with a name, what is new in them, and their feeds")
public class SavedSearchResource {

    private final SavedSearchService searches;

    public SavedSearchResource(SavedSearchService searches) {
        this.searches = searches;
    }

    /** A new feed token: the only time it is shown, with the two feed URLs that carry it. */
    @Schema(name = "FeedToken")
    public record FeedToken(
            @Schema(description = "The token; shown only in this response.", examples = "xbf_9c2V…") String token,
            @Schema(examples = "https://xborder.example.com/api/v1/saved-searches/7/feed.atom?token=xbf_9c2V…") String atom,
            @Schema(examples = "https://xborder.example.com/api/v1/saved-searches/7/feed.json?token=xbf_9c2V…") String jsonFeed) {

        /** The token with the search's two feed URLs under the service's base URI. */
        static FeedToken of(URI base, long id, String token) {
            return new FeedToken(token, feedUri(base, id, "feed.atom", token), feedUri(base, id, "feed.json", token));
        }

        private static String feedUri(URI base, long id, String feed, String token) {
            return UriBuilder.fromUri(base).path("api/v1/saved-searches").path(Long.toString(id)).path(feed)
                    .queryParam("token", token).build().toString();
        }
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a search",
            description = "Saves a findings filter under a name, owned by the caller; shared=true shows it to the team.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SavedSearchRequest.class),
            examples = @ExampleObject(name = "China transfers", value = AlertExamples.SAVED_SEARCH_REQUEST)))
    @APIResponse(responseCode = "201", description = "Saved",
            headers = @Header(name = "Location", description = "URL of the saved search"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SavedSearchView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, a missing name or an invalid criterion")
    @APIResponse(responseCode = "415", description = "Not application/json")
    public Response create(@Valid SavedSearchRequest request, @Context SecurityContext security,
            @Context UriInfo uri) {
        SavedSearchView saved = searches.create(request, Caller.of(security));
        return Response.created(ResourceLocation.of(uri, "api/v1/saved-searches", saved.id())).entity(saved).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "List saved searches",
            description = "The caller's own searches and those shared with the team, newest first, each with the "
                    + "number of matches stored since the caller last read its findings.")
    @APIResponse(responseCode = "200", description = "A page of saved searches",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SavedSearchView.Page.class)))
    @APIResponse(responseCode = "400", description = "Bad paging")
    public SavedSearchView.Page list(@Valid @BeanParam Paging paging, @Context SecurityContext security) {
        return searches.list(paging.page(), paging.size(), Caller.of(security));
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Get a saved search", description = "With the number of matches new to the caller.")
    @APIResponse(responseCode = "200", description = "The saved search",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SavedSearchView.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such search, or another's that is not shared")
    public SavedSearchView get(@Parameter(description = "Saved search id",
            example = "7") @PathParam("id") @Positive long id, @Context SecurityContext security) {
        return searches.get(id, Caller.of(security));
    }

    @RolesAllowed(Roles.VIEWER)
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a saved search", description = "Replaces its name, shared flag and criteria. Only "
            + "its owner or an admin may.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SavedSearchRequest.class),
            examples = @ExampleObject(name = "China transfers", value = AlertExamples.SAVED_SEARCH_REQUEST)))
    @APIResponse(responseCode = "200", description = "The changed search",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SavedSearchView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or an invalid field, or a bad id")
    @APIResponse(responseCode = "404", description = "No such search, or another's that is not shared")
    public SavedSearchView update(@Parameter(description = "Saved search id",
            example = "7") @PathParam("id") @Positive long id, @Valid SavedSearchRequest request,
            @Context SecurityContext security) {
        return searches.update(id, request, Caller.of(security));
    }

    @RolesAllowed(Roles.VIEWER)
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a saved search",
            description = "With its webhooks and their events. Only its owner or an admin may.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such search, or another's that is not shared")
    public Response delete(@Parameter(description = "Saved search id",
            example = "7") @PathParam("id") @Positive long id, @Context SecurityContext security) {
        searches.delete(id, Caller.of(security));
        return Response.noContent().build();
    }

    @RolesAllowed(Roles.VIEWER)
    @GET
    @Path("{id}/findings")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Read a saved search's findings",
            description = "A page of its matches, as GET /api/v1/findings orders them. Marks the search as looked at by "
                    + "the caller: its newFindings count starts again from now.")
    @APIResponse(responseCode = "200", description = "A page of findings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FindingPage.class)))
    @APIResponse(responseCode = "400", description = "Bad id or paging")
    @APIResponse(responseCode = "404", description = "No such search, or another's that is not shared")
    public FindingPage findings(@Parameter(description = "Saved search id",
            example = "7") @PathParam("id") @Positive long id, @Valid @BeanParam Paging paging,
            @Context SecurityContext security) {
        return searches.findings(id, paging.page(), paging.size(), Caller.of(security));
    }

    @RolesAllowed(Roles.VIEWER)
    @POST
    @Path("{id}/feed-token")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a feed token",
            description = "A new read-only token for the search's Atom and JSON feeds (for feed readers and chat tools, "
                    + "which cannot send headers); the previous token stops working. Shown once. Only the search's "
                    + "owner or an admin may.")
    @APIResponse(responseCode = "201", description = "The token and the feed URLs",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = FeedToken.class)))
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such search, or another's that is not shared")
    public Response newFeedToken(@Parameter(description = "Saved search id",
            example = "7") @PathParam("id") @Positive long id, @Context SecurityContext security,
            @Context UriInfo uri) {
        String token = searches.newFeedToken(id, Caller.of(security));
        return Response.status(201).header("Cache-Control", "no-store")
                .entity(FeedToken.of(uri.getBaseUri(), id, token)).build();
    }

    @RolesAllowed(Roles.VIEWER)
    @DELETE
    @Path("{id}/feed-token")
    @Operation(summary = "Revoke the feed token",
            description = "The search's feeds answer 401 from now on, until a new token is made.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "400", description = "The id is not a positive integer")
    @APIResponse(responseCode = "404", description = "No such search or it has no feed token")
    public Response revokeFeedToken(@Parameter(description = "Saved search id",
            example = "7") @PathParam("id") @Positive long id, @Context SecurityContext security) {
        searches.revokeFeedToken(id, Caller.of(security));
        return Response.noContent().build();
    }

    @PermitAll
    @GET
    @Path("{id}/feed.atom")
    @Produces({ SearchFeeds.ATOM, MediaType.APPLICATION_XML })
    @Operation(summary = "Atom feed of a saved search",
            description = "Its newest matches first (by when they were stored), read with the search's feed token. A "
                    + "browser (Accept with text/html) gets it as application/xml, which it shows.",
            extensions = @Extension(name = OpenApiOperations.TOKEN_ONLY, value = "token"))
    @APIResponse(responseCode = "200", description = "An Atom feed",
            content = @Content(mediaType = SearchFeeds.ATOM, examples = @ExampleObject(name = "feed",
                    value = AlertExamples.ATOM)))
    @APIResponse(responseCode = "400", description = "Bad id or limit")
    public Response atom(@Parameter(description = "Saved search id", example = "7") @PathParam("id") @Positive long id,
            @Parameter(description = "The search's feed token",
                    example = "xbf_9c2V…") @QueryParam("token") String token,
            @Parameter(description = "Most entries, 1 to 200",
                    example = "50") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @Context UriInfo uri, @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        SavedSearchService.FeedContent feed = searches.feed(id, token, limit);
        // a browser (it asks for HTML, not for the feed) gets a type it shows rather than downloads
        String type = browser(accept, SearchFeeds.ATOM) ? MediaType.APPLICATION_XML : SearchFeeds.ATOM;
        return Response.ok(SearchFeeds.atom(feed, withoutToken(uri), uri.getBaseUri()), type + ";charset=utf-8")
                .header("Cache-Control", "private, max-age=60").build();
    }

    @PermitAll
    @GET
    @Path("{id}/feed.json")
    @Produces({ SearchFeeds.JSON_FEED, MediaType.APPLICATION_JSON })
    @Operation(summary = "JSON Feed of a saved search",
            description = "The same entries as the Atom feed, as JSON Feed 1.1, read with the search's feed token. A "
                    + "browser (Accept with text/html) gets it as application/json, which it shows.",
            extensions = @Extension(name = OpenApiOperations.TOKEN_ONLY, value = "token"))
    @APIResponse(responseCode = "200", description = "A JSON Feed",
            content = @Content(mediaType = SearchFeeds.JSON_FEED, examples = @ExampleObject(name = "feed",
                    value = AlertExamples.JSON_FEED)))
    @APIResponse(responseCode = "400", description = "Bad id or limit")
    public Response jsonFeed(@Parameter(description = "Saved search id",
            example = "7") @PathParam("id") @Positive long id,
            @Parameter(description = "The search's feed token",
                    example = "xbf_9c2V…") @QueryParam("token") String token,
            @Parameter(description = "Most entries, 1 to 200",
                    example = "50") @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @Context UriInfo uri, @Parameter(hidden = true) @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        SavedSearchService.FeedContent feed = searches.feed(id, token, limit);
        String type = browser(accept, SearchFeeds.JSON_FEED) ? MediaType.APPLICATION_JSON : SearchFeeds.JSON_FEED;
        return Response.ok(SearchFeeds.jsonFeed(feed, withoutToken(uri), uri.getBaseUri()), type + ";charset=utf-8")
                .header("Cache-Control", "private, max-age=60").build();
    }

    /** Whether the request comes from a browser: it accepts HTML and does not name the feed's own type. */
    private static boolean browser(String accept, String feedType) {
        return accept != null && accept.contains(MediaType.TEXT_HTML) && !accept.contains(feedType);
    }

    /** The feed's own URL without its token (feeds are copied and shared; the token stays with the reader). */
    private static URI withoutToken(UriInfo uri) {
        return uri.getAbsolutePathBuilder().build();
    }
}
