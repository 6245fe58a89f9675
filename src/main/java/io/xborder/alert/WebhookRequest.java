package io.xborder.alert;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
                + "run, and the events that waited are sent.", nullable = true) Boolean active,
        @Schema(description = "EACH (default): one event per stored document with matching findings; DAILY_DIGEST: "
                + "one event a day at digestHour (UTC) listing the new matches, none on a day without any.",
                nullable = true) WebhookDelivery delivery,
        @Schema(description = "With DAILY_DIGEST (required there): the hour of the day, UTC, 0 to 23, at which the "
                + "digest is sent.", examples = "7", nullable = true) @Min(value = 0,
                        message = "must be an hour from 0 to 23") @Max(value = 23,
                                message = "must be an hour from 0 to 23") Integer digestHour) {

    /** A request for one event per document (the API's default). */
    public WebhookRequest(Long searchId, String url, Boolean active) {
        this(searchId, url, active, null, null);
    }

    WebhookDelivery deliveryOrEach() {
        return delivery == null ? WebhookDelivery.EACH : delivery;
    }
}
