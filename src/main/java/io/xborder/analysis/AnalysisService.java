package io.xborder.analysis;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import io.xborder.classify.model.Model;
import io.xborder.classify.model.PassageClassifier;
import io.xborder.segment.LanguageDetector;
import io.xborder.segment.Segmenter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;

/**
 * The service's one {@link TextAnalyzer}, loaded at start with the shipped model and timed for the metrics endpoint.
 * The model can be switched while the service runs ({@link #use(Model)}): a call reads the analyzer once, so it
 * classifies with one model from start to end.
 */
@ApplicationScoped
public class AnalysisService {

    private volatile TextAnalyzer analyzer;
    private volatile Runnable refresh = () -> {
    };
    private final Timer classifyTimer;

    public AnalysisService(MeterRegistry registry) {
        this.analyzer = TextAnalyzer.withDefaults();
        this.classifyTimer = Timer.builder("xborder.classify")
                .description("Time to segment and classify one text")
                .publishPercentileHistogram()
                .register(registry);
    }

    public TextAnalyzer.AnalyzedText analyze(String text, Language language, String jurisdiction, boolean explain) {
        TextAnalyzer a = analyzer;
        return classifyTimer.record(() -> a.analyze(text, language, jurisdiction, explain));
    }

    /** A document with its title and the lines to drop as boilerplate of its source. */
    public TextAnalyzer.AnalyzedText analyze(String text, String title, Language language, String jurisdiction,
            Predicate<String> alsoBoilerplate) {
        TextAnalyzer a = analyzer;
        return classifyTimer.record(() -> a.analyze(text, title, language, jurisdiction, alsoBoilerplate, false));
    }

    /** Whether a single line of text, classified on its own, yields any finding. */
    public boolean hasFindings(String line) {
        return !analyzer.classifier()
                .classify(line, 0, line.length(), LanguageDetector.detect(line, 0, line.length()), PassageContext.NONE,
                        false)
                .isEmpty();
    }

    /** The analyzer with the model in use now; keep it for the length of one piece of work. */
    public TextAnalyzer analyzer() {
        return analyzer;
    }

    /** Classifies from now on with {@code model} (and the rules in use); the same model again changes nothing. */
    public synchronized void use(Model model) {
        PassageClassifier current = analyzer.classifier();
        if (current.model() != model) {
            analyzer = new TextAnalyzer(Segmenter.withDefaults(), new PassageClassifier(current.rules(), model));
        }
    }

    /** Sets what {@link #refreshModel()} runs: a look at which model is active (registered by the model store). */
    public void onRefresh(Runnable lookup) {
        refresh = lookup;
    }

    /** Makes sure the model in use is the active one now, before work that must use it (a reclassification). */
    public void refreshModel() {
        refresh.run();
    }

    public String rulesetVersion() {
        return analyzer.rulesetVersion();
    }
}
