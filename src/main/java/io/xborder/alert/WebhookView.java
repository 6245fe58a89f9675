package io.xborder.alert;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook subscription as the API shows it; never its secret. */
@Schema(name = "Webhook")
public record WebhookView(
        @Schema(examples = "3") long id,
        @Schema(examples = "7") long searchId,
        @Schema(examples = "https://hooks.example.com/xborder") String url,
        @Schema(description = "Whether events are delivered; false after the configured run of failures.") boolean active,
        @Schema(examples = "key:alice") String createdBy,
        @Schema(description = "Failed attempts since the last success.", examples = "0") int consecutiveFailures,
        @Schema(description = "When it was disabled for failing; null when it was not.",
                nullable = true) Instant disabledAt,
        @Schema(description = "Why it was disabled.", nullable = true,
                examples = "15 failed attempts in a row; the last: HTTP 500") String disabledReason,
        @Schema(description = "Events waiting to be delivered.", examples = "0") long pending,
        WebhookDelivery delivery,
        @Schema(description = "DAILY_DIGEST: the hour (UTC) of the digest; null for EACH.", examples = "7",
                nullable = true) Integer digestHour,
        @Schema(description = "DAILY_DIGEST: when the next digest is due (it lists the matches stored from the last "
                + "digest's end until then; none is sent when there are none); null for EACH.",
                nullable = true) Instant nextDigestAt,
        Instant createdAt,
        Instant updatedAt) {

    static WebhookView of(WebhookSubscription w, long pending) {
        WebhookDelivery delivery = WebhookDelivery.valueOf(w.delivery);
        return new WebhookView(w.id, w.searchId, w.url, w.active, w.createdBy, w.consecutiveFailures, w.disabledAt,
                w.disabledReason, pending, delivery, w.digestHour,
                delivery == WebhookDelivery.DAILY_DIGEST ? DailyDigests.nextDue(w.digestThrough, w.digestHour) : null,
                w.createdAt, w.updatedAt);
    }

    /** A created webhook: the only time its secret is shown. */
    @Schema(name = "CreatedWebhook")
    public record Created(
            @Schema(description = "The signing secret (whsec_ + base64 key); shown only in this response.",
                    examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") String secret,
            WebhookView webhook) {
    }

    /** A page of webhooks. */
    @Schema(name = "WebhookPage")
    public record Page(List<WebhookView> items, int page, int size, long total) {
    }
}
