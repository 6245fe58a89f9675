package io.xborder.ingest.extract;

import static io.xborder.ingest.extract.Fixtures.EN_1;
import static io.xborder.ingest.extract.Fixtures.EN_2;
import static io.xborder.ingest.extract.Fixtures.ZH_1;
import static io.xborder.ingest.extract.Fixtures.ZH_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.xborder.ingest.extract.ExtractionException.Reason;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TextExtractorTest {

    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static TextExtractor extractor;

    @BeforeAll
    static void start() {
        extractor = TextExtractor.withDefaults();
    }

    @AfterAll
    static void stop() {
        extractor.close();
    }

    /**
     * One document that extracts. {@code paragraphs} must appear in order, each as a whole paragraph (between blank
     * lines); {@code absent} must not appear anywhere.
     */
    record Case(String name, Supplier<byte[]> bytes, String mediaTypeHint, String fileNameHint, String type,
            String charset, String title, Integer pages, List<String> paragraphs, List<String> absent) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> documents() {
        List<String> noise = List.of("Home", "Politics", "cookies", "Accept all", "ADVERTISEMENT", "Share on",
                "By A. Reporter", "Related:", "First comment", "newsletter", "©", "SCRIPT-TEXT", "color: red");
        return Stream.of(
                new Case("PDF made by PDFBox, two pages", () -> Fixtures.pdf("Localisation rules",
                        List.of(List.of(EN_1, EN_2), List.of("Second page text."))), null, null, "application/pdf",
                        null, "Localisation rules", 2, List.of(EN_1, EN_2, "Second page text."), List.of()),
                new Case("PDF named .txt and sent as text/plain is still a PDF", () -> Fixtures.pdf("T",
                        List.of(List.of(EN_1))), "text/plain", "law.txt", "application/pdf", null, "T", 1,
                        List.of(EN_1), List.of()),
                new Case("DOCX made by POI, English and Chinese", () -> Fixtures.docx("跨境数据", EN_1, ZH_1, ZH_2),
                        null, null, DOCX, null, "跨境数据", null, List.of(EN_1, ZH_1, ZH_2), List.of()),
                new Case("ODT, English and Chinese", () -> Fixtures.odt(EN_1, ZH_1), null, null,
                        "application/vnd.oasis.opendocument.text", null, null, null, List.of(EN_1, ZH_1), List.of()),
                new Case("RTF", Fixtures::rtf, null, null, "application/rtf", null, null, null, List.of(EN_1, EN_2),
                        List.of("rtf1", "fonttbl")),
                new Case("HTML article among nav, ads, share buttons and a cookie banner",
                        () -> Fixtures.noisyHtml("utf-8", StandardCharsets.UTF_8, EN_1, EN_2, ZH_1), null, null,
                        "text/html", "UTF-8", "Data rules tighten", null,
                        List.of("Data rules tighten", EN_1, EN_2, ZH_1), noise),
                new Case("Chinese HTML in GBK with <meta charset=gbk>",
                        () -> Fixtures.noisyHtml("gbk", GBK, ZH_1, ZH_2, "第三段。"), null, "news.html", "text/html",
                        "GB18030", "Data rules tighten", null, List.of(ZH_1, ZH_2, "第三段。"), noise),
                new Case("Chinese HTML in GBK without a charset declaration (detected)",
                        Fixtures::chineseHtmlWithoutMeta, null, null, "text/html", "GB18030", "数据出境新规", null,
                        List.of(ZH_1, ZH_2), List.of("首页", "版权所有")),
                new Case("GBK HTML whose HTTP header says UTF-8 but <meta> says gbk",
                        () -> Fixtures.noisyHtml("gbk", GBK, ZH_1, ZH_2, "第三段。"), "text/html; charset=UTF-8", null,
                        "text/html", "GB18030", "Data rules tighten", null, List.of(ZH_1, ZH_2), List.of()),
                new Case("GB18030 plain text, no hints", () -> (ZH_1 + "\r\n\r\n" + ZH_2 + "\r\n").getBytes(GB18030),
                        null, null, "text/plain", "GB18030", null, null, List.of(ZH_1, ZH_2), List.of("\r")),
                new Case("GB18030 plain text named .txt", () -> (ZH_1 + "\n" + ZH_2).getBytes(GB18030), null,
                        "rules.txt", "text/plain", "GB18030", null, null, List.of(), List.of()),
                new Case("UTF-8 text with a byte-order mark", () -> Fixtures.withUtf8Bom(EN_1 + "\r\n\r\n" + ZH_1),
                        null, null, "text/plain", "UTF-8", null, null, List.of(EN_1, ZH_1), List.of("\uFEFF", "\r")),
                new Case("windows-1252 text with curly quotes", () -> ("The regulator said: \u201CData shall remain "
                        + "in the country,\u201D adding that the caf\u00E9 chain\u2019s records are covered. "
                        + "Transfers abroad require approval \u2013 a step the ministry calls essential.")
                        .getBytes(CP1252), "text/plain", null, "text/plain", "windows-1252", null, null,
                        List.of(), List.of("\uFFFD")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void extractsText(Case c) throws Exception {
        ExtractedText out = extractor.extract(c.bytes().get(), c.mediaTypeHint(), c.fileNameHint());

        assertThat(out.mediaType()).isEqualTo(c.type());
        assertThat(out.charset()).isEqualTo(c.charset());
        assertThat(out.title()).isEqualTo(c.title());
        assertThat(out.pages()).isEqualTo(c.pages());
        List<String> paragraphs = List.of(out.text().strip().split("\n\n"));
        if (!c.paragraphs().isEmpty()) {
            assertThat(paragraphs).containsSubsequence(c.paragraphs());
        }
        for (String absent : c.absent()) {
            assertThat(out.text()).doesNotContain(absent);
        }
        assertThat(out.text()).isNotBlank().doesNotContain("\r");
    }

    @Test
    void htmlKeepsOnlyTheArticleAsSeparateParagraphs() throws Exception {
        ExtractedText out = extractor.extract(
                Fixtures.noisyHtml("utf-8", StandardCharsets.UTF_8, EN_1, EN_2, ZH_1), "text/html", "a.html");

        assertThat(out.text()).isEqualTo("Data rules tighten\n\n" + EN_1 + "\n\n" + EN_2 + "\n\n" + ZH_1);
    }

    @Test
    void gb18030TextDecodesExactly() throws Exception {
        String text = ZH_1 + "\n" + ZH_2 + "\n";

        ExtractedText out = extractor.extract(text.getBytes(GB18030), null, null);

        assertThat(out.text()).isEqualTo(text);
    }

    @Test
    void windows1252TextIsRecognised() throws Exception {
        String text = "The regulator said: \u201CData shall remain in the country,\u201D adding that the "
                + "caf\u00E9 chain\u2019s records are covered. Transfers abroad require approval \u2013 a step "
                + "the ministry calls essential for na\u00EFve operators.";

        ExtractedText out = extractor.extract(text.getBytes(CP1252), null, null);

        assertThat(out.charset()).isEqualTo("windows-1252");
        assertThat(out.text()).isEqualTo(text);
    }

    /** One document that must fail, and why. */
    record Failure(String name, Supplier<byte[]> bytes, String mediaTypeHint, String fileNameHint,
            ExtractionLimits limits, Reason reason, String messagePart) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Failure> failures() {
        ExtractionLimits defaults = ExtractionLimits.DEFAULTS;
        ExtractionLimits smallText = new ExtractionLimits(defaults.maxBytes(), 1_000, 0, defaults.timeout());
        ExtractionLimits bigText = new ExtractionLimits(defaults.maxBytes(), 10_000_000, 0, defaults.timeout());
        ExtractionLimits twoPages = new ExtractionLimits(defaults.maxBytes(), defaults.maxChars(), 2,
                defaults.timeout());
        ExtractionLimits tinyBytes = new ExtractionLimits(100, defaults.maxChars(), 0, defaults.timeout());
        ExtractionLimits noTime = new ExtractionLimits(defaults.maxBytes(), defaults.maxChars(), 0,
                Duration.ofNanos(1));
        byte[] pdf = Fixtures.pdf("T", List.of(List.of(EN_1, EN_2)));
        return Stream.of(
                new Failure("empty input", () -> new byte[0], "text/plain", "a.txt", defaults, Reason.EMPTY, "empty"),
                new Failure("only whitespace", () -> " \r\n\t\n".getBytes(StandardCharsets.US_ASCII), null, null,
                        defaults, Reason.EMPTY, "no text"),
                new Failure("HTML with nothing but furniture", () -> "<html><body><nav>Home</nav><footer>(c)</footer>"
                        .getBytes(StandardCharsets.UTF_8), null, "x.html", defaults, Reason.EMPTY, "no text"),
                new Failure("PNG image", Fixtures::png, "text/plain", "picture.txt", defaults,
                        Reason.UNSUPPORTED_TYPE, "image/png"),
                new Failure("ZIP archive", Fixtures::zip, null, null, defaults, Reason.UNSUPPORTED_TYPE,
                        "application/zip"),
                new Failure("Windows executable", Fixtures::exe, null, "setup.exe", defaults,
                        Reason.UNSUPPORTED_TYPE, "not supported"),
                new Failure("random bytes", Fixtures::randomBinary, null, null, defaults, Reason.UNSUPPORTED_TYPE,
                        "application/octet-stream"),
                new Failure("truncated PDF", () -> Fixtures.truncated(pdf, pdf.length / 3), null, null, defaults,
                        Reason.CORRUPT, "PDF"),
                new Failure("truncated DOCX named .docx", () -> {
                    byte[] docx = Fixtures.docx("T", EN_1);
                    return Fixtures.truncated(docx, docx.length / 2);
                }, null, "report.docx", defaults, Reason.CORRUPT, "DOCX"),
                new Failure("password-protected PDF", Fixtures::encryptedPdf, null, null, defaults, Reason.ENCRYPTED,
                        "password"),
                new Failure("text over maxChars", () -> EN_1.repeat(20).getBytes(StandardCharsets.UTF_8), null, null,
                        smallText, Reason.TOO_LARGE, "1000"),
                new Failure("DOCX over maxChars stops while parsing", () -> Fixtures.inflatingDocx(50_000), null, null,
                        smallText, Reason.TOO_LARGE, "more than 1000 characters"),
                new Failure("DOCX that inflates 100-fold trips Tika's zip-bomb guard",
                        () -> Fixtures.inflatingDocx(1_500_000), null, null, bigText, Reason.TOO_LARGE, "zip bomb"),
                new Failure("PDF over maxPages", () -> Fixtures.pdf("T", List.of(List.of("1"), List.of("2"),
                        List.of("3"))), null, null, twoPages, Reason.TOO_LARGE, "more than 2 pages"),
                new Failure("input over maxBytes", () -> EN_1.getBytes(StandardCharsets.UTF_8), null, null, tinyBytes,
                        Reason.TOO_LARGE, "bytes"),
                new Failure("no time to finish", () -> pdf, null, null, noTime, Reason.TIMEOUT, "longer than"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void rejects(Failure f) {
        ExtractionException e;
        if (f.limits() == ExtractionLimits.DEFAULTS) {
            e = catchThrowableOfType(ExtractionException.class,
                    () -> extractor.extract(f.bytes().get(), f.mediaTypeHint(), f.fileNameHint()));
        } else {
            try (TextExtractor limited = new TextExtractor(f.limits())) {
                e = catchThrowableOfType(ExtractionException.class,
                        () -> limited.extract(f.bytes().get(), f.mediaTypeHint(), f.fileNameHint()));
            }
        }

        assertThat(e).as("expected %s", f.reason()).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(f.reason());
        assertThat(e.getMessage()).contains(f.messagePart());
    }

    @Test
    void concurrentExtractionsGiveTheSameTextAsSequentialOnes() throws Exception {
        List<byte[]> inputs = List.of(
                Fixtures.pdf("T", List.of(List.of(EN_1, EN_2))),
                Fixtures.docx("T", EN_1, ZH_1),
                Fixtures.noisyHtml("gbk", GBK, ZH_1, ZH_2, EN_1),
                (ZH_1 + "\n" + ZH_2).getBytes(GB18030));
        List<String> expected = new ArrayList<>();
        for (byte[] input : inputs) {
            expected.add(extractor.extract(input, null, null).text());
        }
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int round = 0; round < 10; round++) {
                for (byte[] input : inputs) {
                    results.add(callers.submit(() -> extractor.extract(input, null, null).text()));
                }
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(expected.get(i % inputs.size()));
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
