package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.rules.RuleEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A partly labelled passage (a partly reviewed one: a verdict on one category's finding, another category's finding
 * waiting for one) trains the heads of the categories it is labelled for and not the others, case by case from
 * {@code classify/partly-reviewed-heads.jsonl}: the trainer is run on a small slice of the shipped training data with
 * and without the passage (three copies, as a review weight of 3 adds it); a head that learns from it moves its margin
 * on the passage towards the label, a head that skips it comes out weight for weight as without it, and so do the
 * attribute heads unless the passage is fully labelled (the control case, which shows the comparison can fail). Plain
 * Java, no Quarkus.
 */
class PartlyReviewedTrainingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RuleEngine RULES = RuleEngine.fromClasspath();
    private static final int COPIES = 3;
    /** Every 25th shipped passage: a training of a second or two. */
    private static final int SLICE = 25;
    private static List<LabelledPassage> slice;
    private static Model without;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = PartlyReviewedTrainingTest.class
                .getResourceAsStream("/classify/partly-reviewed-heads.jsonl")) {
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
    void aPartlyReviewedPassageTrainsOnlyTheHeadsOfItsReviewedCategories(String name, JsonNode c) {
        LabelledPassage passage = passage(c);
        ModelTrainer trainer = trainer();
        Features read = new FeatureExtractor(RULES).extract(RULES.analyze(passage.text(), 0, passage.text().length(),
                passage.language(), trainer.context(passage)));
        assertThat(read.outOfScope()).as("precondition: the model reads the passage").isFalse();
        float[] before = without().categoryMargins(read);

        List<LabelledPassage> data = new ArrayList<>(slice());
        for (int k = 0; k < COPIES; k++) {
            data.add(copy(passage));
        }
        Model with = trainer.train(data).model();
        float[] after = with.categoryMargins(read);

        for (Category taught : enums(c.path("teaches"), Category::valueOf)) {
            assertThat(sameWeights(without().category(taught), with.category(taught), Model.CATEGORY_BITS))
                    .as(taught + " head learns from the passage").isFalse();
            if (passage.categories().contains(taught)) {
                assertThat(after[taught.ordinal()]).as(taught + " margin moves up to the confirmed label")
                        .isGreaterThan(before[taught.ordinal()]);
            } else {
                assertThat(after[taught.ordinal()]).as(taught + " margin moves down to the rejected label")
                        .isLessThan(before[taught.ordinal()]);
            }
        }
        for (Category skipped : enums(c.path("skips"), Category::valueOf)) {
            assertThat(sameWeights(without().category(skipped), with.category(skipped), Model.CATEGORY_BITS))
                    .as(skipped + " head skips the passage: as trained without it").isTrue();
        }
        Map<String, Boolean> attributes = new LinkedHashMap<>();
        without().mechanisms().forEach((m, h) -> attributes.put("mechanism:" + m,
                sameWeights(h, with.mechanisms().get(m), Model.ATTRIBUTE_BITS)));
        without().dataCategories().forEach((d, h) -> attributes.put("data:" + d,
                sameWeights(h, with.dataCategories().get(d), Model.ATTRIBUTE_BITS)));
        without().modalities().forEach((m, h) -> attributes.put("modality:" + m,
                sameWeights(h, with.modalities().get(m), Model.ATTRIBUTE_BITS)));
        if (c.path("attributes").asBoolean()) {
            assertThat(attributes).as("attribute heads that learn from a settled passage").containsValue(false);
        } else {
            assertThat(attributes).as("attribute heads: all skip a partly labelled passage").doesNotContainValue(
                    false);
        }
    }

    private static LabelledPassage passage(JsonNode c) {
        return new LabelledPassage("review-p" + Math.abs(c.path("case").asText().hashCode()), Language.EN,
                "review-d1", null, c.path("text").asText(), enums(c.path("categories"), Category::valueOf),
                enums(c.path("mechanisms"), Mechanism::valueOf),
                c.hasNonNull("modality") ? Modality.valueOf(c.path("modality").asText()) : null,
                new TreeSet<>(strings(c.path("jurisdictions"))), enums(c.path("dataCategories"), DataCategory::valueOf),
                "review", "partly reviewed", enums(c.path("unknown"), Category::valueOf));
    }

    /** A copy as a review weight makes one: the same labels, a distinct object (the trainer keys by identity). */
    private static LabelledPassage copy(LabelledPassage p) {
        return new LabelledPassage(p.id(), p.language(), p.doc(), p.documentJurisdiction(), p.text(), p.categories(),
                p.mechanisms(), p.modality(), p.jurisdictions(), p.dataCategories(), p.origin(), p.note(),
                p.unknownCategories());
    }

    /** Whether two heads have the same weight at every index, the same calibration and threshold. */
    private static boolean sameWeights(Head a, Head b, int bits) {
        for (int i = 0; i < 1 << bits; i++) {
            if (Float.compare(a.weight(i), b.weight(i)) != 0) {
                return false;
            }
        }
        return a.calibration().equals(b.calibration()) && a.threshold() == b.threshold();
    }

    private static ModelTrainer trainer() {
        return new ModelTrainer(RULES, LogisticModel.Settings.defaults(), LogisticModel.Settings.attributes());
    }

    private static synchronized List<LabelledPassage> slice() {
        if (slice == null) {
            List<LabelledPassage> all = LabelledPassage.read(Path.of("src/training/data/xborder-labelled.jsonl"));
            List<LabelledPassage> out = new ArrayList<>();
            for (int i = 0; i < all.size(); i += SLICE) {
                out.add(all.get(i));
            }
            slice = List.copyOf(out);
        }
        return slice;
    }

    private static synchronized Model without() {
        if (without == null) {
            without = trainer().train(slice()).model();
        }
        return without;
    }

    private static <E extends Enum<E>> Set<E> enums(JsonNode array, Function<String, E> parse) {
        Set<E> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(parse.apply(v.asText())));
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
