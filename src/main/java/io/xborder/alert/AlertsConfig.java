package io.xborder.alert;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;

/** Webhook delivery of this instance ({@code xborder.webhooks.*}). */
@ConfigMapping(prefix = "xborder.webhooks")
public interface AlertsConfig {

    /** Delivery threads of this instance; 0 runs none ({@code XBORDER_WEBHOOK_WORKERS}). */
    @WithDefault("${XBORDER_WEBHOOK_WORKERS:2}")
    @PositiveOrZero
    int workers();

    /** Wait between looks at an empty outbox. */
    @WithDefault("1s")
    @DurationMin(millis = 1)
    Duration pollInterval();

    /** How long a claimed event is held: a dead instance's events are sent by another after this long. */
    @WithDefault("60s")
    @DurationMin(millis = 1)
    Duration lease();

    /** Events claimed at once by one thread. */
    @WithDefault("10")
    @Positive
    int batch();

    /** TCP (and TLS) connect budget of one attempt. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** From sending an event to the last byte of the answer read. */
    @WithDefault("10s")
    Duration timeout();

    /** The most of an answer read; the rest is not waited for. */
    @WithDefault("64K")
    MemorySize maxResponseSize();

    /** Wait after the first failed attempt; doubles per attempt, ±20 % jitter. */
    @WithDefault("5s")
    @DurationMin(millis = 1)
    Duration retryBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("1h")
    @DurationMin(millis = 1)
    Duration retryBackoffMax();

    /**
     * Failed attempts in a row after which a subscription is disabled ({@code XBORDER_WEBHOOK_MAX_FAILURES}); its
     * events wait until it is enabled again.
     */
    @WithDefault("${XBORDER_WEBHOOK_MAX_FAILURES:15}")
    @Positive
    int maxConsecutiveFailures();

    /** How often this instance looks for daily digests that are due (with at least one delivery thread). */
    @WithDefault("1m")
    @DurationMin(millis = 1)
    Duration digestCheckInterval();

    /**
     * How long after its hour a digest is made, so that documents being stored at the hour are committed and listed
     * in it.
     */
    @WithDefault("2m")
    Duration digestDelay();

    /**
     * CIDR blocks, IP addresses or host names that webhooks may be sent to although they are loopback, private, … (
     * {@code XBORDER_WEBHOOK_ALLOW}); empty by default, as for URL fetching.
     */
    @WithDefault("${XBORDER_WEBHOOK_ALLOW:}")
    Optional<List<String>> allow();

    /**
     * The key webhook signing secrets are encrypted with in the database ({@code XBORDER_WEBHOOK_SECRET_KEY}, at
     * least 32 characters, e.g. from a Kubernetes Secret). Without it secrets are stored as they are.
     */
    @WithDefault("${XBORDER_WEBHOOK_SECRET_KEY:}")
    Optional<@Size(min = 32, message = "must have at least 32 characters") String> secretKey();
}
