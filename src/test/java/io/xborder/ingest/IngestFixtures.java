package io.xborder.ingest;

import io.xborder.ingest.extract.Fixtures;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Real files built in memory for ingestion tests: PDF (PDFBox), DOCX (POI), a news page with boilerplate, a GBK
 * Chinese page. Each carries a unique reference line so that tests do not collide on the content hash.
 */
public final class IngestFixtures {

    public static final String EN_LOCALIZE = "Operators of critical information infrastructure shall store personal "
            + "information collected within the territory of the People's Republic of China within that territory.";
    public static final String EN_TRANSFER = "Where it is truly necessary to provide such data abroad, a security "
            + "assessment shall be conducted.";
    public static final String ZH_LOCALIZE = "关键信息基础设施的运营者在中华人民共和国境内运营中收集和产生的个人信息和重要数据应当在境内存储。";
    public static final String ZH_TRANSFER = "因业务需要，确需向境外提供的，应当按照国家网信部门会同国务院有关部门制定的办法进行安全评估。";

    private IngestFixtures() {
    }

    public static String ref() {
        return "Reference " + UUID.randomUUID() + ".";
    }

    /** A one-page PDF of the paragraphs (the extractor tests' generator). */
    public static byte[] pdf(String title, String... paragraphs) {
        return Fixtures.pdf(title, List.of(List.of(paragraphs)));
    }

    public static byte[] docx(String title, String... paragraphs) {
        return Fixtures.docx(title, paragraphs);
    }

    /** A news page: navigation, ads, share buttons, "Story continues below", footer around two paragraphs. */
    public static byte[] newsHtml(String title, String p1, String p2) {
        return ("""
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>%s</title><script>var t = "SCRIPT-TEXT";</script></head>
                <body>
                  <header><a href="/">Home</a> | <a href="/news">News</a></header>
                  <nav class="main-nav"><ul><li>Politics</li><li>Tech</li></ul></nav>
                  <div class="ad-slot">ADVERTISEMENT: buy now</div>
                  <article>
                    <h1>%s</h1>
                    <div class="share-buttons"><a>Share on X</a><a>Share on WeChat</a></div>
                    <p>%s</p>
                    <p>Story continues below</p>
                    <p>Advertisement</p>
                    <p>%s</p>
                  </article>
                  <div class="newsletterSignup">Subscribe to our newsletter</div>
                  <footer>© 2026 Example News. All rights reserved.</footer>
                </body></html>
                """.formatted(title, title, p1, p2)).getBytes(StandardCharsets.UTF_8);
    }

    /** A Chinese news page in GBK with its charset declared in a meta tag, with an editor line to drop. */
    public static byte[] chineseGbkHtml(String title, String p1, String p2) {
        String html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\">"
                + "<title>" + title + "</title></head><body><nav>首页 | 新闻 | 财经</nav><article>"
                + "<h1>" + title + "</h1><p>" + p1 + "</p><p>点击查看更多</p><p>" + p2 + "</p>"
                + "<p>责任编辑：张明</p></article><footer>版权所有</footer></body></html>";
        return html.getBytes(Charset.forName("GBK"));
    }

    public static byte[] text(String... paragraphs) {
        return String.join("\n\n", paragraphs).getBytes(StandardCharsets.UTF_8);
    }

    /** A PNG header: a type the service does not read. */
    public static byte[] png() {
        return new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R', 0, 0,
                0, 8, 0, 0, 0, 8, 8, 2, 0, 0, 0, 0x4B, 0x6D, 0x29, (byte) 0xDC };
    }

    /** The first part of a PDF: claims to be a PDF, cannot be parsed. */
    public static byte[] corruptPdf() {
        byte[] whole = pdf("Broken", EN_LOCALIZE, EN_TRANSFER);
        byte[] half = new byte[whole.length / 3];
        System.arraycopy(whole, 0, half, 0, half.length);
        return half;
    }
}
