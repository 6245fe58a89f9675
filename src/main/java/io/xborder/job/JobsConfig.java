package io.xborder.job;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.xborder.config.Limits;
import java.time.Duration;
import java.util.Optional;

/** The job workers of this instance ({@code xborder.jobs.*}). */
@ConfigMapping(prefix = "xborder.jobs")
public interface JobsConfig extends Limits.Bounded {

    @Override
    default void checkBounds(Limits limits) {
        limits.positiveOrZero("workers", workers()).atLeast("poll-interval", pollInterval(), Duration.ofMillis(1))
                .atLeast("lease", lease(), Duration.ofMillis(1)).positive("max-attempts", maxAttempts())
                .atLeast("stall-timeout", stallTimeout(), Duration.ofMillis(1)).positive("max-items", maxItems());
    }

    /** Worker threads of this instance; 0 runs none (the instance only accepts jobs) ({@code XBORDER_JOB_WORKERS}). */
    @WithDefault("${XBORDER_JOB_WORKERS:2}")
    int workers();

    /** Wait between looks at an empty queue. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a claim holds without renewal: a dead instance's items are taken over after this long. */
    @WithDefault("60s")
    Duration lease();

    /** Claims of one item before it is failed for good. */
    @WithDefault("3")
    int maxAttempts();

    /** At shutdown, how long items in hand may take to finish before they are given back. */
    @WithDefault("20s")
    Duration shutdownGrace();

    /** This instance's worker id; default: host name, process id and a random suffix. */
    Optional<String> workerId();

    /**
     * A stable id of this instance, unique among the running replicas and the same after a restart (a pod name, an
     * embedded database's data directory). With it the worker id is {@code <instance-id>#<random>}, and a restarted
     * instance gives back at once the items its previous process held. Default: the pod name on Kubernetes, an id of
     * the data directory with the embedded database, else none (those items wait for their lease)
     * ({@code XBORDER_INSTANCE_ID}).
     */
    @WithDefault("${XBORDER_INSTANCE_ID:${xborder.embedded-db.instance-id:}}")
    Optional<String> instanceId();

    /** Wait before an item that failed transiently (busy, time-out, database) is tried again; doubles per attempt. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** The longest such wait. */
    @WithDefault("1m")
    Duration retryBackoffMax();

    /**
     * A worker pool none of whose threads made progress for this long is stalled: readiness DOWN
     * ({@code XBORDER_JOB_STALL_TIMEOUT}).
     */
    @WithDefault("${XBORDER_JOB_STALL_TIMEOUT:5m}")
    Duration stallTimeout();

    /** Most items (URLs, files) in one job. */
    @WithDefault("10000")
    int maxItems();
}
