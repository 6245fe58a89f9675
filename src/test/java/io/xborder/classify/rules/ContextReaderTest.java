package io.xborder.classify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.xborder.classify.Genre;
import io.xborder.classify.Language;
import io.xborder.classify.PassageContext;
import io.xborder.classify.jurisdiction.Gazetteer;
import io.xborder.segment.Segment;
import io.xborder.segment.Segmenter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a document says about its passages when its sender gives no jurisdiction: the kind of document, and the
 * jurisdiction it is about, read from its title, its lead and (for a rule) the issuer's line of its heading block.
 * Each case is a short document of its class, written for this test.
 */
class ContextReaderTest {

    private static final Segmenter SEGMENTER = Segmenter.withDefaults();
    private static final ContextReader READER = new ContextReader(RuleEngine.fromClasspath(),
            Gazetteer.fromClasspath());

    record Case(String name, Language language, String text, Genre genre, String law, String place) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("a regulator's notice names its country once, in the issuer's line", Language.EN, """
                        Directive on the Use of Offsite Computing Services by Licensed Insurers
                        CENTRAL BANK OF SURINAME
                        Directive No. 7 of 2025
                        1. This Directive applies to every licensed insurer.
                        2. An insurer shall keep its policyholder register on servers located within the country.
                        """, Genre.LAW, "SR", "SR"),
                new Case("a ruling's heading block names the republic in capitals", Language.EN, """
                        Determination on a complaint against Pesa Haraka Limited
                        OFFICE OF THE DATA PROTECTION COMMISSIONER
                        REPUBLIC OF UGANDA
                        Complaint No. 18 of 2025
                        The complainant alleged that her loan records were copied to a server abroad.
                        """, Genre.DECISION, "UG", "UG"),
                new Case("a Chinese rendering of a foreign law: the title's country, not China", Language.ZH, """
                        智利《个人数据保护法》中文参考译本（节选）
                        译者说明：本中文译文仅供参考，以西班牙文文本为准。
                        第二十七条　个人数据仅可在下列情形下向境外传输：
                        （一）接收国提供适当的保护水平；
                        """, Genre.LAW, "CL", "CL"),
                new Case("a Macao regulator's FAQ page", Language.ZH, """
                        个人资料转移常见问题
                        澳门特别行政区政府　个人资料保护局
                        首页 > 常见问题
                        问：个人资料可以转移到澳门以外的地方吗？
                        答：须符合法律规定的条件。
                        """, Genre.GUIDANCE, "MO", "MO"),
                new Case("a rule whose heading block names two countries names neither", Language.EN, """
                        Joint Guidelines on Data Sharing for Cross-Border Payments
                        MONETARY AUTHORITY OF SINGAPORE
                        BANK NEGARA MALAYSIA
                        1. These guidelines describe how payment data may be shared between the two systems.
                        """, Genre.GUIDANCE, null, null),
                new Case("a news story: its lead names the country it is about twice", Language.EN,
                        """
                                Regulator orders ride-hailing firm to stop sending trip data abroad
                                By a staff reporter
                                Chile's data protection agency said on Monday that the company had copied trip records to servers
                                in the United States. The agency gave the firm in Chile thirty days to respond.
                                """,
                        null, null, "CL"),
                new Case("a news story naming one country once does not make it the story's place", Language.EN, """
                        Cloud provider opens new region
                        The company said the region in Norway would serve customers across the Nordics.
                        """, null, null, null),
                new Case("a Chinese story keeps China as the place of its deictic words", Language.ZH, """
                        某车企数据出境安全评估获批
                        记者从相关部门获悉，该企业向德国总部传输研发数据的申报已通过评估。
                        """, Genre.NEWS, null, null),
                new Case("an e-mail: its sender line comes before the legal department of its signature", Language.ZH,
                        """
                                回复：关于东南亚业务数据汇总的问题
                                发件人：刘洋（法务部）
                                收件人：赵敏
                                赵敏你好，附件是各国对数据存储地点的要求汇总，请查收。
                                """,
                        Genre.BUSINESS, null, null),
                new Case("a news dateline comes before the decree it reports on", Language.ZH, """
                        多国收紧数据出境管理
                        本报讯（记者 王芳）越南近日发布的第53号法令要求外国企业在当地存储用户数据。
                        """, Genre.NEWS, null, null),
                new Case("a central bank's circular with numbered paragraphs (1.1, 1.2)", Language.EN, """
                        Circular on the Hosting of Payment Records by Licensed Payment Institutions
                        BANK OF BOTSWANA
                        Ref. PSD/2025/11
                        1.1 This Circular applies to every licensed payment institution.
                        1.2 An institution shall keep its transaction records on servers located in the country.
                        """, Genre.LAW, "BW", "BW"),
                new Case("a resolution whose provisions are numbered with a full stop", Language.EN, """
                        Resolution No. 14/2025 on Electronic Records of Notaries
                        NATIONAL NOTARIAL COUNCIL OF PARAGUAY
                        1. Notaries shall keep the electronic protocol on a server of the Council.
                        2. No copy of the protocol may be held by a provider outside the Republic.
                        """, Genre.LAW, "PY", "PY"),
                new Case("a licence's conditions numbered 6.1, 6.2", Language.EN, """
                        Unified Licence — Schedule of Licence Conditions, Part 6
                        TELECOMMUNICATIONS REGULATORY AUTHORITY OF SRI LANKA
                        6.1 The licensee shall retain call detail records for two years.
                        6.2 Subscriber records shall not be hosted outside the country without approval.
                        """, Genre.LAW, "LK", "LK"),
                new Case("a Chinese authority's notice: items numbered 一、 beside its document number", Language.ZH, """
                        关于加强港口物流平台运维数据管理的通知
                        青港航发〔2025〕9号
                        各港口企业：
                        一、平台数据应当存储在境内机房，运维服务商为新加坡公司的，不得从新加坡远程访问。
                        二、确需向新加坡总部提供运维日志的，应当事先报告。
                        """, Genre.LAW, "CN", "CN"),
                new Case("a company's memo numbered the same way is no rule", Language.ZH, """
                        关于调整客服系统数据存储方案的说明
                        一、客服录音自下月起全部存储在杭州机房。
                        二、新加坡团队不再直接访问录音，改为查看脱敏摘要。
                        """, null, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void readsTheDocumentsKindAndJurisdiction(Case c) {
        List<Segment> segments = SEGMENTER.segment(c.text(), c.language());
        List<int[]> ranges = segments.stream().map(s -> new int[] { s.start(), s.end() }).toList();

        PassageContext context = READER.read(c.text(), ranges, c.language(), null, null);

        assertThat(context.genre()).as("genre").isEqualTo(c.genre());
        assertThat(context.documentJurisdiction()).as("the law's jurisdiction").isEqualTo(c.law());
        assertThat(context.placeJurisdiction()).as("the place deictic words refer to").isEqualTo(c.place());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aGivenJurisdictionWins(Case c) {
        List<int[]> ranges = SEGMENTER.segment(c.text(), c.language()).stream()
                .map(s -> new int[] { s.start(), s.end() }).toList();

        PassageContext context = READER.read(c.text(), ranges, c.language(), "NZ", null);

        assertThat(context.placeJurisdiction()).isEqualTo("NZ");
        if (c.genre() == Genre.LAW || c.genre() == Genre.GUIDANCE || c.genre() == Genre.DECISION) {
            assertThat(context.documentJurisdiction()).isEqualTo("NZ");
        }
    }
}
