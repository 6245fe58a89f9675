package io.xborder.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.model.Prediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Scores whole documents against their sidecars ({@code <name>.txt} + {@code <name>.expected.json}: the expected
 * findings as exact sentences with labels, the sentences that must get none, the boilerplate lines and the
 * deliberately borderline ones). The document is analysed as the service analyses an ingested text; the findings of
 * the passages that overlap an expected sentence are pooled into one prediction, which is exact when its categories,
 * mechanisms, jurisdictions, data categories and modality all equal the expected ones.
 */
public final class DocumentQuality {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DocumentQuality() {
    }

    /** One expected finding of a sidecar: the sentence and its labels. */
    public record Expected(String text, Set<Category> categories, Set<Mechanism> mechanisms, Set<String> jurisdictions,
            Set<DataCategory> dataCategories, Modality modality) {
    }

    /** A document with its sidecar. */
    public record Document(String name, String text, Language language, String jurisdiction, List<Expected> findings,
            List<String> negatives, List<String> boilerplate) {
    }

    /** What one expected finding got. */
    public record Outcome(Document document, Expected expected, Prediction prediction) {

        public boolean categoriesRight() {
            return prediction.categories().keySet().equals(expected.categories());
        }

        public boolean exact() {
            return categoriesRight() && prediction.mechanisms().equals(expected.mechanisms())
                    && prediction.jurisdictions().equals(expected.jurisdictions())
                    && prediction.dataCategories().equals(expected.dataCategories())
                    && prediction.modality() == expected.modality();
        }
    }

    /**
     * The outcome over documents: expected findings exactly right, with the right categories, and the sentences that
     * must get none but got one (negatives and boilerplate).
     */
    public record Score(int documents, List<Outcome> outcomes, List<String> falseFindings) {

        public long exact() {
            return outcomes.stream().filter(Outcome::exact).count();
        }

        public long categoriesRight() {
            return outcomes.stream().filter(Outcome::categoriesRight).count();
        }

        public double exactShare() {
            return outcomes.isEmpty() ? Double.NaN : (double) exact() / outcomes.size();
        }

        public double categoryShare() {
            return outcomes.isEmpty() ? Double.NaN : (double) categoriesRight() / outcomes.size();
        }

        public String summary() {
            List<Outcome> found = outcomes.stream().filter(Outcome::categoriesRight).toList();
            return String.format(Locale.ROOT,
                    "%d documents: %d of %d expected findings exact (%.1f %%), %d with the right categories "
                            + "(%.1f %%); %d findings on sentences that must have none; of those with the right "
                            + "categories, right: mechanisms %d, jurisdictions %d, data categories %d, modality %d",
                    documents, exact(), outcomes.size(), 100 * exactShare(), categoriesRight(), 100 * categoryShare(),
                    falseFindings.size(),
                    found.stream().filter(o -> o.prediction().mechanisms().equals(o.expected().mechanisms())).count(),
                    found.stream().filter(o -> o.prediction().jurisdictions().equals(o.expected().jurisdictions()))
                            .count(),
                    found.stream().filter(o -> o.prediction().dataCategories().equals(o.expected().dataCategories()))
                            .count(),
                    found.stream().filter(o -> o.prediction().modality() == o.expected().modality()).count());
        }
    }

    /** Reads every {@code *.expected.json} sidecar of a folder with its text. */
    public static List<Document> read(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            List<Document> out = new ArrayList<>();
            for (Path sidecar : files.filter(p -> p.getFileName().toString().endsWith(".expected.json")).sorted()
                    .toList()) {
                String name = sidecar.getFileName().toString().replace(".expected.json", "");
                JsonNode s = JSON.readTree(sidecar.toFile());
                String text = Files.readString(folder.resolve(name + ".txt"), StandardCharsets.UTF_8);
                List<Expected> findings = new ArrayList<>();
                for (JsonNode f : s.path("findings")) {
                    findings.add(new Expected(f.path("text").asText(), enums(f.path("categories"), Category.class),
                            enums(f.path("mechanisms"), Mechanism.class), strings(f.path("jurisdictions")),
                            enums(f.path("dataCategories"), DataCategory.class),
                            f.hasNonNull("modality") ? Modality.valueOf(f.get("modality").asText()) : null));
                }
                out.add(new Document(name, text, Language.fromCode(s.path("lang").asText("")).orElse(null),
                        s.hasNonNull("jurisdiction") ? s.get("jurisdiction").asText() : null, findings,
                        List.copyOf(strings(s.path("negatives"))), List.copyOf(strings(s.path("boilerplate")))));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read documents in " + folder, e);
        }
    }

    /**
     * Analyses each document and scores it.
     *
     * @param withJurisdiction whether to pass the sidecar's jurisdiction (as an API client that knows it would), or
     *            let the analyzer find it
     */
    public static Score score(TextAnalyzer analyzer, List<Document> documents, boolean withJurisdiction) {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> falseFindings = new ArrayList<>();
        for (Document d : documents) {
            TextAnalyzer.AnalyzedText analyzed = analyzer.analyze(d.text(), d.language(),
                    withJurisdiction ? d.jurisdiction() : null);
            List<int[]> expectedSpans = new ArrayList<>();
            for (Expected e : d.findings()) {
                int at = d.text().indexOf(e.text());
                int[] span = { at, at + e.text().length() };
                expectedSpans.add(span);
                List<Finding> pooled = new ArrayList<>();
                for (TextAnalyzer.AnalyzedPassage p : analyzed.passages()) {
                    if (overlaps(p, span)) {
                        pooled.addAll(p.findings());
                    }
                }
                outcomes.add(new Outcome(d, e, Prediction.of(pooled)));
            }
            List<String> mustHaveNone = new ArrayList<>(d.negatives());
            mustHaveNone.addAll(d.boilerplate());
            for (String sentence : mustHaveNone) {
                int at = d.text().indexOf(sentence);
                int[] span = { at, at + sentence.length() };
                for (TextAnalyzer.AnalyzedPassage p : analyzed.passages()) {
                    boolean alsoExpected = expectedSpans.stream().anyMatch(x -> overlaps(p, x));
                    if (!p.findings().isEmpty() && overlaps(p, span) && !alsoExpected) {
                        falseFindings.add(d.name() + ": " + sentence);
                        break;
                    }
                }
            }
        }
        return new Score(documents.size(), outcomes, falseFindings);
    }

    private static boolean overlaps(TextAnalyzer.AnalyzedPassage p, int[] span) {
        return span[0] >= 0 && p.segment().start() < span[1] && span[0] < p.segment().end();
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static <E extends Enum<E>> Set<E> enums(JsonNode array, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        array.forEach(x -> out.add(Enum.valueOf(type, x.asText())));
        return out;
    }
}
