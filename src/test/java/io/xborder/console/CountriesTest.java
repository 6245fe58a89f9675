package io.xborder.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The jurisdiction picker reads what analysts type; nothing unknown silently becomes another country. */
class CountriesTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            China                      | CN
            china                      | CN
            中国                        | CN
            中华人民共和国                | CN
            People's Republic of China | CN
            CN                         | CN
            cn                         | CN
            China (CN)                 | CN
            '  China  '                | CN
            Switzerland                | CH
            CH                         | CH
            Indonesia                  | ID
            印度尼西亚                    | ID
            印尼                        | ID
            India                      | IN
            USA                        | US
            United States of America   | US
            美国                        | US
            the United Kingdom         | GB
            UK                         | GB
            European Union             | EU
            欧盟                        | EU
            Hong Kong                  | HK
            South Korea                | KR
            'Saint Helena, Ascension and Tristan da Cunha' | SH
            """)
    void readsNamesInEnglishAndChineseAndCodes(String typed, String code) {
        Countries.Resolved r = Countries.all().resolve(typed, false);
        assertThat(r.problem()).isNull();
        assertThat(r.country()).isPresent();
        assertThat(r.country().get().code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource(delimiter = '|', textBlock = """
            Chinaa
            XX
            Chinese
            Beijing
            Atlantis
            Unknown jurisdiction
            """)
    void refusesWhatNamesNoCountryWithAMessageInPlainWords(String typed) {
        Countries.Resolved r = Countries.all().resolve(typed, false);
        assertThat(r.country()).isEmpty();
        assertThat(r.unknownJurisdiction()).isFalse();
        assertThat(r.problem()).startsWith("“" + typed + "” is not a country or region we know");
    }

    @Test
    void unknownJurisdictionIsAChoiceOnlyWhereAllowed() {
        assertThat(Countries.all().resolve("Unknown jurisdiction", true).unknownJurisdiction()).isTrue();
        assertThat(Countries.all().resolve("未知", true).unknownJurisdiction()).isTrue();
        assertThat(Countries.all().resolve("", true).country()).isEmpty();
        assertThat(Countries.all().resolve("", true).problem()).isNull();
    }

    @Test
    void everyCodeHasNamesAndThePickerChoiceReadsBack() {
        assertThat(Countries.all().list()).hasSize(250);
        for (Countries.Country c : Countries.all().list()) {
            assertThat(c.english()).isNotBlank();
            assertThat(Countries.all().resolve(c.choice(), false).country()).contains(c);
            assertThat(Countries.all().resolve(c.english(), false).country()).contains(c);
        }
        assertThat(Countries.all().name("CN")).isEqualTo("China");
        assertThat(ConsoleExtensions.countryBoth("ID")).isEqualTo("Indonesia · 印度尼西亚");
        assertThat(ConsoleExtensions.countries(List.of())).isEqualTo("none named");
    }
}
