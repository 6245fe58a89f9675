package io.xborder.bench;

import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Language;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The classification core without HTTP: segmentation + classification (rules and learned scorer) of ~1 MB of
 * English or Chinese text, next to a bare Aho–Corasick scan of all the rules' cue words over the same text.
 * One operation = the whole text; throughput in MB/s is computed by {@link BenchSuite}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CoreBenchmark {

    static final int TEXT_BYTES = 1 << 20;

    @Param({ "en", "zh" })
    public String language;

    TextAnalyzer analyzer;
    CueScan scan;
    String text;
    Language lang;

    @Setup(Level.Trial)
    public void setUp() {
        lang = Language.fromCode(language).orElseThrow();
        analyzer = TextAnalyzer.withDefaults();
        scan = new CueScan(analyzer.classifier().rules().ruleSet(), lang);
        text = BenchTexts.text(lang, TEXT_BYTES);
    }

    @Benchmark
    public int classify() {
        return analyzer.analyze(text, lang, null).findingCount();
    }

    @Benchmark
    public int cueScan() {
        return scan.hits(text);
    }
}
