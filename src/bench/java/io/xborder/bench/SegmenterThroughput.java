package io.xborder.bench;

import io.xborder.segment.Segment;
import io.xborder.segment.Segmenter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Prints segmentation throughput for about 2 MB of English and of Chinese news/law text (with boilerplate lines and
 * numbered legal articles): {@code mvn -Pbench -q -DskipTests test-compile exec:java@segment-throughput}. Not a
 * benchmark of record (no JMH, no baseline); the suite's {@code core} part measures segmentation with
 * classification.
 */
public final class SegmenterThroughput {

    private static final String EN = """
            Tesla CEO Elon Musk made an unannounced visit to Beijing on April 28 to discuss the rollout of fully \
            self-driving software and reportedly asked for permission to transfer data collected in China overseas. \
            Mr. Musk is seeking approval from the U.S. and China. Since 2021, Tesla has stored all Chinese vehicle \
            data in Shanghai, i.e. in accordance with Chinese regulations, and does not send any data abroad.
            Advertisement
            Article 44. Any transfer of personal data to a third country shall take place only if the conditions \
            laid down in this Chapter are complied with by the controller and processor.
            Meta has been fined a record 1.2 billion euros under art. 46 GDPR. The decision, announced on 22 May \
            2023, is the largest penalty imposed under the GDPR since it took effect in 2018.

            """;

    private static final String ZH = """
            自2018年2月28日起，中国内地的iCloud服务由云上贵州大数据产业发展有限公司负责运营，用户数据存储在中国境内的服务器上。\
            苹果表示：“作出这一调整是为了遵守中国关于云服务的法律法规。”
            点击查看更多
            第四条 个人信息处理者通过订立标准合同的方式向境外提供个人信息的，应当同时符合下列情形：（一）非关键信息基础设施运营者；\
            （二）处理个人信息不满100万人的；（三）自上年1月1日起累计向境外提供个人信息不满10万人的。法律、行政法规另有规定的，从其规定。
            第三十八条 个人信息处理者因业务需要，确需向境外提供个人信息的，应当具备下列条件之一：
            （一）通过国家网信部门组织的安全评估；
            （二）按照国家网信部门的规定经专业机构进行个人信息保护认证。

            """;

    private static final int TARGET_CHARS = 2_000_000;

    private SegmenterThroughput() {
    }

    public static void main(String[] args) {
        Segmenter segmenter = Segmenter.withDefaults();
        measure(segmenter, "EN", EN.repeat(TARGET_CHARS / EN.length() + 1));
        measure(segmenter, "ZH", ZH.repeat(TARGET_CHARS / 3 / ZH.length() + 1)); // ~2 MB in UTF-8
    }

    private static void measure(Segmenter segmenter, String label, String text) {
        double megabytes = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
        List<Segment> segments = List.of();
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            segments = segmenter.segment(text, null);
        }
        int rounds = 5;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            segments = segmenter.segment(text, null);
        }
        double seconds = (System.nanoTime() - start) / 1e9 / rounds;
        System.out.printf("segment throughput %s: %.1f MB/s (%.2f MB UTF-8, %d chars, %d passages, %.1f ms/run)%n",
                label, megabytes / seconds, megabytes, text.length(), segments.size(), seconds * 1000);
        if (segments.isEmpty()) {
            throw new IllegalStateException("no passages in the " + label + " text");
        }
    }
}
