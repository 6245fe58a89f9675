package io.xborder.ingest.extract;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Test documents built in memory: PDFs with PDFBox, DOCX with POI, HTML and text in several encodings.
 *
 * <p>No CJK font ships with PDFBox or this machine (DejaVu only), so Chinese is tested through DOCX, HTML and text,
 * not PDF.
 */
public final class Fixtures {

    static final String EN_1 = "Operators of critical information infrastructure shall store personal information "
            + "collected within the territory of the People's Republic of China within that territory.";
    static final String EN_2 = "Where it is truly necessary to provide such data abroad, a security assessment "
            + "shall be conducted.";
    static final String ZH_1 = "关键信息基础设施的运营者在中华人民共和国境内运营中收集和产生的个人信息和重要数据应当在境内存储。";
    static final String ZH_2 = "因业务需要，确需向境外提供的，应当按照国家网信部门会同国务院有关部门制定的办法进行安全评估。";

    private Fixtures() {
    }

    /** A PDF with one page per entry; each page holds its paragraphs, the first one wrapped over two lines. */
    /** A PDF with the given pages, each a list of paragraphs (wrapped at 80 characters). */
    public static byte[] pdf(String title, List<List<String>> pages) {
        return pdf(title, pages, null);
    }

    static byte[] encryptedPdf() {
        return pdf("Secret", List.of(List.of(EN_1)), "user-password");
    }

    private static byte[] pdf(String title, List<List<String>> pages, String userPassword) {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (List<String> paragraphs : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.beginText();
                    cs.setFont(font, 11);
                    cs.newLineAtOffset(60, 720);
                    for (String paragraph : paragraphs) {
                        for (String line : wrap(paragraph, 80)) {
                            cs.showText(line);
                            cs.newLineAtOffset(0, -14);
                        }
                        cs.newLineAtOffset(0, -20); // paragraph gap
                    }
                    cs.endText();
                }
            }
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(title);
            doc.setDocumentInformation(info);
            if (userPassword != null) {
                StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-password", userPassword,
                        new AccessPermission());
                policy.setEncryptionKeyLength(128);
                doc.protect(policy);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    public static byte[] docx(String title, String... paragraphs) {
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.getProperties().getCoreProperties().setTitle(title);
            for (String p : paragraphs) {
                doc.createParagraph().createRun().setText(p);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A small DOCX whose one paragraph inflates to {@code chars} characters. */
    static byte[] inflatingDocx(int chars) {
        return docx("Bomb", "A".repeat(chars));
    }

    static final String NOISY_HTML = """
            <!DOCTYPE html>
            <html><head><meta charset="%s"><title>Data rules tighten</title>
            <meta property="og:title" content="OG title">
            <style>.x { color: red }</style><script>var tracking = "SCRIPT-TEXT";</script></head>
            <body class="page has-cookie-banner">
              <header><a href="/">Home</a> | <a href="/news">News</a></header>
              <nav class="main-nav"><ul><li>Politics</li><li>Tech</li></ul></nav>
              <div id="cookieBanner">We use cookies. <button>Accept all</button></div>
              <div class="ad-slot">ADVERTISEMENT: buy now</div>
              <ul class="breadcrumb"><li>Home</li><li>Tech</li></ul>
              <article>
                <h1>Data rules tighten</h1>
                <p class="byline">By A. Reporter, 3 March 2026</p>
                <div class="share-buttons"><a>Share on X</a><a>Share on WeChat</a></div>
                <p>%s</p>
                <p>%s<br>%s</p>
                <aside class="related">Related: Other story</aside>
              </article>
              <section class="comments"><p>First comment!</p></section>
              <div class="newsletterSignup">Subscribe to our newsletter</div>
              <footer>© 2026 Example News. All rights reserved.</footer>
            </body></html>
            """;

    static byte[] noisyHtml(String metaCharset, Charset encoding, String p1, String p2, String p3) {
        return String.format(NOISY_HTML, metaCharset, p1, p2, p3).getBytes(encoding);
    }

    /** The Chinese page in GBK without any charset declaration. */
    static byte[] chineseHtmlWithoutMeta() {
        String html = "<html><head><title>数据出境新规</title></head><body><nav>首页 | 新闻</nav><article>"
                + "<p>" + ZH_1 + "</p><p>" + ZH_2 + "</p></article><footer>版权所有</footer></body></html>";
        return html.getBytes(Charset.forName("GBK"));
    }

    static byte[] withUtf8Bom(String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length + 3];
        out[0] = (byte) 0xEF;
        out[1] = (byte) 0xBB;
        out[2] = (byte) 0xBF;
        System.arraycopy(body, 0, out, 3, body.length);
        return out;
    }

    static byte[] png() {
        try {
            BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] zip() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.putNextEntry(new ZipEntry("notes.txt"));
                zip.write(EN_1.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The start of a Windows executable: "MZ", a DOS stub, NUL padding. */
    static byte[] exe() {
        byte[] b = new byte[512];
        b[0] = 'M';
        b[1] = 'Z';
        byte[] stub = "This program cannot be run in DOS mode.".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(stub, 0, b, 0x4E, stub.length);
        return b;
    }

    static byte[] randomBinary() {
        byte[] b = new byte[4096];
        new Random(42).nextBytes(b);
        return b;
    }

    static byte[] truncated(byte[] bytes, int keep) {
        return Arrays.copyOf(bytes, keep);
    }

    /** A minimal OpenDocument text: stored mimetype entry first, manifest, content.xml with two paragraphs. */
    static byte[] odt(String p1, String p2) {
        String content = """
                <?xml version="1.0" encoding="UTF-8"?>
                <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
                    xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
                  <office:body><office:text><text:p>%s</text:p><text:p>%s</text:p></office:text></office:body>
                </office:document-content>
                """.formatted(p1, p2);
        String manifest = """
                <?xml version="1.0" encoding="UTF-8"?>
                <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">
                  <manifest:file-entry manifest:full-path="/"
                      manifest:media-type="application/vnd.oasis.opendocument.text"/>
                  <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
                </manifest:manifest>
                """;
        byte[] mimetype = "application/vnd.oasis.opendocument.text".getBytes(StandardCharsets.US_ASCII);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                ZipEntry entry = new ZipEntry("mimetype");
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(mimetype.length);
                CRC32 crc = new CRC32();
                crc.update(mimetype);
                entry.setCrc(crc.getValue());
                zip.putNextEntry(entry);
                zip.write(mimetype);
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("META-INF/manifest.xml"));
                zip.write(manifest.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("content.xml"));
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] rtf() {
        return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24 " + EN_1 + "\\par " + EN_2
                + "\\par}").getBytes(StandardCharsets.US_ASCII);
    }
}
