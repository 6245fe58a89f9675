package io.xborder.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.xborder.classify.Category;
import io.xborder.classify.model.LabelledPassage;
import io.xborder.document.FindingOrigin;
import io.xborder.document.ReviewStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one rule that turns a reviewed passage into a training example (read by the retraining and the export alike),
 * case by case from {@code review/reviewed-examples.jsonl}: confirmed and reviewer findings are positives with their
 * attributes, rejected ones negatives, all rejected a hard negative; beside an unreviewed finding the reviewed
 * categories still teach while the unreviewed one is unknown, and such a passage is not exported (the schema cannot
 * say "unknown"). Plain Java, no Quarkus.
 */
class ReviewedExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = ReviewedExamplesTest.class.getResourceAsStream("/review/reviewed-examples.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode c = JSON.readTree(line);
                    out.add(Arguments.of(c.path("case").asText(), c));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aReviewedPassageBecomesTheExampleItsReviewersSettled(String name, JsonNode c) {
        List<ReviewedExamples.ReviewedFinding> findings = new ArrayList<>();
        long id = 100;
        for (JsonNode f : c.path("findings")) {
            findings.add(new ReviewedExamples.ReviewedFinding(id++, Category.valueOf(f.path("category").asText()),
                    f.hasNonNull("modality") ? io.xborder.classify.Modality.valueOf(f.path("modality").asText()) : null,
                    strings(f.path("mechanisms")), strings(f.path("jurisdictions")), strings(f.path("dataCategories")),
                    ReviewStatus.valueOf(f.path("verdict").asText()),
                    FindingOrigin.valueOf(f.path("origin").asText("CLASSIFIER")), "rita", null));
        }
        ReviewedExamples.ReviewedPassage passage = new ReviewedExamples.ReviewedPassage(7, "A passage.", "en", 3,
                "A document", "CN", findings);

        Optional<LabelledPassage> example = ReviewedExamples.example(passage);

        JsonNode expect = c.path("expect");
        if (expect.isNull()) {
            assertThat(example).as(name).isEmpty();
            return;
        }
        assertThat(example).as(name).isPresent();
        LabelledPassage e = example.get();
        assertThat(e.id()).isEqualTo("review-p7");
        assertThat(e.doc()).isEqualTo("review-d3");
        assertThat(e.documentJurisdiction()).isEqualTo("CN");
        assertThat(e.origin()).isEqualTo(ReviewedExamples.ORIGIN);
        assertThat(e.categories()).extracting(Enum::name)
                .containsExactlyInAnyOrderElementsOf(strings(expect.path("categories")));
        assertThat(e.mechanisms()).extracting(Enum::name)
                .containsExactlyInAnyOrderElementsOf(strings(expect.path("mechanisms")));
        assertThat(e.dataCategories()).extracting(Enum::name)
                .containsExactlyInAnyOrderElementsOf(strings(expect.path("dataCategories")));
        assertThat(e.jurisdictions()).containsExactlyInAnyOrderElementsOf(strings(expect.path("jurisdictions")));
        assertThat(e.modality() == null ? null : e.modality().name())
                .isEqualTo(expect.hasNonNull("modality") ? expect.path("modality").asText() : null);
        assertThat(e.hardNegative()).isEqualTo(expect.path("hardNegative").asBoolean(false));
        assertThat(e.note()).isEqualTo(expect.path("note").asText());
        assertThat(e.unknownCategories()).extracting(Enum::name)
                .containsExactlyInAnyOrderElementsOf(strings(expect.path("unknown")));
        if (expect.path("exported").asBoolean(true)) {
            ObjectNode line = ReviewedExamples.line(passage, e);
            assertThat(LabelledPassage.read(new ByteArrayInputStream(line.toString().getBytes(StandardCharsets.UTF_8))))
                    .as("the exported line reads back as the example").singleElement()
                    .satisfies(back -> assertThat(back.categories()).isEqualTo(e.categories()))
                    .satisfies(back -> assertThat(back.note()).isEqualTo(e.note()));
        } else {
            assertThatThrownBy(() -> ReviewedExamples.line(passage, e)).as("no line for a partly reviewed passage")
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partly reviewed");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
