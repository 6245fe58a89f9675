package io.xborder.segment;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Language;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Tesla stores data in Shanghai.|EN",
            "关键信息基础设施的运营者应当在境内存储。|ZH",
            "中国内地的iCloud服务由云上贵州负责运营。|ZH",
            "The PIPL (个人信息保护法) applies to all processors in China.|EN",
            "根据GDPR第44条，transfer须符合条件。|ZH",
            "2023 — 1.2 %|EN",
            "Übermittlung in Drittländer|EN",
    })
    void detectsByHanRatio(String text, Language expected) {
        assertThat(LanguageDetector.detect(text, 0, text.length())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "Tesla said: 数据存储在上海。|0|10|EN", "Tesla said: 数据存储在上海。|12|20|ZH" })
    void looksOnlyAtTheGivenRange(String text, int from, int to, Language expected) {
        assertThat(LanguageDetector.detect(text, from, to)).isEqualTo(expected);
    }
}
