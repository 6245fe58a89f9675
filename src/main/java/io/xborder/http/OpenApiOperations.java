package io.xborder.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

/** The operations of an OpenAPI document, for the build-time filters that rewrite them. */
public final class OpenApiOperations {

    /**
     * The extension marking an operation that takes no credential but a token of its own in the query string (a
     * saved search's feeds, for feed readers that cannot send headers); its value names the query parameter.
     */
    public static final String TOKEN_ONLY = "x-xborder-token-only";

    private OpenApiOperations() {
    }

    /** Every operation of the paths that start with {@code pathPrefix} ("/" for all), in document order. */
    public static List<Operation> under(OpenAPI openAPI, String pathPrefix) {
        List<Operation> out = new ArrayList<>();
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return out;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (path.getKey().startsWith(pathPrefix) && operations != null) {
                out.addAll(operations.values());
            }
        }
        return out;
    }
}
