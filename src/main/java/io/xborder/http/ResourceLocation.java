package io.xborder.http;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** Where the API serves a resource it made or started: the URL for a Location header, under the service's base URI. */
public final class ResourceLocation {

    private ResourceLocation() {
    }

    /** The URL of resource {@code id} of the collection at {@code collection}, e.g. {@code api/v1/findings}. */
    public static URI of(UriInfo uri, String collection, long id) {
        return uri.getBaseUriBuilder().path(collection).path(Long.toString(id)).build();
    }
}
