package io.xborder.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.TestAbortedException;

/**
 * Renders the kustomize overlays in {@code deploy/} with kubectl (offline, no cluster) and checks
 * what a reviewer would check by hand: probes, resources, pod security, network policy, replicas
 * per overlay, the database per overlay, and the schema of every object.
 */
class ManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path RENDERED = Path.of("target", "deploy-rendered").toAbsolutePath();

    private static final Map<String, List<JsonNode>> overlays = new HashMap<>();
    /** Set when kubectl can be neither found nor installed (no npm): every test is skipped with it. */
    private static String skipReason;

    @BeforeAll
    static void render() throws IOException {
        Path kubectl;
        try {
            kubectl = OfflineTools.kubectl();
        } catch (TestAbortedException e) {
            // Surefire would report an aborted @BeforeAll as zero tests; skip each test visibly instead.
            skipReason = "no kubectl: " + e.getMessage();
            System.err.println("ManifestsTest skipped: " + skipReason);
            return;
        }
        Files.createDirectories(RENDERED);
        for (String name : List.of("base", "overlays/dev", "overlays/prod")) {
            OfflineTools.Run run = OfflineTools.run(Path.of("").toAbsolutePath(), 60,
                    kubectl.toString(), "kustomize", Path.of("deploy", name).toString());
            assertThat(run.exitCode()).as("kubectl kustomize deploy/%s:%n%s", name, run.output()).isZero();
            String key = name.replace("overlays/", "");
            Files.writeString(RENDERED.resolve(key + ".yaml"), run.output());
            List<JsonNode> objects = new ArrayList<>();
            try (var docs = YAML.readerFor(JsonNode.class).readValues(run.output())) {
                while (docs.hasNext()) {
                    JsonNode doc = (JsonNode) docs.next();
                    if (doc != null && doc.isObject()) {
                        objects.add(doc);
                    }
                }
            }
            overlays.put(key, objects);
        }
    }

    @BeforeEach
    void requireKubectl() {
        assumeTrue(skipReason == null, () -> skipReason);
    }

    // --- every overlay ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDeploymentProbesTheThreeHealthEndpoints(String overlay) {
        for (JsonNode container : appContainers(overlay)) {
            assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertThat(resolvePort(container, container.path(probe).at("/httpGet/port")))
                        .as("%s port", probe).isEqualTo(8080);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDeploymentRequestsAndLimitsCpuAndMemory(String overlay) {
        for (JsonNode container : appContainers(overlay)) {
            for (String path : List.of("/resources/requests/cpu", "/resources/requests/memory",
                    "/resources/limits/cpu", "/resources/limits/memory")) {
                assertThat(container.at(path).asText()).as(path).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDeploymentRunsAsNonRootWithAReadOnlyRootAndNoCapabilities(String overlay) {
        for (JsonNode deployment : ofKind(overlay, "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            for (JsonNode container : pod.path("containers")) {
                JsonNode sc = container.path("securityContext");
                assertThat(sc.path("runAsNonRoot").asBoolean()).as("runAsNonRoot").isTrue();
                assertThat(sc.path("runAsUser").asInt()).as("runAsUser").isEqualTo(185);
                assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).isTrue();
                assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).as("allowPrivilegeEscalation").isFalse();
                assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).as("readOnlyRootFilesystem").isTrue();
                assertThat(texts(sc.at("/capabilities/drop"))).as("capabilities.drop").contains("ALL");
                assertThat(sc.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyPodTemplateRunsAsNonRoot(String overlay) {
        List<JsonNode> workloads = new ArrayList<>(ofKind(overlay, "Deployment"));
        workloads.addAll(ofKind(overlay, "StatefulSet"));
        for (JsonNode workload : workloads) {
            JsonNode pod = workload.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean())
                    .as("%s runAsNonRoot", name(workload)).isTrue();
            assertThat(pod.path("automountServiceAccountToken").isBoolean()).isTrue();
            assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void everyDeploymentWritesTempFilesToAnEmptyDirAtTmp(String overlay) {
        for (JsonNode deployment : ofKind(overlay, "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            Set<String> emptyDirs = new HashSet<>();
            for (JsonNode volume : pod.path("volumes")) {
                if (volume.has("emptyDir")) {
                    emptyDirs.add(volume.path("name").asText());
                }
            }
            for (JsonNode container : pod.path("containers")) {
                assertThat(container.path("volumeMounts")).as("mounts of %s", name(deployment))
                        .anySatisfy(mount -> {
                            assertThat(mount.path("mountPath").asText()).isEqualTo("/tmp");
                            assertThat(emptyDirs).contains(mount.path("name").asText());
                        });
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theServiceAccountTokenIsNeverMounted(String overlay) {
        for (JsonNode deployment : ofKind(overlay, "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.path("automountServiceAccountToken").isBoolean()).isTrue();
            assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();
            String account = pod.path("serviceAccountName").asText();
            assertThat(ofKind(overlay, "ServiceAccount")).filteredOn(sa -> name(sa).equals(account))
                    .singleElement()
                    .satisfies(sa -> assertThat(sa.path("automountServiceAccountToken").asBoolean(true)).isFalse());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void podsDrainBeforeTheyStop(String overlay) {
        for (JsonNode deployment : ofKind(overlay, "Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            int grace = pod.path("terminationGracePeriodSeconds").asInt();
            assertThat(grace).isGreaterThanOrEqualTo(30);
            for (JsonNode container : pod.path("containers")) {
                JsonNode preStop = container.at("/lifecycle/preStop");
                assertThat(preStop.isMissingNode()).as("preStop of %s", name(deployment)).isFalse();
                List<String> command = texts(preStop.at("/exec/command"));
                assertThat(command).hasSize(2).first().isEqualTo("sleep");
                int sleep = Integer.parseInt(command.get(1));
                // Quarkus' graceful shutdown must end before the kubelet sends SIGKILL.
                String shutdown = configMapValue(overlay, "QUARKUS_SHUTDOWN_TIMEOUT");
                assertThat(shutdown).matches("\\d+s");
                assertThat(sleep + Integer.parseInt(shutdown.replace("s", ""))).isLessThan(grace);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void databaseCredentialsComeFromTheXborderDbSecretAndSettingsFromAConfigMap(String overlay) {
        for (JsonNode container : appContainers(overlay)) {
            Map<String, JsonNode> env = new HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
            assertThat(env.get("DB_USER").at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("username");
            assertThat(env.get("DB_PASSWORD").at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("password");
            for (String var : List.of("DB_USER", "DB_PASSWORD")) {
                // dev's generated Secret carries a content hash suffix
                assertThat(env.get(var).at("/valueFrom/secretKeyRef/name").asText()).startsWith("xborder-db");
                assertThat(env.get(var).has("value")).as("%s as a literal", var).isFalse();
            }
            String configMap = container.at("/envFrom/0/configMapRef/name").asText();
            assertThat(ofKind(overlay, "ConfigMap")).filteredOn(cm -> name(cm).equals(configMap))
                    .singleElement()
                    .satisfies(cm -> assertThat(cm.at("/data/DB_URL").asText()).startsWith("jdbc:postgresql://"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void networkPolicyAdmitsTheIngressControllerAndReachesOnlyDatabaseDnsAndHttps(String overlay) {
        JsonNode policy = ofKind(overlay, "NetworkPolicy").stream().filter(p -> name(p).equals("xborder"))
                .findFirst().orElseThrow(() -> new AssertionError("no NetworkPolicy xborder in " + overlay));
        assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("xborder");
        assertThat(texts(policy.at("/spec/policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");

        JsonNode ingress = policy.at("/spec/ingress");
        assertThat(ingress).isNotEmpty();
        for (JsonNode rule : ingress) {
            assertThat(ports(rule)).containsExactly("TCP/8080");
            assertThat(rule.path("from")).isNotEmpty().allSatisfy(peer -> {
                assertThat(peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                        .isEqualTo("ingress-nginx");
                assertThat(peer.has("ipBlock")).isFalse();
            });
        }

        Set<String> egressPorts = new HashSet<>();
        for (JsonNode rule : policy.at("/spec/egress")) {
            // a rule without ports would open every port
            assertThat(ports(rule)).as("egress rule %s", rule).isNotEmpty();
            egressPorts.addAll(ports(rule));
            if (ports(rule).contains("TCP/5432")) {
                assertThat(rule.path("to")).isNotEmpty().allSatisfy(peer -> assertThat(
                        peer.at("/podSelector/matchLabels/app.kubernetes.io~1component").asText())
                        .isEqualTo("database"));
            }
        }
        assertThat(egressPorts).containsExactlyInAnyOrder("TCP/5432", "UDP/53", "TCP/53", "TCP/443");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "prod" })
    void theAppIsReachableOnlyOnPort8080(String overlay) {
        for (JsonNode policy : ofKind(overlay, "NetworkPolicy")) {
            if (policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText().equals("xborder")) {
                for (JsonNode rule : policy.at("/spec/ingress")) {
                    assertThat(ports(rule)).as("ingress of %s", name(policy)).containsExactly("TCP/8080");
                }
            }
        }
    }

    @Test
    void theBaseHoldsNoSecret() {
        assertThat(ofKind("base", "Secret")).isEmpty();
        assertThat(ofKind("base", "Deployment")).singleElement();
        for (String kind : List.of("Service", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget",
                "NetworkPolicy", "Ingress", "ServiceAccount")) {
            assertThat(ofKind("base", kind)).as(kind).isNotEmpty();
        }
        assertThat(ofKind("base", "HorizontalPodAutoscaler").get(0).get("apiVersion").asText())
                .isEqualTo("autoscaling/v2");
    }

    // --- dev -------------------------------------------------------------------------------------

    @Test
    void devRunsOneReplicaWithItsOwnPostgres() {
        assertThat(ofKind("dev", "Deployment")).singleElement()
                .satisfies(d -> assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1));
        assertThat(ofKind("dev", "HorizontalPodAutoscaler")).as("no autoscaling in dev").isEmpty();

        JsonNode postgres = ofKind("dev", "StatefulSet").stream().filter(s -> name(s).equals("postgres"))
                .findFirst().orElseThrow(() -> new AssertionError("no postgres StatefulSet in dev"));
        assertThat(postgres.at("/spec/template/metadata/labels/app.kubernetes.io~1component").asText())
                .isEqualTo("database");
        assertThat(ofKind("dev", "Service")).extracting(ManifestsTest::name).contains("postgres");
        assertThat(configMapValue("dev", "DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/xborder");
        assertThat(ofKind("dev", "Secret")).singleElement()
                .satisfies(s -> assertThat(name(s)).startsWith("xborder-db-"));
        assertThat(ofKind("dev", "NetworkPolicy")).anySatisfy(p -> {
            assertThat(p.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText()).isEqualTo("postgres");
            assertThat(p.at("/spec/ingress/0/from/0/podSelector/matchLabels/app.kubernetes.io~1name").asText())
                    .isEqualTo("xborder");
            assertThat(ports(p.at("/spec/ingress/0"))).containsExactly("TCP/5432");
        });
    }

    // --- prod ------------------------------------------------------------------------------------

    @Test
    void prodRunsAtLeastThreeReplicasSpreadOverNodes() {
        JsonNode deployment = ofKind("prod", "Deployment").get(0);
        assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(ofKind("prod", "HorizontalPodAutoscaler")).singleElement().satisfies(hpa -> {
            assertThat(hpa.at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
        });
        JsonNode preferred = deployment.at(
                "/spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution");
        assertThat(preferred).isNotEmpty().anySatisfy(term -> {
            assertThat(term.at("/podAffinityTerm/topologyKey").asText()).isEqualTo("kubernetes.io/hostname");
            assertThat(term.at("/podAffinityTerm/labelSelector/matchLabels/app.kubernetes.io~1name").asText())
                    .isEqualTo("xborder");
        });
    }

    @Test
    void prodUsesACloudNativePgClusterThroughItsReadWriteService() {
        JsonNode cluster = ofKind("prod", "Cluster").stream().findFirst()
                .orElseThrow(() -> new AssertionError("no CloudNativePG Cluster in prod"));
        assertThat(cluster.get("apiVersion").asText()).isEqualTo("postgresql.cnpg.io/v1");
        assertThat(cluster.at("/spec/instances").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(cluster.at("/spec/storage/size").asText()).matches("\\d+(Mi|Gi|Ti)");
        assertThat(cluster.at("/spec/bootstrap/initdb/database").asText()).isEqualTo("xborder");
        assertThat(cluster.at("/spec/bootstrap/initdb/owner").asText()).isEqualTo("xborder");
        assertThat(cluster.at("/spec/bootstrap/initdb/secret/name").asText()).isEqualTo("xborder-db");
        assertThat(cluster.at("/spec/inheritedMetadata/labels/app.kubernetes.io~1component").asText())
                .as("label the NetworkPolicy's database egress rule selects").isEqualTo("database");
        assertThat(configMapValue("prod", "DB_URL"))
                .isEqualTo("jdbc:postgresql://" + name(cluster) + "-rw:5432/xborder");
        assertThat(ofKind("prod", "StatefulSet")).as("no hand-made database in prod").isEmpty();
        assertThat(ofKind("prod", "Secret")).as("the Secret is created out of band").isEmpty();
    }

    @Test
    void prodAtItsMostReplicasFitsTheDatabaseAndScalesOnAMeaningfulShareOfACore() {
        JsonNode hpa = ofKind("prod", "HorizontalPodAutoscaler").get(0);
        int maxReplicas = hpa.at("/spec/maxReplicas").asInt();
        int pool = Integer.parseInt(configMapValue("prod", "DB_POOL_MAX"));
        JsonNode cluster = ofKind("prod", "Cluster").get(0);
        int maxConnections = Integer.parseInt(cluster.at("/spec/postgresql/parameters/max_connections").asText());
        assertThat(maxReplicas * pool).as("connections of %d replicas with pools of %d, and 20 for the operator "
                + "and humans", maxReplicas, pool).isLessThanOrEqualTo(maxConnections - 20);
        // the HPA's utilization is of the request; below one core a replica counts as busy while mostly idle
        // (performance.md, Capacity)
        assertThat(appContainers("prod")).allSatisfy(container -> assertThat(
                millicores(container.at("/resources/requests/cpu").asText())).as("CPU request (millicores)")
                .isGreaterThanOrEqualTo(1000));
    }

    private static int millicores(String quantity) {
        return quantity.endsWith("m")
                ? Integer.parseInt(quantity.substring(0, quantity.length() - 1))
                : (int) Math.round(Double.parseDouble(quantity) * 1000);
    }

    @Test
    void prodIsScrapedByPrometheusAndLogsJson() {
        JsonNode monitor = ofKind("prod", "ServiceMonitor").stream().findFirst()
                .orElseThrow(() -> new AssertionError("no ServiceMonitor in prod"));
        assertThat(monitor.get("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        String port = monitor.at("/spec/endpoints/0/port").asText();
        JsonNode service = ofKind("prod", "Service").stream().filter(s -> name(s).equals("xborder")).findFirst()
                .orElseThrow();
        monitor.at("/spec/selector/matchLabels").fields().forEachRemaining(label -> assertThat(
                service.at("/metadata/labels").path(label.getKey()).asText()).isEqualTo(label.getValue().asText()));
        assertThat(texts(service.at("/spec/ports"), "name")).contains(port);
        assertThat(configMapValue("prod", "XBORDER_JSON_LOGS")).isEqualTo("true");
    }

    // --- schemas ---------------------------------------------------------------------------------

    @Test
    void everyObjectMatchesItsKubernetesSchema() throws IOException {
        Path node = OfflineTools.requireOnPath("node");
        Path modules = OfflineTools.schemaPackages();
        Path script = modules.resolve("validate.mjs");
        Files.copy(Path.of("src", "test", "resources", "deploy", "validate.mjs"), script,
                StandardCopyOption.REPLACE_EXISTING);
        OfflineTools.Run run = OfflineTools.run(RENDERED, 120, node.toString(), script.toString(),
                "dev.yaml", "prod.yaml");
        System.out.println(run.output());
        assertThat(run.exitCode()).as("validate.mjs:%n%s", run.output()).isZero();
        // Only the CloudNativePG Cluster has no published model.
        assertThat(run.output()).contains("0 invalid, 0 errors, 1 without a model");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static List<JsonNode> ofKind(String overlay, String kind) {
        return overlays.get(overlay).stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private static List<JsonNode> appContainers(String overlay) {
        List<JsonNode> deployments = ofKind(overlay, "Deployment");
        assertThat(deployments).as("Deployments in %s", overlay).isNotEmpty();
        List<JsonNode> containers = new ArrayList<>();
        deployments.forEach(d -> d.at("/spec/template/spec/containers").forEach(containers::add));
        return containers;
    }

    private static String configMapValue(String overlay, String key) {
        return ofKind(overlay, "ConfigMap").stream().filter(cm -> cm.at("/data").has(key))
                .map(cm -> cm.at("/data").get(key).asText()).findFirst()
                .orElseThrow(() -> new AssertionError("no ConfigMap with " + key + " in " + overlay));
    }

    private static int resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return port.asInt();
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + port);
    }

    private static Set<String> ports(JsonNode rule) {
        Set<String> ports = new HashSet<>();
        rule.path("ports").forEach(p -> ports.add(p.path("protocol").asText("TCP") + "/" + p.path("port").asText()));
        return ports;
    }

    private static String name(JsonNode object) {
        return object.at("/metadata/name").asText();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }
}
