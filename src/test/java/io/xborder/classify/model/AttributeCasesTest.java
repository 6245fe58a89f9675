package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import java.io.IOException;
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
        for (JsonNode n : CaseTables.read("/classify/attribute-cases.jsonl")) {
            out.add(Arguments.of(n.path("note").asText(), n.path("lang").asText(), n.path("text").asText(),
                    CaseTables.strings(n.get("dataCategories")), CaseTables.strings(n.get("mechanisms"))));
        }
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
