package io.xborder.http;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.impl.RoutingContextInternal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request body over the limit with 413 problem+json, whether its length is declared or not.
 *
 * <ul>
 * <li>With a {@code Content-Length} over the limit: at once, before any of the body is read.
 * <li>Without one (chunked, or HTTP/2 without a length): the body is read here, counted, and refused as soon as it
 * passes the limit; under it, the resources get the body as read. (Left to the HTTP layer, such a body got a bare
 * 413 without a body for text and files, and a 400 "Bad Request" for JSON.)
 * </ul>
 */
@ApplicationScoped
public class RequestSizeLimit {

    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    private final long maxBodyBytes;
    private final ProblemMapper problems;

    public RequestSizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            ProblemMapper problems) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.problems = problems;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            HttpServerRequest request = ctx.request();
            String length = request.getHeader("Content-Length");
            if (length != null) {
                if (isOver(length)) {
                    refuse(ctx);
                } else {
                    ctx.next();
                }
            } else if (WITH_BODY.contains(request.method()) && !request.isEnded()) {
                readCounted(ctx);
            } else {
                ctx.next();
            }
        });
    }

    /** Reads a body of undeclared length, refusing it once it passes the limit, and routes on with the body read. */
    private void readCounted(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = { false };
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBodyBytes) {
                refused[0] = true;
                refuse(ctx);
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            if (!refused[0]) {
                ((RoutingContextInternal) ctx).setBody(body);
                ctx.next();
            }
        });
        request.resume();
    }

    private void refuse(RoutingContext ctx) {
        ctx.response().putHeader("Connection", "close");
        problems.send(ctx,
                ProblemException.tooLarge("The request body is over the limit of " + maxBodyBytes + " bytes."));
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
