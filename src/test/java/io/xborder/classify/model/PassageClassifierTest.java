package io.xborder.classify.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xborder.classify.Category;
import io.xborder.classify.DataCategory;
import io.xborder.classify.Evidence;
import io.xborder.classify.Explanation;
import io.xborder.classify.Finding;
import io.xborder.classify.Language;
import io.xborder.classify.Mechanism;
import io.xborder.classify.Modality;
import io.xborder.classify.PassageContext;
import io.xborder.classify.rules.RuleSet;
import io.xborder.testing.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PassageClassifierTest {

    private static final PassageClassifier CLASSIFIER = PassageClassifier.fromClasspath();

    private static final String MUSK_ASKED = "Tesla CEO Elon Musk made an unannounced visit to Beijing on April 28 to discuss "
            + "the rollout of fully self-driving software and reportedly asked for permission to transfer data collected in "
            + "China overseas.";
    private static final String MUSK_SEEKING = "Mr. Musk is seeking approval to transfer data collected in China overseas to "
            + "train Tesla's self-driving technology algorithms.";
    private static final String SHANGHAI = "Since 2021, Tesla has stored all Chinese vehicle data in Shanghai in accordance "
            + "with Chinese regulations and does not send any data to the United States.";

    private static Set<Category> categories(List<Finding> findings) {
        return findings.stream().map(Finding::category).collect(Collectors.toSet());
    }

    private static List<Finding> classify(String text, Language lang) {
        return CLASSIFIER.classify(text, 0, text.length(), lang, PassageContext.NONE, true);
    }

    @Test
    void teslaTransferRequestsAreSecurityAssessmentReportsAboutChineseVehicleData() {
        for (String s : List.of(MUSK_ASKED, MUSK_SEEKING)) {
            List<Finding> findings = classify(s, Language.EN);
            assertThat(categories(findings)).containsExactly(Category.CROSS_BORDER_TRANSFER);
            Finding f = findings.get(0);
            assertThat(f.mechanisms()).containsExactly(Mechanism.SECURITY_ASSESSMENT);
            assertThat(f.jurisdictions()).contains("CN");
            assertThat(f.dataCategories()).containsExactly(DataCategory.VEHICLE_DATA);
            assertThat(f.modality()).isEqualTo(Modality.REPORT);
            assertThat(f.evidence())
                    .anySatisfy(e -> assertThat(e.text()).contains("transfer data collected in China overseas"));
        }
    }

    @Test
    void teslaShanghaiStorageSentenceIsBothCategories() {
        List<Finding> findings = classify(SHANGHAI, Language.EN);
        assertThat(categories(findings)).containsExactlyInAnyOrder(Category.CROSS_BORDER_TRANSFER,
                Category.DATA_LOCALIZATION);
        for (Finding f : findings) {
            assertThat(f.dataCategories()).containsExactly(DataCategory.VEHICLE_DATA);
            assertThat(f.modality()).isEqualTo(Modality.REPORT);
            assertThat(f.jurisdictions()).contains("CN", "US");
        }
    }

    @Test
    void otherSentencesOfTheTeslaArticleGetNoFinding() throws IOException {
        Path doc = SharedCorpus.require("corpus/documents/tesla-beijing-news.txt");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Set<String> positives = Set.of(MUSK_ASKED, MUSK_SEEKING, SHANGHAI);
        // naive sentence split is enough for this article
        for (String sentence : text.split("(?<=[.!?])\\s+|\\n+")) {
            String s = sentence.strip();
            if (s.isEmpty() || positives.stream().anyMatch(p -> p.contains(s))) {
                continue;
            }
            assertThat(classify(s, Language.EN)).as(s).isEmpty();
        }
        for (String p : positives) {
            assertThat(text).contains(p);
        }
    }

    @Test
    void evidenceOffsetsPointIntoTheWholeTextWhenThePassageStartsLater() {
        String prefix = "Story continues below. 中文前缀。\uD83D\uDE00 ";
        String text = prefix + SHANGHAI + " Source link";
        int start = prefix.length();
        List<Finding> findings = CLASSIFIER.classify(text, start, start + SHANGHAI.length(), Language.EN,
                (String) null);
        assertThat(findings).hasSize(2);
        for (Finding f : findings) {
            assertThat(f.evidence()).isNotEmpty();
            for (Evidence e : f.evidence()) {
                assertThat(e.start()).isGreaterThanOrEqualTo(start);
                assertThat(e.end()).isLessThanOrEqualTo(start + SHANGHAI.length());
                assertThat(text.substring(e.start(), e.end())).isEqualTo(e.text());
                assertThat(e.cue()).matches("en\\.[a-z-]+\\.[a-z-]+");
            }
            assertThat(f.explanation().rules()).isNotEmpty();
            assertThat(f.explanation().basis()).isEqualTo(Explanation.Basis.RULES_AND_MODEL);
            assertThat(f.explanation().modelScore()).isEqualTo(f.confidence());
            assertThat(f.confidence()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void chineseLawFindingCarriesTheDocumentJurisdiction() {
        String text = "第四十条 关键信息基础设施运营者应当将在中华人民共和国境内收集和产生的个人信息存储在境内。";
        List<Finding> findings = CLASSIFIER.classify(text, 0, text.length(), Language.ZH, "CN");
        assertThat(categories(findings)).containsExactly(Category.DATA_LOCALIZATION);
        assertThat(findings.get(0).jurisdictions()).containsExactly("CN");
        assertThat(findings.get(0).modality()).isEqualTo(Modality.REQUIREMENT);
        assertThat(findings.get(0).dataCategories()).containsExactly(DataCategory.PERSONAL_INFORMATION);
    }

    @Test
    void rejectsPassageBoundsOutsideTheText() {
        assertThatThrownBy(() -> CLASSIFIER.classify("abc", 2, 5, Language.EN, (String) null))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(CLASSIFIER.classify("abc", 1, 1, Language.EN, (String) null)).isEmpty();
    }

    @Test
    void versionIsTheRulesContentHashAndTheModelVersion() {
        assertThat(CLASSIFIER.version()).matches("\\d{4}\\.\\d{2}-[0-9a-f]{8}\\+model-[0-9a-f]{8}");
        assertThat(PassageClassifier.fromClasspath().version()).isEqualTo(CLASSIFIER.version());
        assertThat(CLASSIFIER.rules().ruleSet().languages()).containsKeys(Language.EN, Language.ZH);
        assertThat(CLASSIFIER.rules().ruleSet().languages().get(Language.EN).categories())
                .extracting(RuleSet.CategoryRules::category)
                .containsExactlyInAnyOrder(Category.CROSS_BORDER_TRANSFER, Category.DATA_LOCALIZATION);
    }

    @Test
    void adversarialInputFinishesFast() {
        StringBuilder cues = new StringBuilder();
        while (cues.length() < 200_000) {
            cues.append("transfer personal data abroad store data locally standard contractual clauses shall not may ");
        }
        StringBuilder zh = new StringBuilder();
        while (zh.length() < 200_000) {
            zh.append("向境外提供个人信息应当在境内存储数据出境安全评估不得可以");
        }
        Random rnd = new Random(42);
        StringBuilder noise = new StringBuilder();
        while (noise.length() < 200_000) {
            int cp = rnd.nextInt(0x2FFFF) + 1;
            if (Character.isValidCodePoint(cp) && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                noise.appendCodePoint(cp);
            }
        }
        String aaa = "a".repeat(200_000);
        long t0 = System.nanoTime();
        for (String s : List.of(cues.toString(), noise.toString(), aaa)) {
            for (Language l : Language.values()) {
                CLASSIFIER.classify(s, 0, s.length(), l, PassageContext.NONE, true);
            }
        }
        String z = zh.toString();
        CLASSIFIER.classify(z, 0, z.length(), Language.ZH, "CN");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void throughputOverTwoMegabytes() {
        // news-like mix: one passage in six has cues of a category
        String en = "The company reported higher quarterly revenue and said it would expand its retail business in Asia. "
                + "Personal data may be transferred to a third country only under standard contractual clauses. "
                + "Analysts expect demand for electric vehicles to keep growing next year. "
                + "The central bank kept interest rates unchanged and signalled caution about inflation. "
                + "Shares of the chipmaker rose after it announced a new data centre processor. "
                + "The minister said the new rail line would cut travel times between the two cities by half. ";
        String zh = "该公司公布季度营收增长，并表示将扩大在亚洲的零售业务。个人信息处理者向境外提供个人信息的，应当通过安全评估。"
                + "分析人士预计明年电动汽车需求将继续增长。央行维持利率不变，并对通胀保持谨慎。"
                + "该芯片厂商发布新款数据中心处理器后股价上涨。部长表示，新铁路线将使两座城市之间的出行时间缩短一半。";
        for (var e : List.of(new Object[] { Language.EN, en }, new Object[] { Language.ZH, zh })) {
            Language lang = (Language) e[0];
            String unit = (String) e[1];
            String[] sentences = unit.split("(?<=[.。])\\s*");
            StringBuilder sb = new StringBuilder();
            while (sb.length() * (lang == Language.ZH ? 3 : 1) < 2_000_000) {
                sb.append(unit);
            }
            String text = sb.toString();
            int[] bounds = sentenceBounds(text);
            for (int warm = 0; warm < 3; warm++) {
                run(text, bounds, lang);
            }
            // best of five: the CI machine is shared, the best run is the closest to the code's own speed
            double secs = Double.MAX_VALUE;
            int findings = 0;
            for (int r = 0; r < 5; r++) {
                long t0 = System.nanoTime();
                findings = run(text, bounds, lang);
                secs = Math.min(secs, (System.nanoTime() - t0) / 1e9);
            }
            double mb = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
            System.out.printf(Locale.ROOT,
                    "throughput %s: %.1f MB UTF-8 in %.3f s = %.1f MB/s (%d passages, %d findings)%n",
                    lang.code(), mb, secs, mb / secs, bounds.length / 2, findings);
            assertThat(findings).isPositive();
            assertThat(sentences.length).isPositive();
        }
    }

    private static int run(String text, int[] bounds, Language lang) {
        int n = 0;
        for (int i = 0; i < bounds.length; i += 2) {
            n += CLASSIFIER.classify(text, bounds[i], bounds[i + 1], lang, PassageContext.NONE, true).size();
        }
        return n;
    }

    private static int[] sentenceBounds(String text) {
        List<Integer> b = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' || c == '。') {
                b.add(start);
                b.add(i + 1);
                start = i + 1;
            }
        }
        return b.stream().mapToInt(Integer::intValue).toArray();
    }
}
