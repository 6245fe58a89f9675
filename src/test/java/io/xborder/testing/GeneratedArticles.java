package io.xborder.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Made-up news articles in English and Chinese for load and scale tests: each is unique (it carries its own reference
 * {@code XB-GEN-nnnnn}), a few paragraphs of business news from templates filled at random (seeded, so a run is
 * repeatable), and every third one also states a data localisation or cross-border transfer rule, so that it has
 * findings. Not drawn from the training data or the labelled corpus.
 */
public final class GeneratedArticles {

    /** One article: its reference, file name, language, whether it states a rule, and its text. */
    public record Article(String reference, String fileName, String language, boolean statesRule, String text) {
    }

    private static final String[] EN_COMPANIES = { "Northwind Logistics", "Helios Pay", "Kestrel Cloud",
            "Ardent Health", "Bluefin Motors", "Orchid Retail", "Meridian Bank", "Tallis Telecom", "Quarry Analytics",
            "Saffron Foods" };
    private static final String[] EN_COUNTRIES = { "China", "India", "Vietnam", "Indonesia", "Russia", "Saudi Arabia",
            "Nigeria", "Turkey", "Brazil", "Kenya" };
    private static final String[] EN_CITIES = { "Shanghai", "Mumbai", "Hanoi", "Jakarta", "Moscow", "Riyadh", "Lagos",
            "Istanbul", "Sao Paulo", "Nairobi" };
    private static final String[] EN_DATA = { "personal information", "payment data", "health records",
            "customer data", "location data", "financial data" };
    private static final String[] EN_PRODUCTS = { "electric vans", "cloud storage", "mobile wallets",
            "frozen dumplings", "hearing aids", "solar panels", "used cars", "broadband plans" };
    private static final String[] EN_NEWS = {
            "%1$s reported quarterly revenue of %4$d million dollars, up %5$d percent from a year earlier.",
            "Shares of %1$s rose %5$d percent in %3$s trading after the results were published.",
            "The company plans to open %4$d new branches in %2$s over the next two years.",
            "Analysts expect demand for %6$s to grow steadily, although competition in %2$s remains fierce.",
            "%1$s appointed a new chief financial officer, who previously ran its business in %3$s.",
            "A spokesperson for %1$s said the firm would keep investing in %6$s despite higher borrowing costs.",
            "Its biggest rival cut prices of %6$s by %5$d percent last month, squeezing margins across %2$s.",
            "The board proposed a dividend of %5$d cents a share, to be paid in the autumn.",
            "Employees in %3$s were told that the new headquarters would open before the end of the year.",
            "Weather delays at the port of %3$s held up deliveries of %6$s for %5$d days." };
    private static final String[] EN_RULES = {
            "Under the new regulation, operators in %2$s shall store %7$s collected within the country on servers "
                    + "located in %2$s.",
            "All payment system providers must store %7$s only in %2$s, the central bank said in a circular.",
            "Before transferring %7$s abroad, companies in %2$s must pass a security assessment by the regulator.",
            "%1$s is seeking approval to transfer %7$s collected in %2$s to servers overseas.",
            "The draft law requires that %7$s of %2$s residents be kept in data centres inside the country and "
                    + "not be transferred outside its territory without the consent of the individual." };

