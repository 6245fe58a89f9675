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
 * serve that file itself: at every start it parses it, runs the runtime filters and writes it again as JSON and YAML
 * (half a second of a start with the JDK 25 AOT cache, performance.md). So the packaging moves the file out of its
 * sight ({@code src/build/MoveOpenApiDocument.java}, run after {@code quarkus:build}): Quarkus finds no document at
 * start and skips all that, and this route, ahead of Quarkus' own, answers every request for it from
 * {@value #PACKAGED}. Where the file was not moved (tests, dev mode, a build with {@code -Dexec.skip}) it is read where
 * Quarkus put it ({@value #RESOURCE}). Format as Quarkus chooses it: the path's suffix, else
 * {@code Accept: application/json} or {@code ?format=json} for JSON, YAML otherwise.
 */
@ApplicationScoped
public class OpenApiDocument {

    private static final Logger LOG = Logger.getLogger(OpenApiDocument.class);
    static final String PACKAGED = "META-INF/xborder-openapi-doc.";
    static final String RESOURCE = "META-INF/quarkus-generated-openapi-doc.";
    static final List<String> PATHS = List.of("/q/openapi", "/q/openapi.json", "/q/openapi.yaml", "/q/openapi.yml");

    void register(@Observes Router router) {
        Buffer json = read("JSON");
        Buffer yaml = read("YAML");
        if (json == null || yaml == null) {
            LOG.warnf("No build-time OpenAPI document (%s* or %s*) on the class path: Quarkus serves /q/openapi",
                    PACKAGED, RESOURCE);
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
        ClassLoader loader = OpenApiDocument.class.getClassLoader();
        for (String name : List.of(PACKAGED + format, RESOURCE + format)) {
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in != null) {
                    return Buffer.buffer(in.readAllBytes());
                }
            } catch (IOException e) {
                LOG.warnf("Cannot read %s: %s", name, e.getMessage());
                return null;
            }
        }
        return null;
    }
}
