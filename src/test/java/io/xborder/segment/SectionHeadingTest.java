package io.xborder.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbered section headings inside a document, in English and Chinese, and the lines that only look like them. */
class SectionHeadingTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    true  | 3. Data residency and transfer requirements
                    true  | 4.2 Hosting location
                    true  | IV. International transfers of your data
                    true  | B. Where we store your information
                    true  | Section 5 – Hosting and backups
                    true  | Part II: Transfers abroad
                    true  | Annex 1 Documents to file with the application
                    true  | 四、您的个人信息如何跨境提供
                    true  | （三）数据出境
                    true  | 第二章　数据本地存储
                    true  | 附件：跨境数据传输情况排查表
                    false | 3.1 All claims data shall be stored in data centres located in Malaysia.
                    false | 6.4 No copy of patient data may be stored outside Ghana.
                    false | （丙）全球公司规则；
                    false | 第三十六条　第三十五条所述保障措施发生变更的，应当告知国家数据保护局。
                    false | Vietnam orders platforms to store user data locally
                    false | International transfers
                    false | 一、关于德国子公司调取国内设备运行数据的出境安全评估申报事项
                    false | 3. Under the rule, banks must keep a copy of customer data in the country and the regulator can inspect it at any time without notice
                    """)
    void recognisesNumberedHeadingsOnly(boolean heading, String line) {
        assertThat(SectionHeading.is(line)).as(line).isEqualTo(heading);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            true  | 3. Data residency and transfer requirements | Data residency and transfer requirements
            false | 3. Data residency. Banks must keep data in Malaysia | Banks must keep data in Malaysia
            """)
    void looksAtTheWholeLineOfAPassage(boolean heading, String line, String passage) {
        String text = "Title\n\n" + line + "\n\nNext paragraph.";
        int start = text.indexOf(passage);
        assertThat(SectionHeading.in(text, start, start + passage.length())).isEqualTo(heading);
    }
}
