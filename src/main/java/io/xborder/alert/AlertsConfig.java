package io.xborder.alert;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.xborder.config.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery of this instance ({@code xborder.webhooks.*}). */
@ConfigMapping(prefix = "xborder.webhooks")
public interface AlertsConfig extends Limits.Bounded {

    @Override
    default void checkBounds(Limits limits) {
        limits.positiveOrZero("workers", workers()).atLeast("poll-interval", pollInterval(), Duration.ofMillis(1))
                .atLeast("lease", lease(), Duration.ofMillis(1)).positive("batch", batch())
                .atLeast("retry-backoff", retryBackoff(), Duration.ofMillis(1))
                .atLeast("retry-backoff-max", retryBackoffMax(), Duration.ofMillis(1))
                .positive("max-consecutive-failures", maxConsecutiveFailures())
                .atLeast("digest-check-interval", digestCheckInterval(), Duration.ofMillis(1))
                .minLength("secret-key", secretKey(), 32);
    }

    /** Delivery threads of this instance; 0 runs none ({@code XBORDER_WEBHOOK_WORKERS}). */
    @WithDefault("${XBORDER_WEBHOOK_WORKERS:2}")
    int workers();

    /** Wait between looks at an empty outbox. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a claimed event is held: a dead instance's events are sent by another after this long. */
    @WithDefault("60s")
    Duration lease();

    /** Events claimed at once by one thread. */
    @WithDefault("10")
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
    Duration retryBackoff();

    /** The longest wait between two attempts. */
    @WithDefault("1h")
    Duration retryBackoffMax();

    /**
     * Failed attempts in a row after which a subscription is disabled ({@code XBORDER_WEBHOOK_MAX_FAILURES}); its
     * events wait until it is enabled again.
     */
    @WithDefault("${XBORDER_WEBHOOK_MAX_FAILURES:15}")
    int maxConsecutiveFailures();

    /** How often this instance looks for daily digests that are due (with at least one delivery thread). */
    @WithDefault("1m")
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
    Optional<String> secretKey();
}
