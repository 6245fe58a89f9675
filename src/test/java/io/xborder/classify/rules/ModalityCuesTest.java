package io.xborder.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Language;
import io.xborder.classify.Modality;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The modality the rules read from a passage's modal words (one feature of the learned modality head): emphatic
 * negative promises — "will never", "at no time", 绝不 — are prohibitions as "will not" and 不会 are (the labelling
 * conventions: a promise with "will not"/"never will"/不会/绝不会 is PROHIBITION), in a notice as in a law. Without a
 * document jurisdiction the passage is read as news or everyday text.
 */
class ModalityCuesTest {

    private static final RuleEngine RULES = RuleEngine.fromClasspath();

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    EN | Recordings of your calls will never be copied to servers outside Canada.             | | PROHIBITION
                    EN | We never will sell or send your loyalty history to partners abroad.                  | | PROHIBITION
                    EN | Support staff must never export a customer's mailbox to answer a foreign subpoena.   | | PROHIBITION
                    EN | At no time will the donor file leave our archive in Aarhus.                          | | PROHIBITION
                    EN | Under no circumstances may the register be stored on a server abroad.               | | PROHIBITION
                    EN | The operator shall never replicate the ledger to a data centre outside the State.  | GH | PROHIBITION
                    EN | Trip data will not be sent to the parent company in Singapore.                        | | PROHIBITION
                    EN | The operator shall keep a copy of the ledger in the State.                             | GH | REQUIREMENT
                    EN | The regulator said the bank had never transferred account data abroad.               | | REPORT
                    ZH | 您的体检报告绝不会上传至境外服务器。                                                 | | PROHIBITION
                    ZH | 本行决不将客户信息提供给境外机构。                                                   | | PROHIBITION
                    ZH | 考生信息一律不存放于境外云平台。                                                     | | PROHIBITION
                    ZH | 平台应当将订单数据存储在境内。                                                       | CN | REQUIREMENT
                    """)
    void modalWordsDecide(Language language, String text, String jurisdiction, Modality expected) {
        PassageAnalysis a = RULES.analyze(text, 0, text.length(), language, jurisdiction);
        assertThat(a.modality()).isEqualTo(expected);
    }

    /**
     * In news and everyday text (no document jurisdiction), a rule restated after a verb of saying — stressed,
     * explained, reminded, cautioned, recommended; 强调, 提醒, 建议, 认为 — is a REPORT: the conventions give a sentence
     * whose main clause is a statement the REPORT modality even when the rule is restated inside it. The same rule as
     * the main clause keeps its modal.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    EN | The minister stressed that hospitals must keep patient files on servers in the country.        | REPORT
                    EN | A partner at the firm explained that banks must obtain approval before moving card data offshore. | REPORT
                    EN | Analysts cautioned that insurers may not copy claims records to the group's Dublin hub.           | REPORT
                    EN | The regulator reminded operators that trip data must stay in Kenya.                              | REPORT
                    EN | Counsel recommended that exporters file the standard contract before the first transfer is made, as the rules require. | REPORT
                    EN | The commissioner emphasised that no school may host pupil records abroad.                        | REPORT
                    EN | Operators must keep trip data on servers in Kenya.                                               | REQUIREMENT
                    ZH | 该负责人强调，医疗机构应当将病历数据存储在境内。                                                 | REPORT
                    ZH | 业内律师提醒，企业向境外提供个人信息前必须完成备案。                                             | REPORT
                    ZH | 专家建议，出海企业应当为境外用户数据单独设立存储区域。                                           | REPORT
                    ZH | 监管人士认为，车企不得将行车影像传输至境外。                                                     | REPORT
                    ZH | 医疗机构应当将病历数据存储在境内。                                                               | REQUIREMENT
                    """)
    void aRuleRestatedAfterAVerbOfSayingIsAReport(Language language, String text, Modality expected) {
        PassageAnalysis a = RULES.analyze(text, 0, text.length(), language, (String) null);
        assertThat(a.modality()).isEqualTo(expected);
    }
}