    private static final String[] ZH_COMPANIES = { "华信物流", "云帆科技", "长江支付", "海川医疗", "星辰汽车", "东方零售", "北辰银行",
            "天穹通信" };
    private static final String[] ZH_COUNTRIES = { "中国", "越南", "印度", "俄罗斯", "印度尼西亚", "沙特阿拉伯", "土耳其", "巴西" };
    private static final String[] ZH_CITIES = { "上海", "深圳", "杭州", "成都", "武汉", "西安", "南京", "重庆" };
    private static final String[] ZH_DATA = { "个人信息", "重要数据", "支付数据", "健康医疗数据", "用户数据", "位置数据" };
    private static final String[] ZH_PRODUCTS = { "电动货车", "云存储服务", "移动支付", "速冻水饺", "助听器", "光伏组件", "二手车",
            "宽带套餐" };
    private static final String[] ZH_NEWS = { "%1$s公布第三季度营业收入%4$d亿元，同比增长%5$d%%。", "受业绩提振，%1$s股价在%3$s当日上涨%5$d%%。",
            "公司计划在未来两年内于%2$s新开%4$d家分支机构。", "分析人士预计%6$s需求将稳步增长，但%2$s市场竞争依然激烈。",
            "%1$s任命了新的首席财务官，此人此前负责%3$s地区的业务。", "%1$s发言人表示，尽管融资成本上升，公司仍将继续投资%6$s。",
            "其主要竞争对手上月将%6$s价格下调%5$d%%，压缩了整个行业的利润空间。", "董事会提议每股派发现金红利%5$d分，将于秋季发放。",
            "%3$s的员工获悉，新总部将在年底前投入使用。", "受天气影响，%3$s港口的%6$s交付推迟了%5$d天。" };
    private static final String[] ZH_RULES = { "关键信息基础设施的运营者在%2$s境内运营中收集和产生的%7$s应当在境内存储。",
            "因业务需要确需向境外提供%7$s的，应当通过国家网信部门组织的安全评估。", "%1$s表示，其在%2$s收集的%7$s将存储在境内的数据中心，不会传输至境外。",
            "根据新规，处理者向境外提供%7$s前，应当取得个人的单独同意，并与境外接收方订立标准合同。" };

    private GeneratedArticles() {
    }

    /**
     * {@code count} articles, alternately English and Chinese (every fifth of the pairs both English), every third
     * stating a rule; the same seed gives the same articles.
     */
    public static List<Article> generate(int count, long seed) {
        Random random = new Random(seed);
        List<Article> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean chinese = i % 2 == 1 && i % 10 != 9;
            boolean rule = i % 3 == 0;
            String reference = String.format("XB-GEN-%05d", i);
            String text = chinese ? chinese(random, reference, rule) : english(random, reference, rule);
            out.add(new Article(reference, String.format("article-%05d.txt", i), chinese ? "zh" : "en", rule, text));
        }
        return out;
    }

    private static String english(Random r, String reference, boolean rule) {
        Object[] slots = { pick(r, EN_COMPANIES), pick(r, EN_COUNTRIES), pick(r, EN_CITIES), 10 + r.nextInt(990),
                1 + r.nextInt(40), pick(r, EN_PRODUCTS), pick(r, EN_DATA) };
        StringBuilder text = new StringBuilder();
        text.append(slots[0]).append(" ").append(pick(r, new String[] { "expands in", "reports results from",
                "faces questions in", "reorganises its business in" })).append(" ").append(slots[1]).append("\n\n");
        int paragraphs = 3 + r.nextInt(4);
        int ruleAt = rule ? r.nextInt(paragraphs) : -1;
        for (int p = 0; p < paragraphs; p++) {
            int sentences = 2 + r.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                text.append(String.format(pick(r, EN_NEWS), slots)).append(' ');
            }
            if (p == ruleAt) {
                text.append(String.format(pick(r, EN_RULES), slots)).append(' ');
            }
            text.setLength(text.length() - 1);
            text.append("\n\n");
        }
        return text.append("Reference ").append(reference).append(".\n").toString();
    }

    private static String chinese(Random r, String reference, boolean rule) {
        Object[] slots = { pick(r, ZH_COMPANIES), pick(r, ZH_COUNTRIES), pick(r, ZH_CITIES), 2 + r.nextInt(98),
                1 + r.nextInt(40), pick(r, ZH_PRODUCTS), pick(r, ZH_DATA) };
        StringBuilder text = new StringBuilder();
        text.append(slots[0]).append(pick(r, new String[] { "拓展", "发布", "调整", "回应" })).append(slots[1])
                .append("业务\n\n");
        int paragraphs = 3 + r.nextInt(4);
        int ruleAt = rule ? r.nextInt(paragraphs) : -1;
        for (int p = 0; p < paragraphs; p++) {
            int sentences = 2 + r.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                text.append(String.format(pick(r, ZH_NEWS), slots));
            }
            if (p == ruleAt) {
                text.append(String.format(pick(r, ZH_RULES), slots));
            }
            text.append("\n\n");
        }
        return text.append("文号：").append(reference).append("。\n").toString();
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
