package io.xborder.bench;

import io.xborder.classify.Language;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmarks and prints one table, each measure next to the baseline measured in the same run.
 * Argument: {@code all} (default) or {@code core}.
 */
public final class BenchSuite {

    private BenchSuite() {
    }

    public static void main(String[] args) throws RunnerException {
        String which = args.length > 0 && !args[0].isBlank() ? args[0] : "all";
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "%-44s %14s %14s %8s%n", "benchmark", "value", "baseline", "ratio"));
        if (which.equals("all") || which.equals("core")) {
            core(table);
        }
        System.out.println();
        System.out.println("xborder benchmarks (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ")");
        System.out.print(table);
    }

    private static void core(StringBuilder table) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(CoreBenchmark.class.getName())
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> msPerOp = new LinkedHashMap<>();
        for (RunResult r : results) {
            String key = r.getParams().getBenchmark().replaceAll(".*\\.", "") + ":" + r.getParams().getParam("language");
            msPerOp.put(key, r.getPrimaryResult().getScore());
        }
        for (Language l : Language.values()) {
            double mb = BenchTexts.utf8Bytes(BenchTexts.text(l, CoreBenchmark.TEXT_BYTES)) / 1e6;
            double classify = mb / (msPerOp.get("classify:" + l.code()) / 1000);
            double scan = mb / (msPerOp.get("cueScan:" + l.code()) / 1000);
            table.append(String.format(Locale.ROOT, "%-44s %9.1f MB/s %9.1f MB/s %7.1f%%%n",
                    "core segment+classify " + l.code() + " (vs cue scan)", classify, scan, 100 * classify / scan));
        }
    }
}
