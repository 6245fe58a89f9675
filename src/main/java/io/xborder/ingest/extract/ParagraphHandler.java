package io.xborder.ingest.extract;

import java.util.Set;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects the XHTML that Tika parsers emit as paragraphs separated by a blank line. Line wraps inside a
 * paragraph (PDF lines, soft breaks) are joined with a space, or with nothing between two CJK characters.
 * Enforces the character and page limits by throwing {@link LimitExceeded} while parsing, so a huge document
 * stops early. One instance per parse.
 */
final class ParagraphHandler extends DefaultHandler {

    /** Thrown from inside the parse when a limit is crossed; the parser wraps it, so look for it in causes. */
    static final class LimitExceeded extends SAXException {

        private static final long serialVersionUID = 1L;

        LimitExceeded(String message) {
            super(message);
        }
    }

    private static final Set<String> BLOCKS = Set.of(
            "address", "article", "blockquote", "caption", "dd", "div", "dl", "dt", "h1", "h2", "h3", "h4", "h5",
            "h6", "hr", "li", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "ul");
    private static final Set<String> CELLS = Set.of("td", "th");

    private final int maxChars;
    private final int maxPages;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder paragraph = new StringBuilder();
    private boolean pendingSpace;
    private boolean pendingWrap;
    private int pages;

    /** @param maxPages most {@code <div class="page">} elements, 0 for no limit */
    ParagraphHandler(int maxChars, int maxPages) {
        this.maxChars = maxChars;
        this.maxPages = maxPages;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        String name = localName.isEmpty() ? qName : localName;
        if (name.equals("div") && "page".equals(atts.getValue("class"))) {
            pages++;
            if (maxPages > 0 && pages > maxPages) {
                throw new LimitExceeded("more than " + maxPages + " pages");
            }
        }
        if (BLOCKS.contains(name)) {
            endParagraph();
        } else if (name.equals("br")) {
            pendingWrap = paragraph.length() > 0;
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        String name = localName.isEmpty() ? qName : localName;
        if (BLOCKS.contains(name)) {
            endParagraph();
        } else if (CELLS.contains(name)) {
            pendingSpace = paragraph.length() > 0;
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        for (int i = start; i < start + length; i++) {
            char c = ch[i];
            if (c == '\n' || c == '\r') {
                pendingWrap = paragraph.length() > 0;
            } else if (Whitespace.isSpace(c) || (c < 0x20)) {
                pendingSpace = paragraph.length() > 0;
            } else {
                if (pendingWrap || pendingSpace) {
                    char before = paragraph.charAt(paragraph.length() - 1);
                    if (pendingSpace || !Whitespace.joinsWithoutSpace(before, c)) {
                        paragraph.append(' ');
                    }
                    pendingWrap = false;
                    pendingSpace = false;
                }
                paragraph.append(c);
            }
        }
        if (text.length() + paragraph.length() > maxChars) {
            throw new LimitExceeded("more than " + maxChars + " characters of text");
        }
    }

    /** PDF line ends arrive here (Tika's {@code newline()}); between paragraphs they find nothing to join. */
    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    private void endParagraph() {
        if (paragraph.length() > 0) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(paragraph);
            paragraph.setLength(0);
        }
        pendingSpace = false;
        pendingWrap = false;
    }

    /** The text collected so far, paragraphs separated by a blank line. */
    String text() {
        endParagraph();
        return text.toString();
    }

    int pages() {
        return pages;
    }
}
