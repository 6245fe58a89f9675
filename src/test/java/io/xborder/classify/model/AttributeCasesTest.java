package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attributes of findings on sentences written for this test (none from the dev corpus): data categories come from
 * the data named rather than from whose data it is, and mechanisms from what the passage says of the transfer.
 * A case lists only the attributes it checks; they are compared with the union over the passage's findings.
 */
class AttributeCasesTest {

    private static final PassageClassifier CLASSIFIER = PassageClassifier.fromClasspath();

    static List<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                AttributeCasesTest.class.getResourceAsStream("/classify/attribute-cases.jsonl"),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    JsonNode n = json.readTree(line);
                    out.add(Arguments.of(n.path("note").asText(), n.path("lang").asText(), n.path("text").asText(),
                            values(n.get("dataCategories")), values(n.get("mechanisms"))));
                }
            }
        }
        return out;
    }

    private static Set<String> values(JsonNode array) {
        if (array == null) {
            return null;
        }
        Set<String> out = new TreeSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void attributesFollowWhatThePassageSaysOfTheData(String note, String lang, String text, Set<String> dataCategories,
            Set<String> mechanisms) {
        List<Finding> findings = CLASSIFIER.classify(text, 0, text.length(), Language.fromCode(lang).orElseThrow(),
                PassageContext.NONE, true);
        assertThat(findings).as("a finding for: " + text).isNotEmpty();
        if (dataCategories != null) {
            Set<String> actual = findings.stream().flatMap(f -> f.dataCategories().stream()).map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(actual).as(note).isEqualTo(dataCategories);
        }
        if (mechanisms != null) {
            Set<String> actual = findings.stream().flatMap(f -> f.mechanisms().stream()).map(Enum::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(actual).as(note).isEqualTo(mechanisms);
        }
    }
}
