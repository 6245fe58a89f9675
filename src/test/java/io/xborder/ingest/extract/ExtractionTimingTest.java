package io.xborder.ingest.extract;

import static io.xborder.ingest.extract.Fixtures.EN_1;
import static io.xborder.ingest.extract.Fixtures.EN_2;
import static io.xborder.ingest.extract.Fixtures.ZH_1;
import static io.xborder.ingest.extract.Fixtures.ZH_2;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Prints first-call and warm times per format. Times are not asserted (2 shared cores); "cold" is only cold when
 * this class runs alone in a fresh JVM ({@code -Dtest=ExtractionTimingTest}).
 */
class ExtractionTimingTest {

    private static final int WARM_RUNS = 20;

    @Test
    void printsColdAndWarmTimesPerFormat() throws Exception {
        Map<String, byte[]> inputs = new LinkedHashMap<>();
        inputs.put("text GB18030", (ZH_1 + "\n\n" + ZH_2).getBytes(Charset.forName("GB18030")));
        inputs.put("HTML UTF-8", Fixtures.noisyHtml("utf-8", StandardCharsets.UTF_8, EN_1, EN_2, ZH_1));
        inputs.put("HTML GBK, no meta", Fixtures.chineseHtmlWithoutMeta());
        inputs.put("PDF (PDFBox, 2 pages)", Fixtures.pdf("T", List.of(List.of(EN_1, EN_2), List.of(EN_1))));
        inputs.put("DOCX (POI, EN+ZH)", Fixtures.docx("T", EN_1, ZH_1, ZH_2));
        inputs.put("RTF", Fixtures.rtf());

        long start = System.nanoTime();
        try (TextExtractor extractor = TextExtractor.withDefaults()) {
            StringBuilder report = new StringBuilder(String.format("%nTextExtractor init: %d ms%n",
                    (System.nanoTime() - start) / 1_000_000));
            report.append(String.format("%-24s %10s %10s%n", "format", "first ms", "warm ms"));
            for (Map.Entry<String, byte[]> input : inputs.entrySet()) {
                long t0 = System.nanoTime();
                ExtractedText first = extractor.extract(input.getValue(), null, null);
                double firstMs = (System.nanoTime() - t0) / 1e6;
                assertThat(first.text()).isNotBlank();
                double[] warm = new double[WARM_RUNS];
                for (int i = 0; i < WARM_RUNS; i++) {
                    long t = System.nanoTime();
                    extractor.extract(input.getValue(), null, null);
                    warm[i] = (System.nanoTime() - t) / 1e6;
                }
                Arrays.sort(warm);
                report.append(String.format("%-24s %10.1f %10.2f%n", input.getKey(), firstMs, warm[WARM_RUNS / 2]));
            }
            System.out.println(report);
        }
    }
}
