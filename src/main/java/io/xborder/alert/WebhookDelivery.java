package io.xborder.alert;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How a webhook's events are grouped: one per stored document with matching findings, or one a day. */
@Schema(name = "WebhookDelivery", description = "EACH: one event per stored document with matching findings. "
        + "DAILY_DIGEST: one event a day at digestHour (UTC) listing the matches stored since the last digest; none "
        + "on a day without any.")
public enum WebhookDelivery {
    EACH, DAILY_DIGEST
}
