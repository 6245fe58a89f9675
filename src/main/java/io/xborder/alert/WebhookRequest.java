package io.xborder.alert;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/v1/webhooks} and {@code PUT /api/v1/webhooks/{id}}. */
@Schema(name = "WebhookRequest")
public record WebhookRequest(
        @Schema(required = true, description = "The saved search whose new findings are sent; it cannot change later.",
                examples = "7") @Positive Long searchId,
        @Schema(required = true, description = "The receiver's http(s) URL; SSRF rules as for fetching (no private or "
                + "loopback address unless allow-listed by XBORDER_WEBHOOK_ALLOW).",
                examples = "https://hooks.example.com/xborder") @NotBlank @Size(max = 2000,
                        message = "must be at most 2000 characters") String url,
        @Schema(description = "Delivered only when true; default true. Enabling a disabled webhook clears its failure "
                + "run, and the events that waited are sent.", nullable = true) Boolean active) {
}
