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
}
