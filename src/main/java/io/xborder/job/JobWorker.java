package io.xborder.job;

import io.xborder.http.DatabaseOutage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
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
 *
 * <p>The threads do not die of a failure: a claim or a write of an outcome that fails (the database is down) is
 * logged once per outage and tried again with back-off, the outcome of an item in hand included, until it is
 * written or the worker stops. A supervisor restarts a thread that ends anyway (an {@link Error}) and gives back
 * its item. Each thread beats at every turn of its loop; {@link #health()} tells a stalled pool.
 */
public final class JobWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobWorker.class);
    /** The longest wait between two tries of a claim or an outcome while the database is away. */
    private static final Duration MAX_LOOP_BACKOFF = Duration.ofSeconds(2);

    /**
     * @param threads items worked on at once
     * @param pollInterval wait between looks at an empty queue
     * @param lease how long a claim holds without renewal; an item is claimed again this long after its worker died
     * @param maxAttempts claims of one item before it is failed for good (transient errors, dead workers)
     * @param retryBackoff wait before an item that failed transiently is claimed again; doubles per attempt
     * @param maxRetryBackoff the longest such wait
     * @param stallAfter a pool none of whose threads beat for this long is stalled (readiness DOWN)
     */
    public record Settings(int threads, Duration pollInterval, Duration lease, int maxAttempts, Duration retryBackoff,
            Duration maxRetryBackoff, Duration stallAfter) {

        public Settings {
            if (threads < 1 || maxAttempts < 1) {
                throw new IllegalArgumentException("threads and maxAttempts must be positive");
            }
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(lease, "lease");
            Objects.requireNonNull(retryBackoff, "retryBackoff");
            Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff");
            Objects.requireNonNull(stallAfter, "stallAfter");
        }

        /** With a retry back-off of 1 s (at most 30 s) and a stall after 5 minutes. */
        public Settings(int threads, Duration pollInterval, Duration lease, int maxAttempts) {
            this(threads, pollInterval, lease, maxAttempts, Duration.ofSeconds(1), Duration.ofSeconds(30),
                    Duration.ofMinutes(5));
        }

        public Settings withRetryBackoff(Duration base, Duration max) {
            return new Settings(threads, pollInterval, lease, maxAttempts, base, max, stallAfter);
        }

        public Settings withStallAfter(Duration stall) {
            return new Settings(threads, pollInterval, lease, maxAttempts, retryBackoff, maxRetryBackoff, stall);
        }

        /** The wait before attempt {@code attempt + 1} of an item that failed transiently, with ±20 % jitter. */
        Duration retryDelay(int attempt) {
            long base = retryBackoff.toMillis();
            long delay = Math.min(maxRetryBackoff.toMillis(), base << Math.min(20, Math.max(0, attempt - 1)));
            long jitter = delay / 5;
            return Duration
                    .ofMillis(jitter == 0 ? delay : delay - jitter + ThreadLocalRandom.current().nextLong(2 * jitter));
        }
    }

    /**
     * The pool's state for readiness and metrics.
     *
     * @param threads threads the pool should have
     * @param alive threads alive now
     * @param heartbeatAge since the freshest beat of any thread
     * @param stalled whether the pool is stalled: no thread beat within stall-after, or the supervisor stopped
     */
    public record Health(int threads, int alive, Duration heartbeatAge, boolean stalled) {
    }

    /** A thread of the pool and what it does. */
    private final class Slot {

        final int index;
        volatile Thread thread;
        volatile long lastBeat = System.nanoTime();
        volatile JobQueue.ClaimedItem item;

        Slot(int index) {
            this.index = index;
        }

        void beat() {
            lastBeat = System.nanoTime();
        }

        void startThread() {
            Thread t = new Thread(() -> loop(this), "job-worker-" + workerId + "-" + index);
            t.setDaemon(true);
            thread = t;
            beat();
            t.start();
        }
    }

    private final String workerId;
    private final String instanceId;
    private final JobQueue queue;
    private final JobItemHandler handler;
    private final Settings settings;
    private final Map<Long, Thread> inHand = new ConcurrentHashMap<>();
    private final Object signal = new Object();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Outage outage;
    private final List<Slot> slots = new ArrayList<>();
    private ScheduledExecutorService heartbeat;
    private volatile long lastSupervised = System.nanoTime();
    private volatile boolean reclaimed;
    private volatile boolean running;
    private volatile boolean abandoned;

    /** A worker whose id proves nothing about earlier processes: what they held is taken over after its lease. */
    public JobWorker(String workerId, JobQueue queue, JobItemHandler handler, Settings settings) {
        this(workerId, null, queue, handler, settings);
    }

    private JobWorker(String workerId, String instanceId, JobQueue queue, JobItemHandler handler, Settings settings) {
        this.workerId = Objects.requireNonNull(workerId, "workerId");
        this.instanceId = instanceId;
        this.queue = Objects.requireNonNull(queue, "queue");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.outage = new Outage(workerId);
    }

    /**
     * A worker of a stable instance: its id is {@code <instanceId>#<random>}, and at start it gives back what earlier
     * processes of the same instance still held, instead of waiting for their leases. Only for an instance id that
     * no other live process uses (a pod name, an embedded database's data directory).
     */
    public static JobWorker forInstance(String instanceId, JobQueue queue, JobItemHandler handler, Settings settings) {
        if (instanceId == null || instanceId.isBlank() || instanceId.contains(JobQueue.INSTANCE_SEPARATOR)) {
            throw new IllegalArgumentException("instance id must be non-blank without '#': " + instanceId);
        }
        String id = instanceId + JobQueue.INSTANCE_SEPARATOR + UUID.randomUUID().toString().substring(0, 8);
        return new JobWorker(id, instanceId, queue, handler, settings);
    }

    public String workerId() {
        return workerId;
    }

    /** Items this worker finished (done or failed). */
    public long handled() {
        return handled.get();
    }

    /** Threads the supervisor started again after they ended. */
    public long restarts() {
        return restarts.get();
    }

    /** Claims and outcome writes that failed (and were tried again). */
    public long failures() {
        return failures.get();
    }

    public boolean isRunning() {
        return running;
    }

    /** The threads alive now. */
    public int aliveThreads() {
        int alive = 0;
        synchronized (this) {
            for (Slot s : slots) {
                Thread t = s.thread;
                alive += t != null && t.isAlive() ? 1 : 0;
            }
        }
        return alive;
    }

    public Health health() {
        long now = System.nanoTime();
        long freshest = Long.MAX_VALUE;
        synchronized (this) {
            for (Slot s : slots) {
                freshest = Math.min(freshest, now - s.lastBeat);
            }
        }
        Duration age = freshest == Long.MAX_VALUE ? Duration.ZERO : Duration.ofNanos(freshest);
        long superviseEvery = renewMillis();
        boolean supervisorLate = running && now - lastSupervised > TimeUnit.MILLISECONDS.toNanos(
                Math.max(10 * superviseEvery, settings.stallAfter().toMillis()));
        boolean stalled = running && (age.compareTo(settings.stallAfter()) > 0 || supervisorLate);
        return new Health(running ? settings.threads() : 0, aliveThreads(), age, stalled);
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        abandoned = false;
        reclaimed = instanceId == null;
        slots.clear();
        for (int i = 0; i < settings.threads(); i++) {
            Slot slot = new Slot(i);
            slots.add(slot);
            slot.startThread();
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-lease-" + workerId);
            t.setDaemon(true);
            return t;
        });
        long every = renewMillis();
        lastSupervised = System.nanoTime();
        heartbeat.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
        LOG.infof("Job worker %s started with %d threads", workerId, settings.threads());
    }

    private long renewMillis() {
        return Math.max(50, settings.lease().toMillis() / 3);
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
        List<Thread> toJoin = new ArrayList<>();
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            slots.forEach(s -> toJoin.add(s.thread));
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
            try {
                if (queue.release(item.getKey(), workerId, false, null, null)) {
                    LOG.infof("Job worker %s gave back item %d at shutdown", workerId, item.getKey());
                }
            } catch (RuntimeException e) {
                LOG.warnf("Job worker %s could not give back item %d at shutdown (%s); it is taken over after its "
                        + "lease", workerId, item.getKey(), DatabaseOutage.describe(e));
            }
        }
        synchronized (this) {
            slots.clear();
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
            slots.forEach(s -> s.thread.interrupt());
            slots.clear();
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

    private void loop(Slot slot) {
        Backoff backoff = new Backoff(settings.pollInterval());
        while (running) {
            slot.beat();
            try {
                Optional<JobQueue.ClaimedItem> claimed = queue.claim(workerId, settings.lease());
                outage.over();
                backoff.reset();
                if (claimed.isEmpty()) {
                    pause(settings.pollInterval());
                    continue;
                }
                work(slot, claimed.get());
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                failures.incrementAndGet();
                outage.failed("claim a job item", e);
                pause(backoff.next());
            }
        }
    }

    private void work(Slot slot, JobQueue.ClaimedItem item) {
        if (item.attempt() > settings.maxAttempts()) {
            record(slot, "fail an abandoned item", () -> queue.fail(item.id(), workerId, "ABANDONED", "claimed "
                    + (item.attempt() - 1) + " times without finishing (its workers died or it kept failing)"));
            handled.incrementAndGet();
            return;
        }
        inHand.put(item.id(), Thread.currentThread());
        slot.item = item;
        try {
            JobItemHandler.Outcome outcome = handler.handle(item);
            if (!abandoned && record(slot, "record a finished item",
                    () -> queue.complete(item.id(), workerId, outcome.documentId(), outcome.createdDocument()))) {
                handled.incrementAndGet();
            }
        } catch (JobItemHandler.ItemFailedException e) {
            if (!abandoned && record(slot, "record a failed item",
                    () -> queue.fail(item.id(), workerId, e.reason(), e.getMessage()))) {
                handled.incrementAndGet();
            }
        } catch (JobItemHandler.ItemDeferredException e) {
            retryLater(slot, item, e.reason(), e.getMessage(), e);
        } catch (Exception e) {
            if (abandoned || !running) {
                // dead, or stopping: stop() gives the item back uncounted, or its lease runs out (abandon). The
                // interrupt flag cannot tell: throwing InterruptedException clears it.
                return;
            }
            boolean database = DatabaseOutage.isCause(e);
            retryLater(slot, item, database ? "DATABASE_UNAVAILABLE" : "ERROR",
                    database ? DatabaseOutage.describe(e) : String.valueOf(e), e);
        } finally {
            inHand.remove(item.id());
            slot.item = null;
        }
    }

    /** A transient failure: the item is given back for a later attempt with back-off, or failed on its last. */
    private void retryLater(Slot slot, JobQueue.ClaimedItem item, String reason, String detail, Exception e) {
        if (abandoned) {
            return;
        }
        if (item.attempt() >= settings.maxAttempts()) {
            LOG.warnf("Job item %d failed on its last attempt (%d): %s %s", item.id(), item.attempt(), reason, detail);
            if (record(slot, "record a failed item", () -> queue.fail(item.id(), workerId, reason,
                    "failed " + item.attempt() + " times; last: " + detail))) {
                handled.incrementAndGet();
            }
            return;
        }
        Duration delay = settings.retryDelay(item.attempt());
        if ("ERROR".equals(reason)) {
            LOG.warnf(e, "Job item %d failed on attempt %d; retried in %d ms", item.id(), item.attempt(),
                    delay.toMillis());
        } else {
            LOG.debugf("Job item %d: %s on attempt %d; retried in %d ms", item.id(), reason, item.attempt(),
                    delay.toMillis());
        }
        record(slot, "give back an item", () -> queue.release(item.id(), workerId, true, reason, detail, delay));
    }

    /**
     * Writes an outcome, trying again with back-off while the database is away, until it is written or the worker
     * stops (then the item's lease runs out and it is claimed again; documents dedupe by content, so nothing is
     * stored twice). False when it was not written, or the claim was lost meanwhile.
     */
    private boolean record(Slot slot, String what, BooleanSupplier write) {
        Backoff backoff = new Backoff(Duration.ofMillis(100));
        while (true) {
            try {
                boolean written = write.getAsBoolean();
                outage.over();
                return written;
            } catch (RuntimeException e) {
                if (abandoned || !running) {
                    return false;
                }
                failures.incrementAndGet();
                outage.failed(what, e);
                slot.beat();
                sleep(backoff.next());
            }
        }
    }

    /** Runs every lease/3: renews the leases in hand, restarts dead threads, reclaims an earlier process's items. */
    private void tick() {
        try {
            lastSupervised = System.nanoTime();
            renewLeases();
            superviseThreads();
            if (!reclaimed) {
                int n = queue.reclaim(instanceId, workerId);
                reclaimed = true;
                if (n > 0) {
                    LOG.infof("Job worker %s gave back %d items that an earlier process of instance %s held",
                            workerId, n, instanceId);
                    wake();
                }
            }
        } catch (Throwable e) { // the scheduler runs no further ticks after one that throws
            LOG.debugf("Job worker %s: supervision tick failed: %s", workerId, e);
        }
    }

    private void renewLeases() {
        for (Long id : inHand.keySet()) {
            try {
                queue.renew(id, workerId, settings.lease());
            } catch (RuntimeException e) {
                outage.failed("renew a lease", e);
            }
        }
    }

    private void superviseThreads() {
        List<Slot> dead = new ArrayList<>();
        synchronized (this) {
            if (!running) {
                return;
            }
            for (Slot s : slots) {
                if (!s.thread.isAlive()) {
                    dead.add(s);
                }
            }
        }
        for (Slot s : dead) {
            JobQueue.ClaimedItem item = s.item;
            LOG.errorf("Job worker thread %s ended unexpectedly%s; starting it again", s.thread.getName(),
                    item == null ? "" : " holding item " + item.id());
            if (item != null) {
                inHand.remove(item.id());
                s.item = null;
                try {
                    queue.release(item.id(), workerId, true, "ERROR", "its worker thread ended unexpectedly",
                            settings.retryDelay(item.attempt()));
                } catch (RuntimeException e) {
                    outage.failed("give back the item of an ended thread", e); // its lease runs out
                }
            }
            synchronized (this) {
                if (running) {
                    s.startThread();
                    restarts.incrementAndGet();
                }
            }
        }
    }

    private void pause(Duration wait) {
        synchronized (signal) {
            if (!running) {
                return;
            }
            try {
                signal.wait(Math.max(1, wait.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = running && !abandoned;
            }
        }
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = running && !abandoned;
        }
    }

    /** Doubling waits from a start up to {@link #MAX_LOOP_BACKOFF}. */
    private static final class Backoff {

        private final long startMillis;
        private long next;

        Backoff(Duration start) {
            this.startMillis = Math.max(50, Math.min(start.toMillis(), MAX_LOOP_BACKOFF.toMillis()));
            this.next = startMillis;
        }

        Duration next() {
            long wait = next;
            next = Math.min(MAX_LOOP_BACKOFF.toMillis(), next * 2);
            return Duration.ofMillis(wait);
        }

        void reset() {
            next = startMillis;
        }
    }

    /** Logs a run of database failures once when it starts and once when it ends, not at every try. */
    private static final class Outage {

        private final String workerId;
        private volatile long since;
        private long count;

        Outage(String workerId) {
            this.workerId = workerId;
        }

        synchronized void failed(String what, RuntimeException e) {
            count++;
            if (since == 0) {
                since = System.nanoTime();
                LOG.warnf("Job worker %s cannot %s: %s; trying again with back-off until it works", workerId, what,
                        DatabaseOutage.describe(e));
            }
        }

        void over() {
            if (since == 0) { // the common case, without locking
                return;
            }
            synchronized (this) {
                if (since != 0) {
                    LOG.infof("Job worker %s works again after %d failed tries in %d ms", workerId, count,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
                    since = 0;
                    count = 0;
                }
            }
        }
    }
}
