package io.xborder.finding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Search words as analysts type them: each word or quoted phrase a term, plurals read as their stem. */
class SearchTermsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            stored India               | stored,India
            transfers                  | transfer
            policies                   | polic
            processes                  | process
            access                     | access
            data                       | data
            '"personal data"'          | personal data
            '"personal   data" stored' | personal data,stored
            '“personal data”'          | personal data
            境外 安全评估                 | 境外,安全评估
            境外安全评估                  | 境外安全评估
            'India india'              | India,india
            '  '                       | ''
            """)
    void readsWordsAndPhrases(String q, String expected) {
        assertThat(SearchTerms.parse(q).terms())
                .containsExactlyElementsOf(expected.isEmpty() ? List.of() : Arrays.asList(expected.split(",")));
    }
}
