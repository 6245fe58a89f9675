package io.xborder.alert;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Threads that deliver the outbox's events: claim a few (leased), send each, record the attempt. A failed event waits
 * with exponential back-off and ±20 % jitter; an outcome is kept in hand until it can be written (a database outage
 * is waited out), so no attempt goes unrecorded unless the lease ran out meanwhile — then the event is sent again
 * under the same id, which is what at-least-once delivery allows.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

    /** Tuning of a worker. */
    public record Settings(int threads, Duration pollInterval, Duration lease, int batch, Duration retryBackoff,
            Duration retryBackoffMax, int maxConsecutiveFailures) {
    }

    /** Told of every attempt, for metrics. */
    public interface Listener {

        void attempted(DeliveryQueue.Outcome outcome);

        void disabled(long subscriptionId);
    }

    private final String workerId;
    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final SecretBox secrets;
    private final Settings settings;
    private final Listener listener;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger delivered = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();

    public DeliveryWorker(String workerId, DeliveryQueue queue, WebhookSender sender, SecretBox secrets,
            Settings settings, Listener listener) {
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.queue = queue;
        this.sender = sender;
        this.secrets = secrets;
        this.settings = settings;
        this.listener = listener;
    }

    public String workerId() {
        return workerId;
    }

    /** Events this worker delivered. */
    public int delivered() {
        return delivered.get();
    }

    public synchronized void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = new Thread(this::loop, "webhook-delivery-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /** The wait before attempt {@code attempt + 1} after attempt {@code attempt} failed. */
    static Duration backoff(int attempt, Duration base, Duration max) {
        double exact = base.toMillis() * Math.pow(2, Math.max(0, Math.min(attempt - 1, 30)));
        double capped = Math.min(exact, max.toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(capped * jitter)));
    }

    private void loop() {
        long outageWait = 0;
        while (running.get()) {
            List<DeliveryQueue.Claimed> claimed;
            try {
                claimed = queue.claim(workerId, settings.lease(), settings.batch());
                if (outageWait > 0) {
                    LOG.infof("Webhook worker %s reaches the outbox again", workerId);
                    outageWait = 0;
                }
            } catch (RuntimeException e) {
                if (outageWait == 0) {
                    LOG.warnf("Webhook worker %s cannot claim events (%s); trying again with back-off", workerId,
                            e.getMessage());
                }
                outageWait = Math.min(Math.max(100, outageWait * 2), 2000);
                sleep(outageWait);
                continue;
            }
            if (claimed.isEmpty()) {
                sleep(settings.pollInterval().toMillis());
                continue;
            }
            for (int i = 0; i < claimed.size(); i++) {
                if (!running.get()) {
                    queue.release(claimed.subList(i, claimed.size()), workerId);
                    return;
                }
                deliver(claimed.get(i));
            }
        }
    }

    private void deliver(DeliveryQueue.Claimed event) {
        DeliveryQueue.Outcome outcome;
        try {
            outcome = sender.send(event.url(), secrets.open(event.sealedSecret()), event.eventId(), event.body());
        } catch (IllegalStateException e) {
            outcome = new DeliveryQueue.Outcome(false, null, 0, e.getMessage(), null);
        }
        Duration retry = backoff(event.attempt(), settings.retryBackoff(), settings.retryBackoffMax());
        long wait = 100;
        while (true) {
            try {
                boolean disabled = queue.record(event, workerId, outcome, retry,
                        settings.maxConsecutiveFailures());
                if (outcome.delivered()) {
                    delivered.incrementAndGet();
                }
                listener.attempted(outcome);
                if (disabled) {
                    LOG.warnf("Webhook %d disabled after %d failed attempts in a row", event.subscriptionId(),
                            settings.maxConsecutiveFailures());
                    listener.disabled(event.subscriptionId());
                }
                return;
            } catch (RuntimeException e) {
                if (!running.get()) {
                    return; // the lease runs out and another worker sends it again
                }
                if (wait == 100) {
                    LOG.warnf("Webhook worker %s cannot record an attempt (%s); trying again with back-off",
                            workerId, e.getMessage());
                }
                sleep(wait);
                wait = Math.min(wait * 2, 2000);
            }
        }
    }

    private void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.set(false);
        }
    }

    /** Stops claiming; the events in hand are finished (each send is bounded by its time-out) or given back. */
    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
