package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Category;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import io.xborder.classify.rules.RuleEngine;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Whose data a sentence speaks of decides whether the place it is kept in is home or abroad, even when no document
 * jurisdiction says: a demonym ("Kenyan records") or, in Chinese, a country name before a noun for its people
 * (印尼借款人), else a deictic word (国内: China in a Chinese text), names the owner, and a city of that country where
 * the data is kept is a home location; a city of another country a foreign one.
 */
class PlaceRolesTest {

    private static final RuleEngine RULES = RuleEngine.fromClasspath();
    private static final FeatureExtractor FEATURES = new FeatureExtractor(RULES);
    private static final PassageClassifier CLASSIFIER = PassageClassifier.fromClasspath();

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|',
            textBlock = """
                            EN | Kenyan policyholder files are kept on servers in Mombasa.                 | home-location    | foreign-location
                            EN | Kenyan policyholder files are kept on servers in Frankfurt.               | foreign-location | home-location
                            EN | Peruvian patients' scans are archived in a data centre in Lima.           | home-location    | foreign-location
                            EN | Peruvian patients' scans are archived in a data centre in Miami.          | foreign-location | home-location
                            ZH | 印尼借款人的还款记录保存在泗水的机房。                                     | home-location    | foreign-location
                            ZH | 印尼借款人的还款记录保存在新加坡的机房。                                   | foreign-location | home-location
                            ZH | 越南用户的聊天记录存放在河内的服务器上。                                   | home-location    | foreign-location
                            ZH | 越南用户的聊天记录存放在东京的服务器上。                                   | foreign-location | home-location
                    ZH | 国内客户的合同资料目前托管在东京的机房。                                     | foreign-location | home-location
                    ZH | 国内客户的合同资料目前托管在杭州的机房。                                     | home-location    | foreign-location
                            """)
    void theOwnersCityIsHomeAndAnotherCountrysCityIsForeign(String language, String text, String present,
            String absent) {
        Language lang = Language.fromCode(language.toLowerCase()).orElseThrow();
        Features f = FEATURES.extract(RULES.analyze(text, 0, text.length(), lang, (String) null));
        Set<String> names = new HashSet<>();
        for (int j = 0; j < f.namedCount(); j++) {
            names.add(f.name(j));
        }
        assertThat(names).contains(present).doesNotContain(absent);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|',
            textBlock = """
                    EN | Chinese vehicle data is stored in Shanghai and none of it is sent to the United States. | DATA_LOCALIZATION
                    EN | Nigerian customers' account records are hosted in a cloud region in Dublin.                | CROSS_BORDER_TRANSFER
                    ZH | 肯尼亚用户的订单数据全部存放在内罗毕的数据中心。                                           | DATA_LOCALIZATION
                    ZH | 菲律宾客户的身份资料目前托管在香港的云平台上。                                             | CROSS_BORDER_TRANSFER
                    """)
    void withoutADocumentJurisdictionTheOwnerDecides(String language, String text, Category expected) {
        Language lang = Language.fromCode(language.toLowerCase()).orElseThrow();
        Set<Category> found = CLASSIFIER.classify(text, 0, text.length(), lang, PassageContext.NONE, false).stream()
                .map(Finding::category).collect(Collectors.toSet());
        assertThat(found).contains(expected);
    }
}
