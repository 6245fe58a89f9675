package io.xborder.job;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import org.jboss.logging.Logger;

/**
 * This instance's {@link JobWorker}: started with the application (unless xborder.jobs.workers=0), stopped
 * gracefully. The workers of this instance (its own and any made by {@link #newWorker}) are watched: their threads,
 * heartbeat, restarts and failures are metrics, and a stalled one makes readiness DOWN ({@link JobWorkersHealth}).
 */
@ApplicationScoped
public class JobWorkers {

    private static final Logger LOG = Logger.getLogger(JobWorkers.class);

    private final JobsConfig config;
    private final JobQueue queue;
    private final JobProcessor processor;
    private final Set<JobWorker> watched = new CopyOnWriteArraySet<>();
    private volatile JobWorker worker;

    public JobWorkers(JobsConfig config, AgroalDataSource dataSource, JobProcessor processor, MeterRegistry registry) {
        this.config = config;
        this.queue = new JobQueue(dataSource);
        this.processor = processor;
        Gauge.builder("xborder.jobs.worker.threads", this, w -> w.running().stream()
                .mapToInt(JobWorker::aliveThreads).sum())
                .description("Job worker threads alive on this instance").register(registry);
        Gauge.builder("xborder.jobs.worker.heartbeat.age", this, w -> w.running().stream()
                .mapToDouble(x -> x.health().heartbeatAge().toMillis() / 1000.0).max().orElse(0))
                .description("Seconds since the freshest beat of a job worker thread (the most stalled worker)")
                .baseUnit("seconds").register(registry);
        Gauge.builder("xborder.jobs.worker.stalled", this, w -> w.running().stream()
                .filter(x -> x.health().stalled()).count())
                .description("Job workers of this instance that are stalled (readiness is DOWN while any is)")
                .register(registry);
        FunctionCounter.builder("xborder.jobs.worker.restarts", this, w -> w.watched.stream()
                .mapToLong(JobWorker::restarts).sum())
                .description("Job worker threads started again after they ended").register(registry);
        FunctionCounter.builder("xborder.jobs.worker.failures", this, w -> w.watched.stream()
                .mapToLong(JobWorker::failures).sum())
                .description("Claims and outcome writes of job workers that failed and were tried again")
                .register(registry);
    }

    public JobQueue queue() {
        return queue;
    }

    /** A worker with this instance's settings and the given id; not started. Watched while it runs. */
    public JobWorker newWorker(String workerId, int threads) {
        return watch(new JobWorker(workerId, queue, processor, settings(threads)));
    }

    /** A worker of this instance with a stable id (see {@link JobWorker#forInstance}) and the given handler. */
    public JobWorker newInstanceWorker(String instanceId, int threads, JobItemHandler handler) {
        return watch(JobWorker.forInstance(instanceId, queue, handler, settings(threads)));
    }

    /** A worker with the given handler and settings, watched like this instance's own. */
    public JobWorker watch(JobWorker w) {
        watched.removeIf(x -> !x.isRunning() && x != w && x != worker);
        watched.add(w);
        return w;
    }

    /** This instance's settings for {@code threads} threads. */
    public JobWorker.Settings settings(int threads) {
        return new JobWorker.Settings(threads, config.pollInterval(), config.lease(), config.maxAttempts(),
                config.retryBackoff(), config.retryBackoffMax(), config.stallTimeout());
    }

    /** The running watched workers. */
    List<JobWorker> running() {
        return watched.stream().filter(JobWorker::isRunning).toList();
    }

    /** This instance's own worker, if it runs one. */
    public Optional<JobWorker> worker() {
        return Optional.ofNullable(worker);
    }

    void start(@Observes StartupEvent event) {
        if (config.workers() <= 0) {
            LOG.info("No job workers on this instance (xborder.jobs.workers=0)");
            return;
        }
        Optional<String> instance = config.workerId().isPresent()
                ? Optional.empty()
                : stableInstanceId(config.instanceId(), System.getenv());
        JobWorker w = instance.isPresent()
                ? JobWorker.forInstance(instance.get(), queue, processor, settings(config.workers()))
                : new JobWorker(config.workerId().orElseGet(JobWorkers::defaultWorkerId), queue, processor,
                        settings(config.workers()));
        worker = watch(w);
        w.start();
    }

    void stop(@Observes ShutdownEvent event) {
        JobWorker w = worker;
        if (w != null) {
            w.stop(config.shutdownGrace());
        }
    }

    /** Tells the local worker that a job was created. */
    void wake() {
        JobWorker w = worker;
        if (w != null) {
            w.wake();
        }
    }

    /**
     * The configured instance id, else the pod name on Kubernetes (unique among live pods, kept when a container
     * restarts in its pod); empty when nothing proves that a later process is this one again.
     */
    static Optional<String> stableInstanceId(Optional<String> configured, Map<String, String> env) {
        Optional<String> id = configured.filter(s -> !s.isBlank());
        if (id.isEmpty() && env.get("KUBERNETES_SERVICE_HOST") != null) {
            id = Optional.ofNullable(env.get("HOSTNAME")).filter(s -> !s.isBlank());
        }
        return id.map(s -> s.strip().replace(JobQueue.INSTANCE_SEPARATOR, "_"))
                .map(s -> s.length() > 100 ? s.substring(0, 100) : s);
    }

    static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "host";
        }
        String pid = ManagementFactory.getRuntimeMXBean().getName().split("@")[0];
        return host + "-" + pid + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** For the readiness check: the running workers' health, by worker id. */
    Map<String, JobWorker.Health> health() {
        Map<String, JobWorker.Health> out = new TreeMap<>();
        for (JobWorker w : running()) {
            out.put(w.workerId(), w.health());
        }
        return out;
    }
}
