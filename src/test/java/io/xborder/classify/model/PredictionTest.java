package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PredictionTest {

    private static final LabelledPassage GOLD = new LabelledPassage("t-1", Language.EN, "news-x", null,
            "Tesla seeks approval to transfer data collected in China overseas.",
            Set.of(Category.CROSS_BORDER_TRANSFER), Set.of(Mechanism.SECURITY_ASSESSMENT), Modality.REPORT,
            Set.of("CN"), Set.of(DataCategory.VEHICLE_DATA), "news-style", "");
    private static final LabelledPassage NEGATIVE = new LabelledPassage("t-2", Language.EN, "news-x", null,
            "The bank transferred USD 5 million to Singapore.", Set.of(), Set.of(), null, Set.of(), Set.of(),
            "news-style", "HARD-NEG: money");

    static Stream<Arguments> cases() {
        Map<Category, Double> transfer = Map.of(Category.CROSS_BORDER_TRANSFER, 0.9);
        return Stream.of(
                Arguments.of(GOLD, new Prediction(transfer, Set.of(Mechanism.SECURITY_ASSESSMENT), Set.of("CN"),
                        Set.of(DataCategory.VEHICLE_DATA), Modality.REPORT), List.of()),
                Arguments.of(GOLD, new Prediction(transfer, Set.of(), Set.of("CN"),
                        Set.of(DataCategory.OTHER), Modality.REQUIREMENT),
                        List.of("MECH gold=[SECURITY_ASSESSMENT] pred=[]", "DCAT gold=[VEHICLE_DATA] pred=[OTHER]",
                                "MOD gold=REPORT pred=REQUIREMENT")),
                // a positive that was missed: only the category is wrong, the empty attributes are not listed
                Arguments.of(GOLD, new Prediction(Map.of(), Set.of(), Set.of(), Set.of(), null),
                        List.of("CAT gold=[CROSS_BORDER_TRANSFER] pred={}")),
                Arguments.of(NEGATIVE, new Prediction(transfer, Set.of(), Set.of("SG"), Set.of(DataCategory.OTHER),
                        Modality.REPORT), List.of("CAT gold=[] pred={CROSS_BORDER_TRANSFER=0.9}")),
                Arguments.of(NEGATIVE, new Prediction(Map.of(), Set.of(), Set.of(), Set.of(), null), List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void differencesNameEachWrongPart(LabelledPassage gold, Prediction prediction, List<String> expected) {
        assertThat(prediction.differences(gold)).containsExactlyElementsOf(expected);
    }
}
