package io.xborder.analysis;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.xborder.classify.Language;
import jakarta.enterprise.context.ApplicationScoped;

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

    public TextAnalyzer.AnalyzedText analyze(String text, Language language, String jurisdiction) {
        return classifyTimer.record(() -> analyzer.analyze(text, language, jurisdiction));
    }

    public TextAnalyzer analyzer() {
        return analyzer;
    }

    public String rulesetVersion() {
        return analyzer.rulesetVersion();
    }
}
