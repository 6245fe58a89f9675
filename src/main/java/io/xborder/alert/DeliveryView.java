package io.xborder.alert;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of a webhook with every attempt to deliver it: the delivery log. */
@Schema(name = "WebhookDelivery")
public record DeliveryView(
        @Schema(description = "The event id: the webhook-id header and the CloudEvent's id, the same on every attempt.",
                examples = "evt_5f0c2a4b9d8e4c1f8a7b6c5d4e3f2a1b") String eventId,
        @Schema(examples = "io.xborder.findings.matched") String type,
        @Schema(enumeration = {
                "PENDING", "DELIVERED" }) String state,
        @Schema(examples = "1") int attempts,
        Instant createdAt,
        @Schema(nullable = true) Instant deliveredAt,
        @Schema(description = "When a pending event is tried next.", nullable = true) Instant nextAttemptAt,
        List<Attempt> log){

    /** One attempt. */
    @Schema(name = "WebhookAttempt")
    public record Attempt(Instant attemptedAt,
            @Schema(description = "The HTTP status answered; null when there was no answer.", nullable = true,
                    examples = "200") Integer status,
            @Schema(enumeration = {
                    "DELIVERED", "FAILED" }) String outcome,
            @Schema(examples = "42") int latencyMs,
            @Schema(description = "Why it failed without an answer (time-out, refused, …).",
                    nullable = true) String error,
            @Schema(description = "The start of the answer's body (up to 1,000 characters).",
                    nullable = true) String responseExcerpt){
    }

    /** A page of deliveries, newest first. */
    @Schema(name = "WebhookDeliveryPage")
    public record Page(List<DeliveryView> items, int page, int size, long total) {
    }
}
