package io.xborder.analysis;

import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.classify.model.PassageClassifier;
import io.xborder.classify.rules.ContextReader;
import io.xborder.segment.LanguageDetector;
import io.xborder.segment.SectionHeading;
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
    private final ContextReader contexts;

    public TextAnalyzer(Segmenter segmenter, PassageClassifier classifier) {
        this.segmenter = segmenter;
        this.classifier = classifier;
        this.contexts = new ContextReader(classifier.rules(), Gazetteer.fromClasspath());
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
        return analyze(text, null, language, jurisdiction, Segmenter.NO_MORE_BOILERPLATE, false);
    }

    /** As {@link #analyze(String, Language, String)}, explaining each finding when {@code explain} is true. */
    public AnalyzedText analyze(String text, Language language, String jurisdiction, boolean explain) {
        return analyze(text, null, language, jurisdiction, Segmenter.NO_MORE_BOILERPLATE, explain);
    }

    /**
     * A document: as {@link #analyze(String, Language, String, boolean)}, with its title when it is not the text's first line
     * (or null), also dropping the whole lines {@code alsoBoilerplate} accepts (lines that repeat across the
     * documents of one source). What the document says about its passages (the jurisdiction it is about, whether it
     * is a law, its genre) is read from its title and lead ({@link ContextReader}). A numbered section heading after
     * the first passage ({@link SectionHeading}) gets no finding: it names a topic and states nothing. The passages
     * are classified together, so that what is found around a passage can count for it
     * ({@link PassageClassifier#classify(String, List, PassageContext, boolean)}).
     */
    public AnalyzedText analyze(String text, String title, Language language, String jurisdiction,
            Predicate<String> alsoBoilerplate, boolean explain) {
        List<Segment> segments = segmenter.segment(text, language, alsoBoilerplate);
        List<int[]> ranges = new ArrayList<>(segments.size());
        segments.forEach(s -> ranges.add(new int[] { s.start(), s.end() }));
        Language dominant = language != null
                ? language
                : segments.isEmpty() ? Language.EN : segments.get(0).language();
        PassageContext context = contexts.read(text, ranges, dominant, jurisdiction, title);
        List<PassageClassifier.Span> spans = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            boolean heading = !spans.isEmpty() && SectionHeading.in(text, s.start(), s.end());
            spans.add(new PassageClassifier.Span(s.start(), s.end(), s.language(), !heading));
        }
        List<List<Finding>> findings = classifier.classify(text, spans, context, explain);
        List<AnalyzedPassage> passages = new ArrayList<>(segments.size());
        long hanChars = 0;
        long allChars = 0;
        for (Segment s : segments) {
            passages.add(new AnalyzedPassage(passages.size(), s, findings.get(passages.size())));
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
