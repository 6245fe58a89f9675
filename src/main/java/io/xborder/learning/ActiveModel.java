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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Which model this replica classifies with: the active model version in PostgreSQL. At start the shipped model is
 * registered (once for all replicas: an advisory lock serialises them; the first shipped model is version 1) and
 * made active when no trained version is; then every poll interval (and before a reclassification) this replica
 * looks which version is active and switches to it without a restart.
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
    private final Model shipped;
    private final byte[] shippedBytes;
    private final Map<Long, Model> loaded = new LinkedHashMap<>(4, 0.75f, true) {

        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Model> eldest) {
            return size() > CACHED;
        }
    };
    private volatile long current = -1;
    private volatile boolean outage;
    private ScheduledExecutorService poller;

    public ActiveModel(ModelVersions versions, AnalysisService analysis, AuditLog audit, LearningConfig config,
            ObjectMapper json) {
        this.versions = versions;
        this.analysis = analysis;
        this.audit = audit;
        this.config = config;
        this.json = json;
        this.shipped = analysis.analyzer().classifier().model();
        try (InputStream in = ActiveModel.class.getClassLoader().getResourceAsStream(Model.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + Model.RESOURCE + " on the class path");
            }
            this.shippedBytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start(@Observes StartupEvent event) {
        register();
        analysis.onRefresh(this::refresh);
        refresh();
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "model-version-poll");
            t.setDaemon(true);
            return t;
        });
        long every = config.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::refreshQuietly, every, every, TimeUnit.MILLISECONDS);
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
        String rules = analysis.analyzer().classifier().rules().version();
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
        try {
            refresh();
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
