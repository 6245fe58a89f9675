package io.xborder.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The PostgreSQL the benchmarked service uses (as its external {@code DB_URL}, so that the service's start-up is
 * measured without starting a database): an embedded server started by the suite, its data kept in
 * {@code target/bench/pg} (or {@code -Dbench.data}) so that the generated million findings survive between runs.
 */
final class BenchDatabase implements AutoCloseable {

    private final EmbeddedPostgres server;
    private final String url;
    private final Path dir;

    private BenchDatabase(EmbeddedPostgres server, Path dir) {
        this.server = server;
        this.url = server.getJdbcUrl("postgres", "postgres");
        this.dir = dir;
    }

    static BenchDatabase start() {
        Path dir = Path.of(System.getProperty("bench.data", "target/bench/pg")).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            long t0 = System.nanoTime();
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(120))
                    // zonky's test defaults (fsync off) stay: the benchmark reads, it does not test durability
                    .setServerConfig("shared_buffers", "512MB")
                    .setServerConfig("maintenance_work_mem", "512MB")
                    .setServerConfig("max_connections", "100")
                    .start();
            System.err.printf("bench: PostgreSQL on port %d, data in %s (%d ms)%n", server.getPort(), dir,
                    (System.nanoTime() - t0) / 1_000_000);
            return new BenchDatabase(server, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the benchmark PostgreSQL in " + dir, e);
        }
    }

    String url() {
        return url;
    }

    /** CPU milliseconds the server has used so far, all its processes together ({@link CpuTime}). */
    double cpuMs() {
        try {
            return CpuTime.postgresMs(Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
