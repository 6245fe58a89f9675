package io.xborder.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Language;
import io.xborder.segment.Segmenter;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole documents through the pipeline: what the document's structure decides about its passages. */
class TextAnalyzerTest {

    private static final TextAnalyzer ANALYZER = TextAnalyzer.withDefaults();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    en | Kenya orders lenders to keep borrower data in the country | 3. Data residency and cross-border transfer requirements | 3.1 The provider shall store all borrower records in data centres located in Kenya.
                    en | Acme moves Indian customer data to Singapore | IV. International transfers of your personal data | We transfer your account data to our support team in India under standard contractual clauses.
                    zh | 某市要求医院病历数据境内存储 | 四、您的个人信息如何跨境提供 | 我们会将您的姓名和证件号码提供给位于日本的酒店。
                    zh | 某省出台数据出境管理办法 | 三、数据出境安全评估 | 第十条　数据处理者向境外提供重要数据的，应当申报数据出境安全评估。
                    """)
    void aNumberedSectionHeadingIsNeverAFindingButTheTitleAndTheTextAre(String language, String title, String heading,
            String sentence) {
        String text = title + "\n\n" + heading + "\n\n" + sentence + "\n";
        List<TextAnalyzer.AnalyzedPassage> passages = ANALYZER
                .analyze(text, null, Language.valueOf(language.toUpperCase()), null, Segmenter.NO_MORE_BOILERPLATE,
                        false)
                .passages();
        assertThat(passages).extracting(p -> p.segment().text()).contains(title, sentence);
        assertThat(findingsOn(passages, title)).as("the title").isPositive();
        assertThat(findingsOn(passages, sentence)).as("the sentence").isPositive();
        assertThat(passages).filteredOn(p -> heading.endsWith(p.segment().text())).isNotEmpty()
                .allSatisfy(p -> assertThat(p.findings()).as("the heading").isEmpty());
    }

    private static int findingsOn(List<TextAnalyzer.AnalyzedPassage> passages, String text) {
        return passages.stream().filter(p -> p.segment().text().equals(text)).mapToInt(p -> p.findings().size()).sum();
    }
}
