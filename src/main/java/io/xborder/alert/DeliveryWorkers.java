package io.xborder.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.xborder.ingest.fetch.SsrfGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * This instance's webhook delivery: the outbox queue, the sender, the secrets' seal, the worker started at start-up
 * ({@code xborder.webhooks.workers} threads) and stopped at shutdown, and the delivery metrics.
 */
@ApplicationScoped
public class DeliveryWorkers {

    private static final Logger LOG = Logger.getLogger(DeliveryWorkers.class);
    /** How long a backlog count is reused by the metrics. */
    private static final long BACKLOG_TTL_MS = 5_000;

    private final AlertsConfig config;
    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final SecretBox secrets;
    private final Counter delivered;
    private final Counter failed;
    private final Counter disabled;
    private final Counter queued;
    private final List<DeliveryWorker> workers = new ArrayList<>();
    private volatile DeliveryQueue.Backlog backlog = new DeliveryQueue.Backlog(0, Duration.ZERO);
    private volatile long backlogAt;

    public DeliveryWorkers(AlertsConfig config, DataSource dataSource, MeterRegistry registry) {
        this.config = config;
        this.queue = new DeliveryQueue(dataSource);
        this.sender = new WebhookSender(new SsrfGuard(config.allow().orElse(List.of())), config.connectTimeout(),
                config.timeout(), config.maxResponseSize().asLongValue());
        this.secrets = new SecretBox(config.secretKey().orElse(null));
        this.delivered = Counter.builder("xborder.webhooks.delivered").description("Webhook events delivered")
                .register(registry);
        this.failed = Counter.builder("xborder.webhooks.failed").description("Webhook delivery attempts that failed")
                .register(registry);
        this.disabled = Counter.builder("xborder.webhooks.disabled")
                .description("Webhook subscriptions disabled after a run of failures").register(registry);
        this.queued = Counter.builder("xborder.webhooks.queued")
                .description("Webhook events written to the outbox").register(registry);
        Gauge.builder("xborder.webhooks.pending", this, w -> w.backlog().pending())
                .description("Webhook events waiting to be delivered").register(registry);
        Gauge.builder("xborder.webhooks.queue.age.seconds", this, w -> w.backlog().oldestAge().toMillis() / 1000.0)
                .description("How long the oldest waiting webhook event has waited").register(registry);
    }

    void start(@Observes StartupEvent start) {
        if (secrets.encrypts()) {
            LOG.debug("Webhook secrets are stored encrypted");
        } else {
            LOG.warn("Webhook secrets are stored unencrypted: set XBORDER_WEBHOOK_SECRET_KEY to encrypt them");
        }
        if (config.workers() > 0) {
            newWorker(defaultWorkerId(), config.workers()).start();
        }
    }

    void stop(@Observes ShutdownEvent stop) {
        List<DeliveryWorker> running;
        synchronized (workers) {
            running = List.copyOf(workers);
        }
        running.forEach(DeliveryWorker::close);
        sender.close();
    }

    /** A worker with this instance's settings (not started); stopped with the service. */
    public DeliveryWorker newWorker(String workerId, int threads) {
        return newWorker(workerId, settings(threads));
    }

    /** A worker with its own settings (not started); stopped with the service. */
    public DeliveryWorker newWorker(String workerId, DeliveryWorker.Settings settings) {
        DeliveryWorker w = new DeliveryWorker(workerId, queue, sender, secrets, settings,
                new DeliveryWorker.Listener() {

                    @Override
                    public void attempted(DeliveryQueue.Outcome outcome) {
                        (outcome.delivered() ? delivered : failed).increment();
                    }

                    @Override
                    public void disabled(long subscriptionId) {
                        disabled.increment();
                    }
                });
        synchronized (workers) {
            workers.add(w);
        }
        return w;
    }

    DeliveryWorker.Settings settings(int threads) {
        return new DeliveryWorker.Settings(threads, config.pollInterval(), config.lease(), config.batch(),
                config.retryBackoff(), config.retryBackoffMax(), config.maxConsecutiveFailures());
    }

    public DeliveryQueue queue() {
        return queue;
    }

    WebhookSender sender() {
        return sender;
    }

    SecretBox secrets() {
        return secrets;
    }

    void queued(int events) {
        queued.increment(events);
    }

    /** The outbox's backlog, counted at most every five seconds (metrics scrapes do not load the database). */
    DeliveryQueue.Backlog backlog() {
        long now = System.currentTimeMillis();
        if (now - backlogAt > BACKLOG_TTL_MS) {
            try {
                backlog = queue.backlog();
            } catch (RuntimeException e) {
                // the database is away: the last count stands
            }
            backlogAt = now;
        }
        return backlog;
    }

    private static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "host";
        }
        return host + "#" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
