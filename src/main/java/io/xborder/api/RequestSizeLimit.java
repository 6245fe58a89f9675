package io.xborder.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared {@code Content-Length} is over the body limit with 413 problem+json, before
 * any of it is read. (The HTTP layer enforces the same limit on bodies without a length, with a bare 413.)
 */
@ApplicationScoped
public class RequestSizeLimit {

    private final long maxBodyBytes;
    private final ObjectMapper json;

    public RequestSizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            ObjectMapper json) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.json = json;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String length = ctx.request().getHeader("Content-Length");
            if (length != null && isOver(length)) {
                Problem problem = new Problem("about:blank", "Request Entity Too Large", 413,
                        "The request body is over the limit of " + maxBodyBytes + " bytes.", ctx.request().path(),
                        List.of());
                try {
                    ctx.response().setStatusCode(413)
                            .putHeader("Content-Type", Problem.MEDIA_TYPE)
                            .putHeader("Connection", "close")
                            .end(json.writeValueAsString(problem));
                } catch (JsonProcessingException e) {
                    ctx.fail(413, e);
                }
                return;
            }
            ctx.next();
        });
    }

    private boolean isOver(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
