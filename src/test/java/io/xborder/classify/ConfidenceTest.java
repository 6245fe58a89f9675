package io.xborder.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfidenceTest {

    @Test
    void keepsThreeDecimalsRoundingHalfUp() {
        assertThat(Confidence.rounded(0.93749)).isEqualTo(0.937);
        assertThat(Confidence.rounded(0.9375)).isEqualTo(0.938);
        assertThat(Confidence.rounded(1.0)).isEqualTo(1.0);
        assertThat(Confidence.rounded(0.0)).isEqualTo(0.0);
    }

    @Test
    void showsWholePercentages() {
        assertThat(Confidence.percent(0.938)).isEqualTo("94 %");
        assertThat(Confidence.percent(0.5)).isEqualTo("50 %");
    }
}
