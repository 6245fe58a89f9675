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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;

/**
 * The service's one {@link TextAnalyzer}, timed for the metrics endpoint. Its rules and shipped model are loaded off
 * the start's path, on the model poller's thread right after start ({@link #load()}); every call that classifies
 * waits until the loader says the classifier is ready ({@link #ready()}), which /q/health/ready reports as
 * {@code classifier: loading} until then ({@link ClassifierHealth}). The model can be switched while the service
 * runs ({@link #use(Model)}): a call reads the analyzer once, so it classifies with one model from start to end.
 */
@ApplicationScoped
public class AnalysisService {

    /** Where the classifier is: its rules and model are being read, it classifies, or it could not be loaded. */
    public enum State {
        LOADING, READY, FAILED
    }

    private volatile TextAnalyzer analyzer;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile Runnable refresh = () -> {
    };
    private final Timer classifyTimer;

    public AnalysisService(MeterRegistry registry) {
        this.classifyTimer = Timer.builder("xborder.classify")
                .description("Time to segment and classify one text")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** Reads the rules and the shipped model once (the first call does; later ones return the analyzer in use). */
    public synchronized TextAnalyzer load() {
        if (analyzer == null) {
            analyzer = TextAnalyzer.withDefaults();
        }
        return analyzer;
    }

    /** Classifying calls may go on: the loader has put the model that is active in use. */
    public void ready() {
        load();
        ready.complete(null);
    }

    /** The classifier cannot be loaded: classifying calls fail with this cause, and readiness is DOWN. */
    public void failed(Throwable cause) {
        ready.completeExceptionally(cause);
    }

    public State state() {
        if (!ready.isDone()) {
            return State.LOADING;
        }
        return ready.isCompletedExceptionally() ? State.FAILED : State.READY;
    }

    /** Why loading failed, when {@link #state()} is FAILED. */
    public Optional<Throwable> failure() {
        try {
            if (ready.isCompletedExceptionally()) {
                ready.join();
            }
            return Optional.empty();
        } catch (CompletionException e) {
            return Optional.of(e.getCause());
        }
    }

    public TextAnalyzer.AnalyzedText analyze(String text, Language language, String jurisdiction, boolean explain) {
        TextAnalyzer a = analyzer();
        return classifyTimer.record(() -> a.analyze(text, language, jurisdiction, explain));
    }

    /** A document with its title and the lines to drop as boilerplate of its source. */
    public TextAnalyzer.AnalyzedText analyze(String text, String title, Language language, String jurisdiction,
            Predicate<String> alsoBoilerplate) {
        TextAnalyzer a = analyzer();
        return classifyTimer.record(() -> a.analyze(text, title, language, jurisdiction, alsoBoilerplate, false));
    }

    /** Whether a single line of text, classified on its own, yields any finding. */
    public boolean hasFindings(String line) {
        return !analyzer().classifier()
                .classify(line, 0, line.length(), LanguageDetector.detect(line, 0, line.length()), PassageContext.NONE,
                        false)
                .isEmpty();
    }

    /** The analyzer with the model in use now; keep it for the length of one piece of work. Waits while loading. */
    public TextAnalyzer analyzer() {
        try {
            ready.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("The classifier could not be loaded", e.getCause());
        }
        return analyzer;
    }

    /** Classifies from now on with {@code model} (and the rules in use); the same model again changes nothing. */
    public synchronized void use(Model model) {
        PassageClassifier current = load().classifier();
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
        return analyzer().rulesetVersion();
    }
}
