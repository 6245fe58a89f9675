package io.xborder.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The one embedded PostgreSQL of this JVM: started on first use, kept in a data directory the user can see
 * (and delete), stopped by the library's shutdown hook when the JVM exits.
 */
final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    /** Survives Quarkus dev-mode reloads, which load this class again in a new class loader. */
    private static final String MEMO = "xborder.embedded-db.started-url";

    private static EmbeddedPostgres server;
    private static FileLock lock;

    private EmbeddedPostgresServer() {
    }

    static synchronized String ensureStarted(Path dataDir, int port) {
        String memo = System.getProperty(MEMO);
        if (memo != null) {
            return memo;
        }
        try {
            Files.createDirectories(dataDir);
            lock = lockDataDir(dataDir);
            stopOrphan(dataDir);
            long t0 = System.nanoTime();
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // zonky's defaults are tuned for throw-away test databases; this one keeps the user's data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (port > 0) {
                builder.setPort(port);
            }
            server = builder.start();
            String url = server.getJdbcUrl("postgres", "postgres");
            LOG.infof("Embedded PostgreSQL started in %d ms on port %d, data in %s (set DB_URL to use your own server)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), server.getPort(), dataDir);
            System.setProperty(MEMO, url);
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /** One service per data directory: a second one would otherwise take the first one's server for an orphan. */
    private static FileLock lockDataDir(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolveSibling(dataDir.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock acquired = channel.tryLock();
        if (acquired == null) {
            channel.close();
            throw new IllegalStateException("Another xborder process uses the embedded database in " + dataDir
                    + "; stop it or set XBORDER_DATA_DIR to another folder");
        }
        return acquired;
    }

    /** A server left running by a killed JVM holds postmaster.pid; stop it so this start can take over its data. */
    private static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .ifPresent(p -> {
                    LOG.warnf("Stopping PostgreSQL %d left running by an earlier xborder process", pid);
                    p.destroy();
                    try {
                        p.onExit().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        LOG.warnf("PostgreSQL %d did not stop in 30 s: %s", pid, e.getMessage());
                    }
                });
    }
}
