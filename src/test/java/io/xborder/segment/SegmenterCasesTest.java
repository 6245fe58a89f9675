package io.xborder.segment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.xborder.classify.Language;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven segmentation cases from {@code segment/cases.yaml}. */
class SegmenterCasesTest {

    /** One row of cases.yaml. */
    record Case(String name, String text, String language, List<String> passages, List<String> languages) {
    }

    private static final Segmenter SEGMENTER = Segmenter.withDefaults();

    static Stream<Arguments> cases() throws IOException {
        try (InputStream in = SegmenterCasesTest.class.getClassLoader().getResourceAsStream("segment/cases.yaml")) {
            List<Case> cases = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<List<Case>>() {
            });
            return cases.stream().map(c -> Arguments.of(Named.of(c.name(), c)));
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void splitsIntoTheExpectedPassages(Case c) {
        Language hint = c.language() == null ? null : Language.fromCode(c.language()).orElseThrow();

        List<Segment> segments = SEGMENTER.segment(c.text(), hint);

        assertThat(segments).extracting(Segment::text).containsExactlyElementsOf(c.passages());
        SegmentInvariants.assertValid(c.text(), segments);
        if (c.languages() != null) {
            assertThat(segments).extracting(s -> s.language().code()).containsExactlyElementsOf(c.languages());
        }
    }
}
