package io.xborder.segment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Checks every segmentation result must pass, whatever the text. */
final class SegmentInvariants {

    private SegmentInvariants() {
    }

    /** Offsets exact, in order, non-overlapping, trimmed, non-empty, within the limit, language set. */
    static void assertValid(String text, List<Segment> segments) {
        int previousEnd = 0;
        for (Segment s : segments) {
            assertThat(s.start()).as("start of %s", s).isGreaterThanOrEqualTo(previousEnd);
            assertThat(s.end()).as("end of %s", s).isGreaterThan(s.start()).isLessThanOrEqualTo(text.length());
            assertThat(text.substring(s.start(), s.end())).as("offsets of %s", s).isEqualTo(s.text());
            assertThat(s.text()).as("trimmed").isEqualTo(s.text().strip());
            assertThat(s.text().length()).isLessThanOrEqualTo(Segmenter.MAX_PASSAGE_LENGTH);
            assertThat(s.language()).isNotNull();
            previousEnd = s.end();
        }
    }
}
