package io.xborder.classify.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Language;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GazetteerTest {

    private static final Gazetteer GAZETTEER = Gazetteer.fromClasspath();

    /** Rows of {@code gazetteer/cases.tsv}: text, document jurisdiction or -, language, expected codes (space-separated, - for none). */
    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = GazetteerTest.class.getClassLoader().getResourceAsStream("gazetteer/cases.tsv")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] c = line.split("\t", -1);
                out.add(Arguments.of(c[0], c[1].equals("-") ? null : c[1], Language.valueOf(c[2]),
                        c[3].equals("-") ? Set.of() : new TreeSet<>(Arrays.asList(c[3].trim().split("\\s+")))));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "[{index}] {0} ({1}, {2}) -> {3}")
    @MethodSource("cases")
    void findsTheExpectedJurisdictions(String text, String documentJurisdiction, Language language,
            Set<String> expected) {
        List<JurisdictionMention> mentions = GAZETTEER.find(text, 0, text.length(), documentJurisdiction, language);

        Set<String> found = mentions.stream().map(JurisdictionMention::code)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(found)
                .as("codes found in %s: %s", text, mentions)
                .isEqualTo(new TreeSet<>(expected));
        assertOffsetsConsistent(text, 0, text.length(), mentions);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void findsTheSameInsideALongerTextAtShiftedOffsets(String text, String documentJurisdiction, Language language,
            Set<String> expected) {
        String prefix = "Intro. 引言。 ";
        String longer = prefix + text + " 结尾. End.";
        List<JurisdictionMention> mentions = GAZETTEER.find(longer, prefix.length(), prefix.length() + text.length(),
                documentJurisdiction, language);

        Set<String> found = mentions.stream().map(JurisdictionMention::code).collect(Collectors.toSet());
        assertThat(found).isEqualTo(expected);
        assertOffsetsConsistent(longer, prefix.length(), prefix.length() + text.length(), mentions);
    }

    private static void assertOffsetsConsistent(String text, int from, int to, List<JurisdictionMention> mentions) {
        int previousEnd = from;
        for (JurisdictionMention m : mentions) {
            assertThat(m.start()).as("in order, non-overlapping, inside the range: %s", mentions)
                    .isGreaterThanOrEqualTo(previousEnd);
            assertThat(m.end()).isGreaterThan(m.start()).isLessThanOrEqualTo(to);
            assertThat(text.substring(m.start(), m.end())).isEqualTo(m.name());
            assertThat(GAZETTEER.isKnown(m.code())).as(m.code()).isTrue();
            previousEnd = m.end();
        }
    }

    @Test
    void listsEveryIsoCodeAndTheEuExactlyOnce() {
        Set<String> expected = new HashSet<>(Arrays.asList(Locale.getISOCountries()));
        expected.add("EU");

        assertThat(Locale.getISOCountries()).hasSize(249);
        assertThat(GAZETTEER.codes()).hasSize(250).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(GAZETTEER.jurisdictions()).extracting(Gazetteer.Jurisdiction::code).doesNotHaveDuplicates();
        for (String code : expected) {
            assertThat(GAZETTEER.isKnown(code)).as(code).isTrue();
            assertThat(GAZETTEER.englishName(code)).as(code).isPresent();
            assertThat(GAZETTEER.chineseName(code)).as(code).isPresent();
        }
        assertThat(GAZETTEER.isKnown("XK")).isFalse();
        assertThat(GAZETTEER.isKnown("cn")).isFalse();
        assertThat(GAZETTEER.isKnown(null)).isFalse();
        assertThat(GAZETTEER.englishName("US")).contains("United States");
        assertThat(GAZETTEER.chineseName("GB")).contains("英国");
    }

    @Test
    void territoriesNeverYieldChina() {
        for (String text : List.of("Hong Kong", "香港", "香港特别行政区", "中国香港", "Hong Kong, China", "HKSAR",
                "Macao", "Macau", "澳门", "中国澳门", "Taiwan", "台湾", "中国台湾", "Taipei", "Chinese Taipei", "台北")) {
            assertThat(GAZETTEER.find(text, 0, text.length(), null, Language.ZH))
                    .as(text)
                    .extracting(JurisdictionMention::code)
                    .doesNotContain("CN")
                    .hasSize(1)
                    .allMatch(c -> c.equals("HK") || c.equals("MO") || c.equals("TW"));
        }
    }

    @Test
    void reportsMentionsWithOffsetsInTextOrder() {
        String text = "The CAC said data on 中国 users may not go to the U.S. or the EU.";

        List<JurisdictionMention> mentions = GAZETTEER.find(text, 0, text.length(), null, Language.EN);

        assertThat(mentions).containsExactly(
                new JurisdictionMention("CN", 4, 7, "CAC"),
                new JurisdictionMention("CN", 21, 23, "中国"),
                new JurisdictionMention("US", 48, 52, "U.S."),
                new JurisdictionMention("EU", 60, 62, "EU"));
    }

    @Test
    void splitsChineseCompoundsIntoOneCharacterMentions() {
        String text = "中美两国";

        assertThat(GAZETTEER.find(text, 0, text.length(), null, Language.ZH)).containsExactly(
                new JurisdictionMention("CN", 0, 1, "中"),
                new JurisdictionMention("US", 1, 2, "美"));
    }

    @Test
    void onlyLooksInsideTheRangeButRespectsWordsAcrossItsEdges() {
        String text = "Indianapolis and China";

        assertThat(GAZETTEER.find(text, 0, 5, null, Language.EN)).isEmpty(); // "India" cut out of "Indianapolis"
        assertThat(GAZETTEER.find(text, 17, 22, null, Language.EN)).extracting(JurisdictionMention::code)
                .containsExactly("CN");
        assertThat(GAZETTEER.find(text, 0, 19, null, Language.EN)).isEmpty(); // nor "Indiana", nor "Ch"
        assertThat(GAZETTEER.find(null, 0, 3, null, Language.EN)).isEmpty();
        assertThat(GAZETTEER.find(text, 10, 5, null, Language.EN)).isEmpty();
    }

    @Test
    void deicticPhrasesResolveToTheDocumentJurisdictionFirst() {
        String text = "应当在境内存储";

        assertThat(GAZETTEER.find(text, 0, text.length(), "HK", Language.ZH)).extracting(JurisdictionMention::code)
                .containsExactly("HK");
        assertThat(GAZETTEER.find(text, 0, text.length(), null, Language.ZH)).extracting(JurisdictionMention::code)
                .containsExactly("CN");
        String en = "shall be stored within the territory";
        assertThat(GAZETTEER.find(en, 0, en.length(), null, Language.EN)).isEmpty();
        assertThat(GAZETTEER.find(en, 0, en.length(), "IN", Language.EN)).extracting(JurisdictionMention::code)
                .containsExactly("IN");
    }

    @Test
    void aDeicticPhraseAtThePassageEndIsNotJudgedByWhatFollowedItInAnEarlierPassage() {
        String en = "shall be stored within the territory";
        String earlier = en + " of France, as the earlier and longer passage said";

        // the same thread first reads a longer passage in which "of" follows the phrase at the same offset
        assertThat(GAZETTEER.find(earlier, 0, earlier.length(), "IN", Language.EN))
                .extracting(JurisdictionMention::code).containsExactly("FR");
        assertThat(GAZETTEER.find(en, 0, en.length(), "IN", Language.EN)).extracting(JurisdictionMention::code)
                .containsExactly("IN");
    }

    @Test
    void givesTheSameAnswersFromManyThreads() throws Exception {
        String text = "The CAC and 欧盟委员会 agreed: data of Hong Kong and 美国 users stays 境内, not in the UK.";
        List<JurisdictionMention> expected = GAZETTEER.find(text, 0, text.length(), null, Language.ZH);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<JurisdictionMention>>> futures = new ArrayList<>();
            for (int k = 0; k < 200; k++) {
                futures.add(pool.submit(() -> GAZETTEER.find(text, 0, text.length(), null, Language.ZH)));
            }
            for (var f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected).extracting(JurisdictionMention::code).containsExactly("CN", "EU", "HK", "US", "CN", "GB");
    }

    @Test
    void isSharedAndFast() {
        assertThat(Gazetteer.fromClasspath()).isSameAs(GAZETTEER);
        String chunk = "The Cyberspace Administration of China said on Tuesday that 个人信息出境 to the United States, "
                + "Hong Kong and Europe must pass a security assessment; us and them, Indiana, 法律, 日期. ";
        String big = chunk.repeat(20_000); // about 2.6 million characters
        long t0 = System.nanoTime();
        List<JurisdictionMention> mentions = GAZETTEER.find(big, 0, big.length(), null, Language.EN);
        long millis = (System.nanoTime() - t0) / 1_000_000;

        assertThat(mentions).hasSize(20_000 * 6); // Indiana is a US state
        assertThat(millis).as("one linear pass").isLessThan(5_000);
    }
}
