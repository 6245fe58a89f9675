package io.xborder.job;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.UUID;
import org.jboss.logging.Logger;

/** This instance's {@link JobWorker}: started with the application (unless xborder.jobs.workers=0), stopped gracefully. */
@ApplicationScoped
public class JobWorkers {

    private static final Logger LOG = Logger.getLogger(JobWorkers.class);

    private final JobsConfig config;
    private final JobQueue queue;
    private final JobProcessor processor;
    private volatile JobWorker worker;

    public JobWorkers(JobsConfig config, AgroalDataSource dataSource, JobProcessor processor) {
        this.config = config;
        this.queue = new JobQueue(dataSource);
        this.processor = processor;
    }

    public JobQueue queue() {
        return queue;
    }

    /** A worker with this instance's settings and the given id; not started. */
    public JobWorker newWorker(String workerId, int threads) {
        return new JobWorker(workerId, queue, processor, new JobWorker.Settings(threads, config.pollInterval(),
                config.lease(), config.maxAttempts()));
    }

    void start(@Observes StartupEvent event) {
        if (config.workers() <= 0) {
            LOG.info("No job workers on this instance (xborder.jobs.workers=0)");
            return;
        }
        worker = newWorker(config.workerId().orElseGet(JobWorkers::defaultWorkerId), config.workers());
        worker.start();
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
}
