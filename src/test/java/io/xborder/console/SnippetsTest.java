package io.xborder.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Shortened evidence and passages end between words, never inside one ("data locali"). */
class SnippetsTest {

    @ParameterizedTest(name = "{0} / {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            short text                                | 20 | short text
            personal data localisation rules apply    | 20 | personal data…
            store data locally … store data locally   | 22 | store data locally…
            Supercalifragilisticexpialidocious words  | 12 | Supercalifr…
            关键信息基础设施的运营者在境内存储              | 8  | 关键信息基础设…
            """)
    void cutsBetweenWords(String text, int max, String expected) {
        assertThat(Snippets.cut(text, max)).isEqualTo(expected);
    }
}
