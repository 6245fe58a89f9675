package io.xborder.analysis;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import io.xborder.segment.LanguageDetector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;

/** The service's one {@link TextAnalyzer}, loaded once at start and timed for the metrics endpoint. */
@ApplicationScoped
public class AnalysisService {

    private final TextAnalyzer analyzer;
    private final Timer classifyTimer;

    public AnalysisService(MeterRegistry registry) {
        this.analyzer = TextAnalyzer.withDefaults();
        this.classifyTimer = Timer.builder("xborder.classify")
                .description("Time to segment and classify one text")
                .publishPercentileHistogram()
                .register(registry);
    }

    public TextAnalyzer.AnalyzedText analyze(String text, Language language, String jurisdiction, boolean explain) {
        return classifyTimer.record(() -> analyzer.analyze(text, language, jurisdiction, explain));
    }

    /** A document with its title and the lines to drop as boilerplate of its source. */
    public TextAnalyzer.AnalyzedText analyze(String text, String title, Language language, String jurisdiction,
            Predicate<String> alsoBoilerplate) {
        return classifyTimer.record(
                () -> analyzer.analyze(text, title, language, jurisdiction, alsoBoilerplate, false));
    }

    /** Whether a single line of text, classified on its own, yields any finding. */
    public boolean hasFindings(String line) {
        return !analyzer.classifier()
                .classify(line, 0, line.length(), LanguageDetector.detect(line, 0, line.length()), PassageContext.NONE,
                        false)
                .isEmpty();
    }

    public TextAnalyzer analyzer() {
        return analyzer;
    }

    public String rulesetVersion() {
        return analyzer.rulesetVersion();
    }
}
