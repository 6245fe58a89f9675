package io.xborder.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by processes, from {@code /proc}: unlike latency it barely changes when other work shares the
 * machine, so a run on a busy VM still says what a request costs. PostgreSQL's is the postmaster's own, its
 * reaped children's and its live children's (each backend is a process).
 */
final class CpuTime {

    private static final double MS_PER_TICK = 10.0; // USER_HZ is 100 on Linux

    private CpuTime() {
    }

    /** CPU milliseconds of one process (user + system), 0 when it is gone or /proc is missing. */
    static double processMs(long pid) {
        long[] f = stat(pid);
        return f == null ? 0 : (f[13] + f[14]) * MS_PER_TICK;
    }

    /**
     * CPU milliseconds of a JVM's threads other than its JIT compiler threads: the work itself. A service JVM still
     * compiles after thousands of requests on a busy VM (its C2 threads used more CPU than the request threads in a
     * profile after 4,500 requests), which is a cost of its first minutes, not of each request.
     */
    static double processMsWithoutJit(long pid) {
        // the whole process (exited threads included) minus its live compiler threads: a request thread that the pool
        // retires keeps its time counted; a compiler thread the JVM retires leaves its time in (errs high)
        double jit = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String comm = Files.readString(task.resolve("comm")).trim();
                if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
                    long[] f = stat(task);
                    if (f != null) {
                        jit += (f[13] + f[14]) * MS_PER_TICK;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return processMs(pid) - jit;
    }

    /** CPU milliseconds of this JVM. */
    static double selfMs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6;
    }

    /** CPU milliseconds of a PostgreSQL server: the postmaster, its exited children and its running ones. */
    static double postgresMs(long postmaster) {
        long[] p = stat(postmaster);
        if (p == null) {
            return 0;
        }
        double ms = (p[13] + p[14] + p[15] + p[16]) * MS_PER_TICK;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) procs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] c = stat(Long.parseLong(name));
                if (c != null && c[3] == postmaster) {
                    ms += (c[13] + c[14]) * MS_PER_TICK;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ms;
    }

    /** The numeric fields of /proc/pid/stat by their index in proc(5) minus one (ppid = [3], utime = [13]). */
    private static long[] stat(long pid) {
        return stat(Path.of("/proc/" + pid));
    }

    private static long[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            String[] rest = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // up to cstime only: later fields hold unsigned values beyond a long (rsslim)
            long[] f = new long[17];
            for (int i = 1; i + 2 < f.length; i++) {
                f[i + 2] = Long.parseLong(rest[i]);
            }
            return f;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
