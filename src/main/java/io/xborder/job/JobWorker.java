package io.xborder.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Works job items off the {@link JobQueue} with a few threads, under one worker id (one per process). Plain Java:
 * a replica runs one, a test can run two against one database.
 *
 * <p>Each thread claims an item, hands it to the {@link JobItemHandler}, and records the outcome; when the queue is
 * empty it waits for the poll interval (or a {@link #wake()}). A heartbeat renews the leases of the items in hand,
 * so a slow item is not taken over while its worker lives. {@link #stop(Duration)} stops claiming, lets the items
 * in hand finish within a grace period and gives back the rest; {@link #abandon()} stops as a crash would, leaving
 * the leases to run out.
 */
public final class JobWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);

    /**
     * @param threads items worked on at once
     * @param pollInterval wait between looks at an empty queue
     * @param lease how long a claim holds without renewal; an item is claimed again this long after its worker died
     * @param maxAttempts claims of one item before it is failed for good (transient errors, dead workers)
     */
    public record Settings(int threads, Duration pollInterval, Duration lease, int maxAttempts) {

        public Settings {
            if (threads < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("threads and maxAttempts must be positive");
            }
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(lease, "lease");
        }
    }

    private final String workerId;
    private final JobQueue queue;
    private final JobItemHandler handler;
    private final Settings settings;
    private final Map<Long, Thread> inHand = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final AtomicLong handled = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService heartbeat;
    private volatile boolean running;
    private volatile boolean abandoned;

    public JobWorker(String workerId, JobQueue queue, JobItemHandler handler, Settings settings) {
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public String workerId() {
        return workerId;
    }

    /** Items this worker finished (done or failed). */
    public long handled() {
        return handled.get();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        abandoned = false;
        for (int i = 0; i < settings.threads(); i++) {
            Thread t = new Thread(this::loop, "job-worker-" + workerId + "-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long renewMillis = Math.max(50, settings.lease().toMillis() / 3);
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-lease-" + workerId);
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::renewLeases, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
        LOG.infof("Job worker %s started with %d threads", workerId, settings.threads());
    }

    /** Looks at the queue now instead of at the next poll (after a job was created). */
    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    /**
     * Graceful stop: no new claims; items in hand may finish within {@code grace}; those still running then are
     * interrupted and given back to the queue for another worker.
     */
    public void stop(Duration grace) {
        List<Thread> toJoin;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            toJoin = List.copyOf(threads);
            threads.clear();
        }
        wake();
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread t : toJoin) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        heartbeat.shutdownNow();
        for (Map.Entry<Long, Thread> item : inHand.entrySet()) {
            item.getValue().interrupt();
            if (queue.release(item.getKey(), workerId, false, null, null)) {
                LOG.infof("Job worker %s gave back item %d at shutdown", workerId, item.getKey());
            }
        }
        LOG.infof("Job worker %s stopped", workerId);
    }

    /**
     * Stops as if the process died: threads are interrupted, nothing more is written, the leases of the items in
     * hand are left to expire. For tests of recovery.
     */
    public void abandon() {
        synchronized (this) {
            abandoned = true;
            running = false;
            threads.forEach(Thread::interrupt);
            threads.clear();
        }
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        wake();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    private void loop() {
        while (running) {
            Optional<JobQueue.ClaimedItem> claimed;
            try {
                claimed = queue.claim(workerId, settings.lease());
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Job worker %s cannot claim: %s", workerId, e.getMessage());
                pause();
                continue;
            }
            if (claimed.isEmpty()) {
                pause();
                continue;
            }
            work(claimed.get());
        }
    }

    private void work(JobQueue.ClaimedItem item) {
        if (item.attempt() > settings.maxAttempts()) {
            queue.fail(item.id(), workerId, "ABANDONED", "claimed " + (item.attempt() - 1)
                    + " times without finishing (its workers died or it kept failing)");
            handled.incrementAndGet();
            return;
        }
        inHand.put(item.id(), Thread.currentThread());
        try {
            JobItemHandler.Outcome outcome = handler.handle(item);
            if (!abandoned) {
                queue.complete(item.id(), workerId, outcome.documentId(), outcome.createdDocument());
                handled.incrementAndGet();
            }
        } catch (JobItemHandler.ItemFailedException e) {
            if (!abandoned) {
                queue.fail(item.id(), workerId, e.reason(), e.getMessage());
                handled.incrementAndGet();
            }
        } catch (Exception e) {
            if (abandoned || !running && Thread.currentThread().isInterrupted()) {
                return; // dead, or stopping: the item goes back (stop) or its lease runs out (abandon)
            }
            if (item.attempt() >= settings.maxAttempts()) {
                LOG.errorf(e, "Job item %d failed on its last attempt", item.id());
                queue.fail(item.id(), workerId, "ERROR", "failed " + item.attempt() + " times; last: " + e);
                handled.incrementAndGet();
            } else {
                LOG.warnf(e, "Job item %d failed on attempt %d; it will be retried", item.id(), item.attempt());
                queue.release(item.id(), workerId, true, "ERROR", String.valueOf(e));
            }
        } finally {
            inHand.remove(item.id());
        }
    }

    private void renewLeases() {
        for (Long id : inHand.keySet()) {
            try {
                queue.renew(id, workerId, settings.lease());
            } catch (RuntimeException e) {
                LOG.warnf("Job worker %s cannot renew the lease of item %d: %s", workerId, id, e.getMessage());
            }
        }
    }

    private void pause() {
        synchronized (signal) {
            if (!running) {
                return;
            }
            try {
                signal.wait(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = running && !abandoned;
            }
        }
    }
}
