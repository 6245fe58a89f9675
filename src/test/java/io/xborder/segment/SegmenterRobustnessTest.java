package io.xborder.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xborder.classify.Language;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmenterRobustnessTest {

    private static final Segmenter SEGMENTER = Segmenter.withDefaults();

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "\n\n\t\r\n", "\u3000\u00A0\u2028", "Advertisement\n广告\n" })
    void returnsNoPassagesForBlankOrBoilerplateOnlyText(String text) {
        assertThat(SEGMENTER.segment(text, null)).isEmpty();
    }

    @Test
    void rejectsNullText() {
        assertThatThrownBy(() -> SEGMENTER.segment(null, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    @Timeout(20)
    void cutsVeryLongTextWithoutTerminatorsAtSafeBoundaries() {
        String text = "word ".repeat(400_000) + "end";

        List<Segment> segments = SEGMENTER.segment(text, null);

        SegmentInvariants.assertValid(text, segments);
        assertThat(segments).hasSizeGreaterThan(text.length() / Segmenter.MAX_PASSAGE_LENGTH);
        assertThat(segments).allMatch(s -> !s.text().startsWith("ord") && !s.text().endsWith("wor"));
    }

    @Test
    @Timeout(20)
    void cutsLongChineseTextWithoutSpacesOrTerminators() {
        String text = "个人信息跨境提供规则，".repeat(100_000) + "完";

        List<Segment> segments = SEGMENTER.segment(text, null);

        SegmentInvariants.assertValid(text, segments);
        assertThat(segments).allMatch(s -> s.language() == Language.ZH);
        assertThat(segments.get(0).text()).endsWith("，");
    }

    @Test
    @Timeout(20)
    void cutsLongTextWithoutAnyBreakOpportunityKeepingSurrogatePairsWhole() {
        String text = "a\uD840\uDC00".repeat(200_000);

        List<Segment> segments = SEGMENTER.segment(text, null);

        SegmentInvariants.assertValid(text, segments);
        assertThat(segments).allMatch(s -> !Character.isLowSurrogate(s.text().charAt(0)));
    }

    @Test
    void longLegalListOnManyLinesStaysLinear() {
        StringBuilder text = new StringBuilder("下列情形之一的，应当申报：\n");
        for (int i = 0; i < 20_000; i++) {
            text.append("（").append(i % 10 + 1).append("）处理个人信息；\n");
        }
        List<Segment> segments = SEGMENTER.segment(text.toString(), null);

        SegmentInvariants.assertValid(text.toString(), segments);
        assertThat(segments).hasSizeGreaterThan(1);
    }

    @Test
    void givesTheSameResultFromManyThreads() throws Exception {
        String text = "Mr. Musk met Premier Li. Tesla stores data in Shanghai.\n特斯拉表示同意。“真的吗？”他问。\n"
                .repeat(200);
        List<Segment> expected = SEGMENTER.segment(text, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Segment>>> results = IntStream.range(0, 16)
                    .mapToObj(i -> pool.submit(() -> SEGMENTER.segment(text, null)))
                    .toList();
            for (Future<List<Segment>> result : results) {
                assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
