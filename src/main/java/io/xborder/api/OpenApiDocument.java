package io.xborder.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Serves the OpenAPI document ({@code /q/openapi}, {@code .json}, {@code .yaml}, {@code .yml}) as the build made it:
 * the bytes Quarkus generated at build time, after the build-time filters ({@link SecurityDocumentation},
 * {@link TaxonomyDocumentation}, ProblemDocumentation), which no runtime filter changes. Quarkus has no switch to
 * serve that file itself: at every start it parses it, runs the runtime filters and writes it again as JSON and
 * YAML. With {@code quarkus.smallrye-openapi.always-run-filter=true} it no longer writes at start (half of that step,
 * ~0.5 s of a start on this VM, performance.md), and this route answers every request for the document, so the
 * per-request filtering that setting implies never runs. Format as Quarkus chooses it: the path's suffix, else
 * {@code Accept: application/json} or {@code ?format=json} for JSON, YAML otherwise.
 */
@ApplicationScoped
public class OpenApiDocument {

    private static final Logger LOG = Logger.getLogger(OpenApiDocument.class);
    static final String RESOURCE = "META-INF/quarkus-generated-openapi-doc.";
    static final List<String> PATHS = List.of("/q/openapi", "/q/openapi.json", "/q/openapi.yaml", "/q/openapi.yml");

    void register(@Observes Router router) {
        Buffer json = read("JSON");
        Buffer yaml = read("YAML");
        if (json == null || yaml == null) {
            LOG.warnf("No build-time OpenAPI document (%s*) on the class path: Quarkus serves /q/openapi", RESOURCE);
            return;
        }
        for (String path : PATHS) {
            for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.HEAD)) {
                router.route(method, path).order(Integer.MIN_VALUE + 2).handler(ctx -> serve(ctx, json, yaml));
            }
        }
    }

    private static void serve(RoutingContext ctx, Buffer json, Buffer yaml) {
        boolean asJson = wantsJson(ctx.normalizedPath(), ctx.request().getHeader("Accept"),
                ctx.queryParam("format").stream().findFirst().orElse(null));
        ctx.response().putHeader("Content-Type", (asJson ? "application/json" : "application/yaml") + ";charset=UTF-8")
                .end(asJson ? json : yaml);
    }

    static boolean wantsJson(String path, String accept, String format) {
        if (path.endsWith(".json")) {
            return true;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return false;
        }
        return (accept != null && accept.contains("application/json")) || "json".equalsIgnoreCase(format);
    }

    private static Buffer read(String format) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE + format)) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            LOG.warnf("Cannot read %s%s: %s", RESOURCE, format, e.getMessage());
            return null;
        }
    }
}
