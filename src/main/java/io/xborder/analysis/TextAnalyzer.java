package io.xborder.analysis;

import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.model.PassageClassifier;
import io.xborder.segment.LanguageDetector;
import io.xborder.segment.Segment;
import io.xborder.segment.Segmenter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Splits a text into passages and classifies each one: the whole pipeline from text to findings, without any
 * framework, shared by the REST API, ingestion and the benchmarks. Thread-safe.
 */
public final class TextAnalyzer {

    private final Segmenter segmenter;
    private final PassageClassifier classifier;

    public TextAnalyzer(Segmenter segmenter, PassageClassifier classifier) {
        this.segmenter = segmenter;
        this.classifier = classifier;
    }

    /** The default segmenter, rules and model from the classpath. */
    public static TextAnalyzer withDefaults() {
        return new TextAnalyzer(Segmenter.withDefaults(), PassageClassifier.fromClasspath());
    }

    /** The version of the rules and the model that make the findings; stored on every finding. */
    public String rulesetVersion() {
        return classifier.version();
    }

    public PassageClassifier classifier() {
        return classifier;
    }

    /**
     * @param language the text's language, or null to detect it per passage
     * @param jurisdiction the document's own jurisdiction (for "within the territory"/境内), or null
     */
    public AnalyzedText analyze(String text, Language language, String jurisdiction) {
        return analyze(text, language, jurisdiction, Segmenter.NO_MORE_BOILERPLATE);
    }

    /**
     * As {@link #analyze(String, Language, String)}, also dropping the whole lines {@code alsoBoilerplate} accepts
     * (lines that repeat across the documents of one source).
     */
    public AnalyzedText analyze(String text, Language language, String jurisdiction,
            Predicate<String> alsoBoilerplate) {
        List<Segment> segments = segmenter.segment(text, language, alsoBoilerplate);
        List<AnalyzedPassage> passages = new ArrayList<>(segments.size());
        long hanChars = 0;
        long allChars = 0;
        for (Segment s : segments) {
            List<Finding> findings = classifier.classify(text, s.start(), s.end(), s.language(), jurisdiction);
            passages.add(new AnalyzedPassage(passages.size(), s, findings));
            int length = s.end() - s.start();
            allChars += length;
            if (s.language() == Language.ZH) {
                hanChars += length;
            }
        }
        Language overall = language;
        if (overall == null) {
            overall = allChars == 0
                    ? LanguageDetector.detect(text, 0, text.length())
                    : hanChars * 2 >= allChars ? Language.ZH : Language.EN;
        }
        return new AnalyzedText(overall, passages);
    }

    /** The outcome for a whole text: its (dominant) language and every passage in order. */
    public record AnalyzedText(Language language, List<AnalyzedPassage> passages) {

        public int findingCount() {
            return passages.stream().mapToInt(p -> p.findings().size()).sum();
        }
    }

    /** One passage with its findings (possibly none). */
    public record AnalyzedPassage(int index, Segment segment, List<Finding> findings) {
    }
}
