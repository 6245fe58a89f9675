package io.xborder.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The Dockerfiles and the compose file cannot be built here (no Docker daemon), so this test reads
 * them and checks the essentials a review would: pinned base images, a non-root runtime, a health
 * check, no baked-in secrets, a tight build context, and a compose file that takes its secrets
 * from the environment.
 */
class DockerfilesTest {

    private static final Path DOCKER = Path.of("docker");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|CREDENTIAL).*");
    /** A required variable reference ({@code ${X}} or {@code ${X:?message}}), no default value. */
    private static final Pattern REQUIRED_REFERENCE = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}");

    /** One instruction of a Dockerfile, continuation lines joined, comments dropped. */
    record Instruction(String keyword, String args) {
    }

    static Stream<Path> dockerfiles() {
        return Stream.of("Dockerfile.jvm", "Dockerfile.jvm-aot", "Dockerfile.native").map(DOCKER::resolve)
                .filter(Files::exists);
    }

    @Test
    void theJvmDockerfileExists() {
        assertThat(DOCKER.resolve("Dockerfile.jvm")).isRegularFile();
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void everyBaseImageIsPinned(Path dockerfile) throws IOException {
        List<Instruction> instructions = parse(dockerfile);
        Set<String> stages = new HashSet<>();
        List<Instruction> froms = instructions.stream().filter(i -> i.keyword().equals("FROM")).toList();
        assertThat(froms).isNotEmpty();
        for (Instruction from : froms) {
            List<String> words = new ArrayList<>(List.of(from.args().split("\\s+")));
            words.removeIf(w -> w.startsWith("--"));
            String image = words.get(0);
            if (words.size() >= 3 && words.get(1).equalsIgnoreCase("AS")) {
                stages.add(words.get(2));
            }
            if (stages.contains(image) && !words.get(words.size() - 1).equals(image)) {
                continue; // FROM <earlier stage>
            }
            assertThat(image).as("FROM %s: no variables", image).doesNotContain("$");
            if (image.contains("@sha256:")) {
                continue;
            }
            String lastSegment = image.substring(image.lastIndexOf('/') + 1);
            assertThat(lastSegment).as("FROM %s has a tag", image).contains(":");
            String tag = lastSegment.substring(lastSegment.indexOf(':') + 1);
            assertThat(tag).as("FROM %s", image).isNotBlank().isNotEqualToIgnoringCase("latest");
        }
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void theRuntimeStageRunsAsANonRootUser(Path dockerfile) throws IOException {
        List<Instruction> runtime = runtimeStage(parse(dockerfile));
        List<String> users = runtime.stream().filter(i -> i.keyword().equals("USER")).map(Instruction::args).toList();
        assertThat(users).as("USER in the runtime stage").isNotEmpty();
        String last = users.get(users.size() - 1).split(":")[0];
        assertThat(last).isNotIn("root", "0");
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void theRuntimeStageExposes8080AndChecksLiveness(Path dockerfile) throws IOException {
        List<Instruction> runtime = runtimeStage(parse(dockerfile));
        assertThat(runtime).anySatisfy(i -> {
            assertThat(i.keyword()).isEqualTo("EXPOSE");
            assertThat(i.args().split("\\s+")).contains("8080");
        });
        List<Instruction> healthchecks = runtime.stream().filter(i -> i.keyword().equals("HEALTHCHECK")).toList();
        if (healthchecks.isEmpty() || healthchecks.get(0).args().trim().equalsIgnoreCase("NONE")) {
            // Allowed when the file says why: Kubernetes probes instead.
            assertThat(Files.readString(dockerfile)).as("HEALTHCHECK or a documented reason")
                    .containsIgnoringCase("probe");
        } else {
            assertThat(healthchecks.get(healthchecks.size() - 1).args()).contains("/q/health/");
        }
    }

    @ParameterizedTest
    @MethodSource("dockerfiles")
    void noSecretIsBakedIntoTheImage(Path dockerfile) throws IOException {
        for (Instruction i : parse(dockerfile)) {
            if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
                envPairs(i.args()).forEach((key, value) -> {
                    if (SECRET_NAME.matcher(key).matches()) {
                        assertThat(value).as("%s %s must not carry a value", i.keyword(), key).isEmpty();
                    }
                });
            }
        }
    }

    @Test
    void theJvmImageHasTheFastJarLayoutAndNoDemoData() throws IOException {
        List<Instruction> runtime = runtimeStage(parse(DOCKER.resolve("Dockerfile.jvm")));
        List<String> copies = runtime.stream().filter(i -> i.keyword().equals("COPY")).map(Instruction::args).toList();
        for (String part : List.of("quarkus-app/lib/", "quarkus-app/*.jar", "quarkus-app/app/",
                "quarkus-app/quarkus/")) {
            assertThat(copies).as("COPY of %s", part)
                    .anySatisfy(c -> assertThat(c).contains(part).contains("--chown=185"));
        }
        Map<String, String> env = environment(runtime);
        assertThat(env).containsEntry("XBORDER_DEMO", "false");
        assertThat(env.get("JAVA_OPTS_APPEND")).contains("-Dquarkus.http.host=0.0.0.0");
    }

    @Test
    void theHeapLeavesRoomInThePodsMemoryLimitAndTheBenchmarkMeasuresTheSameSizing() throws IOException {
        Map<String, String> env = environment(runtimeStage(parse(DOCKER.resolve("Dockerfile.jvm"))));
        int heapPercent = Integer.parseInt(env.getOrDefault("JAVA_MAX_MEM_RATIO", "80"));
        Matcher limit = Pattern.compile("limits:\\s+cpu: \"?\\w+\"?\\s+memory: (\\d+)Mi")
                .matcher(Files.readString(Path.of("deploy/base/deployment.yaml")));
        assertThat(limit.find()).as("memory limit in deploy/base/deployment.yaml").isTrue();
        int limitMiB = Integer.parseInt(limit.group(1));
        // metaspace, code cache, thread stacks, direct buffers and GC structures take ~150 MiB beside the heap
        assertThat(limitMiB * (100 - heapPercent) / 100).as("MiB left beside a full heap").isGreaterThanOrEqualTo(300);
        assertThat(Files.readString(Path.of("pom.xml")))
                .as("the benchmark suite sizes the service JVM as its container")
                .contains("<bench.jvmArgs>-XX:MaxRAM=" + limitMiB + "m -XX:MaxRAMPercentage=" + heapPercent
                        + "</bench.jvmArgs>");
    }

    @Test
    void theBuildStageCachesDependenciesAndCopiesEverySourceFolderThePomUses() throws IOException {
        List<Instruction> all = parse(DOCKER.resolve("Dockerfile.jvm"));
        List<Instruction> build = all.subList(0, all.indexOf(runtimeStage(all).get(0)));
        int pom = indexOf(build, "COPY", "pom.xml");
        int resolve = indexOf(build, "RUN", "mvn");
        int sources = indexOf(build, "COPY", "src");
        assertThat(pom).as("COPY pom.xml, resolve, then COPY src").isLessThan(resolve);
        assertThat(resolve).isLessThan(sources);
        assertThat(build).anySatisfy(i -> assertThat(i.args()).contains("mvn").contains("package"));

        // Resource folders outside src/ (e.g. migrations/) must reach the build stage too.
        Matcher dirs = Pattern.compile("<directory>(?:\\$\\{project\\.basedir}/)?([^<$/]+)").matcher(
                Files.readString(Path.of("pom.xml")));
        while (dirs.find()) {
            String dir = dirs.group(1);
            if (!dir.equals("src") && !dir.equals("target")) {
                assertThat(indexOf(build, "COPY", dir)).as("COPY of %s/ in the build stage", dir).isNotNegative();
            }
        }
    }

    @Test
    void theImageLeavesTheEmbeddedDatabaseOutAndTheLocalBuildKeepsIt() throws Exception {
        List<Instruction> all = parse(DOCKER.resolve("Dockerfile.jvm"));
        List<Instruction> build = all.subList(0, all.indexOf(runtimeStage(all).get(0)));
        assertThat(build).as("the image's mvn package turns the embedded-db profile off")
                .anySatisfy(i -> assertThat(i.args()).contains("mvn").contains("package")
                        .contains("-Dembedded-db=false"));

        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        String zonky = "dependency[groupId='io.zonky.test' or groupId='io.zonky.test.postgres']";
        NodeList everywhere = (NodeList) xpath.evaluate("/project/dependencies/" + zonky, pom, XPathConstants.NODESET);
        assertThat(everywhere.getLength()).as("zonky dependencies of the project").isEqualTo(2);
        for (int i = 0; i < everywhere.getLength(); i++) {
            assertThat(xpath.evaluate("scope", everywhere.item(i))).as("compiled and tested against, not packaged")
                    .isEqualTo("provided");
        }
        String profile = "/project/profiles/profile[id='embedded-db']";
        assertThat(xpath.evaluate(profile + "/activation/property/name", pom)).isEqualTo("embedded-db");
        assertThat(xpath.evaluate(profile + "/activation/property/value", pom))
                .as("active unless -Dembedded-db=false: the one-command run packages it").isEqualTo("!false");
        NodeList packaged = (NodeList) xpath.evaluate(profile + "/dependencies/" + zonky, pom,
                XPathConstants.NODESET);
        assertThat(packaged.getLength()).isEqualTo(2);
        for (int i = 0; i < packaged.getLength(); i++) {
            assertThat(xpath.evaluate("scope", packaged.item(i))).isEqualTo("compile");
        }
    }

    @Test
    void theAotImageRunsTheCacheItsTrainingStageMadeOnTheSameRuntimeWithTheSameOptions() throws IOException {
        List<Instruction> all = parse(DOCKER.resolve("Dockerfile.jvm-aot"));
        List<Instruction> froms = all.stream().filter(i -> i.keyword().equals("FROM")).toList();
        assertThat(froms).hasSize(3);
        String trainImage = froms.get(1).args().split("\\s+")[0];
        String runtimeImage = froms.get(2).args().split("\\s+")[0];
        assertThat(froms.get(1).args()).endsWith("AS train");
        assertThat(runtimeImage).as("the cache belongs to one JDK build").isEqualTo(trainImage).contains(":25");

        List<Instruction> build = all.subList(0, all.indexOf(froms.get(1)));
        assertThat(build).anySatisfy(i -> assertThat(i.args()).contains("mvn").contains("package")
                .contains("-Dembedded-db=false").contains("-Dquarkus.package.jar.type=aot-jar"));
        List<Instruction> train = all.subList(all.indexOf(froms.get(1)), all.indexOf(froms.get(2)));
        assertThat(train)
                .anySatisfy(i -> assertThat(i.args()).contains("train-aot.sh /deployments /deployments/app.aot"));
        List<Instruction> runtime = runtimeStage(all);
        assertThat(environment(train).get("JAVA_OPTS")).as("the training start's options are the runtime's")
                .isNotBlank().isEqualTo(environment(runtime).get("JAVA_OPTS"));
        assertThat(runtime).anySatisfy(i -> {
            assertThat(i.keyword()).isEqualTo("COPY");
            assertThat(i.args()).contains("--from=train").contains("/deployments/");
        });
        Instruction entrypoint = runtime.stream().filter(i -> i.keyword().equals("ENTRYPOINT")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(entrypoint.args()).contains("$JAVA_OPTS").contains("-XX:AOTCache=/deployments/app.aot")
                .contains("-jar /deployments/quarkus-run.jar");
        assertThat(environment(runtime)).containsEntry("XBORDER_DEMO", "false");

        List<String> ignore = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::trim).toList();
        assertThat(ignore).as("the training script reaches the build context although docker/ does not")
                .containsSubsequence("docker/", "!docker/train-aot.sh");
    }

    @Test
    void theTrainingScriptRunsWithoutDockerAndSaysWhatIsMissing(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        assertThat(train(dir, Map.of(), dir.resolve("none").toString()))
                .contains("no " + dir.resolve("none") + "/quarkus-run.jar: build it first");
        Files.createFile(dir.resolve("quarkus-run.jar"));
        assertThat(train(dir, Map.of(), dir.toString())).contains("set DB_URL");
        String java17 = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (Runtime.version().feature() < 25) {
            assertThat(train(dir, Map.of("DB_URL", "jdbc:postgresql://127.0.0.1:1/none", "JAVA", java17),
                    dir.toString())).contains("a JDK 25 or newer is needed");
        }
    }

    /** Runs docker/train-aot.sh, which must fail here; its error output. */
    private static String train(Path dir, Map<String, String> env, String appDir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", DOCKER.resolve("train-aot.sh").toString(), appDir)
                .redirectErrorStream(true);
        pb.environment().remove("DB_URL");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(1);
        return out;
    }

    private static int indexOf(List<Instruction> instructions, String keyword, String word) {
        for (int i = 0; i < instructions.size(); i++) {
            Instruction in = instructions.get(i);
            if (in.keyword().equals(keyword) && List.of(in.args().split("[\\s/]+")).contains(word)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void theBuildContextLeavesOutBuildOutputAndLocalData() throws IOException {
        // The context is the repository root (docker build -f docker/Dockerfile.jvm .).
        List<String> patterns = Files.readAllLines(Path.of(".dockerignore")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).map(l -> l.replaceAll("/$", "")).toList();
        assertThat(patterns).contains("target", "xborder-data", ".git");
    }

    // --- compose ---------------------------------------------------------------------------------

    @Test
    void composePinsPostgresAndWaitsForItToBeHealthy() throws IOException {
        JsonNode services = compose().path("services");
        String image = services.at("/postgres/image").asText();
        assertThat(image).startsWith("postgres:");
        assertThat(image.substring("postgres:".length())).as("a pinned minor version").matches("17\\.\\d+.*");

        JsonNode app = services.path("xborder");
        assertThat(app.at("/build/context").asText()).isEqualTo("..");
        assertThat(app.at("/build/dockerfile").asText()).isEqualTo("docker/Dockerfile.jvm");
        assertThat(app.at("/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        assertThat(environment(app).get("DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
    }

    @Test
    void composeChecksTheHealthOfBothServices() throws IOException {
        JsonNode services = compose().path("services");
        assertThat(services.at("/postgres/healthcheck/test").toString()).contains("pg_isready");
        assertThat(services.at("/xborder/healthcheck/test").toString()).contains("/q/health/ready");
    }

    @Test
    void composeKeepsTheDataInANamedVolume() throws IOException {
        JsonNode compose = compose();
        Set<String> named = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(named::add);
        assertThat(named).isNotEmpty();
        assertThat(compose.at("/services/postgres/volumes")).anySatisfy(v -> {
            String spec = v.isTextual() ? v.asText() : v.path("source").asText() + ":" + v.path("target").asText();
            assertThat(named).contains(spec.split(":")[0]);
            assertThat(spec).contains(":/var/lib/postgresql/data");
        });
    }

    @Test
    void composeTakesEverySecretFromTheEnvironment() throws IOException {
        JsonNode services = compose().path("services");
        int secrets = 0;
        for (var it = services.fields(); it.hasNext();) {
            var service = it.next();
            for (var entry : environment(service.getValue()).entrySet()) {
                if (SECRET_NAME.matcher(entry.getKey()).matches()) {
                    secrets++;
                    assertThat(entry.getValue()).as("%s.%s: a required ${...} reference without a default",
                            service.getKey(), entry.getKey()).matches(REQUIRED_REFERENCE);
                }
            }
        }
        assertThat(secrets).as("password settings checked").isGreaterThanOrEqualTo(2);
    }

    // --- parsing ---------------------------------------------------------------------------------

    static List<Instruction> parse(Path dockerfile) throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerfile)) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String text = current.toString().trim();
            current.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            String[] parts = text.split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : ""));
        }
        return instructions;
    }

    /** The instructions after the last FROM. */
    static List<Instruction> runtimeStage(List<Instruction> instructions) {
        int last = 0;
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).keyword().equals("FROM")) {
                last = i;
            }
        }
        return instructions.subList(last, instructions.size());
    }

    /** {@code KEY=value KEY2="value 2"}, or the legacy {@code KEY value} form; ARG without a default → "". */
    /** The variables the ENV instructions of a stage set, in order. */
    private static Map<String, String> environment(List<Instruction> stage) {
        Map<String, String> env = new LinkedHashMap<>();
        stage.stream().filter(i -> i.keyword().equals("ENV")).forEach(i -> env.putAll(envPairs(i.args())));
        return env;
    }

    static Map<String, String> envPairs(String args) {
        Map<String, String> pairs = new LinkedHashMap<>();
        String trimmed = args.trim();
        if (!trimmed.contains("=")) {
            String[] parts = trimmed.split("\\s+", 2);
            pairs.put(parts[0], parts.length > 1 ? unquote(parts[1]) : "");
            return pairs;
        }
        Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'|\\S*)")
                .matcher(trimmed);
        while (m.find()) {
            pairs.put(m.group(1), unquote(m.group(2)));
        }
        return pairs;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static JsonNode compose() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("docker-compose.yml").toFile());
    }

    /** A service's environment, from either the map or the list ({@code KEY=value}) form. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }
}
