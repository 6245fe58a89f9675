package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.jurisdiction.Gazetteer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generalisation check: sentences written for this test about other countries' laws and everyday genres (privacy
 * notices, contracts, tenders, product news), including hard negatives; none comes from the dev corpus.
 */
class HeldOutStyleCasesTest {

    private static final PassageClassifier CLASSIFIER = PassageClassifier.fromClasspath();
    private static final Gazetteer GAZETTEER = Gazetteer.fromClasspath();

    static List<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                HeldOutStyleCasesTest.class.getResourceAsStream("/classify/cases.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                Set<String> cats = new TreeSet<>();
                n.path("categories").forEach(c -> cats.add(c.asText()));
                out.add(Arguments.of(n.path("note").asText(), n.path("lang").asText(), n.path("text").asText(), cats,
                        n.path("place").asText("")));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void classifiesCategoriesOfUnseenPhrasing(String note, String lang, String text, Set<String> expected,
            String place) {
        Language language = Language.fromCode(lang).orElseThrow();
        if (!place.isEmpty()) {
            // the case needs the gazetteer to know a place name; the placeholder gazetteer knows only a handful
            Assumptions.assumeFalse(GAZETTEER.find(place, 0, place.length(), null, language).isEmpty(),
                    "gazetteer does not know '" + place + "' yet: skipping");
        }
        List<Finding> findings = CLASSIFIER.classify(text, 0, text.length(), language, (String) null);
        Set<String> actual = findings.stream().map(f -> f.category().name())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(actual)
                .as(() -> findings.stream().map(f -> f.explanation().toString()).collect(Collectors.joining("\n")))
                .isEqualTo(expected);
        for (Finding f : findings) {
            assertThat(f.evidence()).isNotEmpty();
            assertThat(f.dataCategories()).isNotEmpty();
        }
    }
}
