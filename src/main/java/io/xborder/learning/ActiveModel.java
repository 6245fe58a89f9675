package io.xborder.learning;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.xborder.analysis.AnalysisService;
import io.xborder.classify.model.Model;
import io.xborder.security.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Which model this replica classifies with: the active model version in PostgreSQL. Right after start, on the poller's
 * thread (not on the start's path: reading the rules and the model is a sixth of the start's Java time), the rules and
 * the shipped model are loaded, the shipped model is registered (once for all replicas: an advisory lock serialises
 * them; the first shipped model is version 1) and made active when no trained version is, and the active version is
 * put in use; only then do classifying calls go on ({@link AnalysisService#ready()}). Then every poll interval (and
 * before a reclassification) this replica looks which version is active and switches to it without a restart.
 */
@ApplicationScoped
public class ActiveModel {

    private static final Logger LOG = Logger.getLogger(ActiveModel.class);
    private static final int CACHED = 3;

    private final ModelVersions versions;
    private final AnalysisService analysis;
    private final AuditLog audit;
    private final LearningConfig config;
    private final ObjectMapper json;
    private volatile Model shipped;
    private byte[] shippedBytes;
    private final Map<Long, Model> loaded = new LinkedHashMap<>(4, 0.75f, true) {

        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Model> eldest) {
            return size() > CACHED;
        }
    };
    private volatile long current = -1;
    private volatile boolean outage;
    private volatile boolean started;
    private final CountDownLatch startDone = new CountDownLatch(1);
    private ScheduledExecutorService poller;

    public ActiveModel(ModelVersions versions, AnalysisService analysis, AuditLog audit, LearningConfig config,
            ObjectMapper json) {
        this.versions = versions;
        this.analysis = analysis;
        this.audit = audit;
        this.config = config;
        this.json = json;
    }

    void start(@Observes StartupEvent event) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-version-poll");
            t.setDaemon(true);
            return t;
        });
        poller.execute(this::startUp);
        long every = config.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Loads the classifier, registers the shipped model and puts the active version in use. When the database fails
     * here, the replica classifies with the shipped model and each poll tries again.
     */
    void startUp() {
        try {
            load();
        } catch (RuntimeException | Error e) {
            LOG.error("The classifier could not be loaded; readiness is DOWN", e);
            analysis.failed(e);
            startDone.countDown();
            return;
        }
        try {
            registerAndRefresh();
        } catch (RuntimeException e) {
            LOG.warnf("Cannot register the shipped model or look which version is active (tried again every %s): %s",
                    config.pollInterval(), e.getMessage());
            outage = true;
        } finally {
            analysis.ready();
            startDone.countDown();
        }
    }

    private void load() {
        shipped = analysis.load().classifier().model();
        try (InputStream in = ActiveModel.class.getClassLoader().getResourceAsStream(Model.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + Model.RESOURCE + " on the class path");
            }
            shippedBytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void registerAndRefresh() {
        register();
        analysis.onRefresh(this::refresh);
        refresh();
        started = true;
    }

    /** Waits until the start's work is done (the shipped model registered, the active version in use, or a failure). */
    public void awaitStart() {
        try {
            startDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the classifier loads", e);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    /** The id of the version this replica classifies with now (-1 before the first look). */
    public long current() {
        return current;
    }

    /** The shipped model of this build. */
    Model shipped() {
        return shipped;
    }

    /** Registers this build's model as a SHIPPED version unless it is; activates it when no trained one is active. */
    void register() {
        String rules = analysis.load().classifier().rules().version();
        QuarkusTransaction.requiringNew().run(() -> {
            versions.lockRegistration();
            if (versions.shipped(shipped.version()).isPresent()) {
                return;
            }
            Optional<ModelVersions.Row> active = versions.active();
            Object passages = shipped.training().get("passages");
            long id = versions.insertShipped(shipped.version(), rules, shippedBytes,
                    passages instanceof Number n ? n.intValue() : 0, json.valueToTree(shipped.training()), "READY");
            audit.record(AuditLog.SYSTEM, "model.registered", "model_version", id, null,
                    Map.of("kind", "SHIPPED", "modelVersion", shipped.version(), "rulesVersion", rules));
            if (active.isEmpty() || "SHIPPED".equals(active.get().kind())) {
                Long from = active.map(ModelVersions.Row::id).orElse(null);
                versions.switchActive(from, id, "SHIPPED", AuditLog.SYSTEM, false, null);
                Map<String, Object> before = new LinkedHashMap<>();
                before.put("activeVersion", from);
                audit.record(AuditLog.SYSTEM, "model.activated", "model_version", id, before,
                        Map.of("activeVersion", id, "reason", "the shipped model of this build"));
            }
        });
    }

    /** Switches this replica to the active version if it is another one. */
    public synchronized void refresh() {
        Optional<ModelVersions.Row> active = versions.active();
        if (active.isEmpty() || active.get().id() == current) {
            return;
        }
        ModelVersions.Row row = active.get();
        Model model = model(row);
        analysis.use(model);
        LOG.infof("Classifying with model version %d (%s)", row.id(), model.version());
        current = row.id();
    }

    /** The model of a version: the shipped one from the class path, another from the database (kept a while). */
    synchronized Model model(ModelVersions.Row row) {
        if ("SHIPPED".equals(row.kind()) && shipped.version().equals(row.modelVersion())) {
            return shipped;
        }
        Model cached = loaded.get(row.id());
        if (cached != null) {
            return cached;
        }
        byte[] bytes = versions.model(row.id())
                .orElseThrow(() -> new IllegalStateException("model version " + row.id() + " has no model"));
        try {
            Model model = Model.read(new ByteArrayInputStream(bytes));
            loaded.put(row.id(), model);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException("model version " + row.id() + " is unreadable", e);
        }
    }

    private void refreshQuietly() {
        if (startDone.getCount() > 0 || shipped == null) {
            return; // still starting, or the classifier could not be loaded
        }
        try {
            if (started) {
                refresh();
            } else {
                registerAndRefresh();
            }
            if (outage) {
                LOG.info("Model version poll works again");
                outage = false;
            }
        } catch (RuntimeException e) {
            if (!outage) {
                LOG.warnf("Cannot look which model version is active (tried again every %s): %s",
                        config.pollInterval(), e.getMessage());
                outage = true;
            }
        }
    }
}
