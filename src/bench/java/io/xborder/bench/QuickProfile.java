package io.xborder.bench;

import io.xborder.analysis.TextAnalyzer;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import io.xborder.classify.model.FeatureExtractor;
import io.xborder.classify.model.Features;
import io.xborder.classify.model.PassageClassifier;
import io.xborder.classify.rules.PassageAnalysis;
import io.xborder.classify.rules.RuleEngine;
import io.xborder.segment.Segment;
import io.xborder.segment.Segmenter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * A rough breakdown of where the core's time goes (segmentation, the rules' reading of each passage, feature
 * extraction, the whole classifier), in thread CPU time so that other load on the machine matters less; not a
 * benchmark of record.
 */
public final class QuickProfile {

    private static final ThreadMXBean CPU = ManagementFactory
            .getThreadMXBean();

    public static void main(String[] args) {
        for (Language l : Language.values()) {
            String text = BenchTexts.text(l, 1 << 20);
            double mb = BenchTexts.utf8Bytes(text) / 1e6;
            Segmenter seg = Segmenter.withDefaults();
            RuleEngine rules = RuleEngine.fromClasspath();
            FeatureExtractor features = new FeatureExtractor(rules);
            PassageClassifier classifier = PassageClassifier.fromClasspath();
            TextAnalyzer analyzer = TextAnalyzer.withDefaults();
            for (int round = 0; round < 6; round++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                List<Segment> segments = seg.segment(text, l);
                long t1 = CPU.getCurrentThreadCpuTime();
                int f = 0;
                for (Segment s : segments) {
                    PassageAnalysis a = rules.analyze(text, s.start(), s.end(), l, PassageContext.NONE);
                    f += a.matches().size();
                }
                long t2 = CPU.getCurrentThreadCpuTime();
                int inScope = 0;
                for (Segment s : segments) {
                    Features x = features.extract(rules.analyze(text, s.start(), s.end(), l, PassageContext.NONE));
                    inScope += x.outOfScope() ? 0 : 1;
                }
                long t3 = CPU.getCurrentThreadCpuTime();
                for (Segment s : segments) {
                    f += classifier.classify(text, s.start(), s.end(), l, PassageContext.NONE, false).size();
                }
                long t4 = CPU.getCurrentThreadCpuTime();
                f += analyzer.analyze(text, l, null).findingCount();
                long t5 = CPU.getCurrentThreadCpuTime();
                if (round >= 3) {
                    System.out.printf(Locale.ROOT,
                            "%s %d passages (%d in scope): segment %.1f MB/s, rule matches %.1f MB/s, rules+features "
                                    + "%.1f MB/s, classifier %.1f MB/s, all %.1f MB/s (%d)%n",
                            l, segments.size(), inScope, mb / ((t1 - t0) / 1e9), mb / ((t2 - t1) / 1e9),
                            mb / ((t3 - t2) / 1e9), mb / ((t4 - t3) / 1e9), mb / ((t5 - t4) / 1e9), f);
                }
            }
        }
    }
}
