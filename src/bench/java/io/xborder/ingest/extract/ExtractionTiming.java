package io.xborder.ingest.extract;

import static io.xborder.ingest.extract.Fixtures.EN_1;
import static io.xborder.ingest.extract.Fixtures.EN_2;
import static io.xborder.ingest.extract.Fixtures.ZH_1;
import static io.xborder.ingest.extract.Fixtures.ZH_2;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints first-call and warm times of text extraction per format:
 * {@code mvn -Pbench -q -DskipTests test-compile exec:java@extraction-timing}. The first call of a format includes
 * loading its parser classes. In this package (bench sources) for the test fixtures that build the documents.
 */
public final class ExtractionTiming {

    private static final int WARM_RUNS = 20;

    private ExtractionTiming() {
    }

    public static void main(String[] args) throws Exception {
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
                if (first.text().isBlank()) {
                    throw new IllegalStateException(input.getKey() + ": no text extracted");
                }
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
