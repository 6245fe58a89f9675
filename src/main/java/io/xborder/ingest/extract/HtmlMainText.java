package io.xborder.ingest.extract;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The main text of an HTML page: furniture removed (see {@link HtmlNoise}), the article (or main, or body) taken,
 * block elements rendered as paragraphs separated by a blank line. Stateless and thread-safe.
 */
final class HtmlMainText {

    /** Title and paragraphs of a page. */
    record Page(String title, List<String> paragraphs) {
    }

    /** A main-text candidate must hold at least this share of the cleaned page's text (else: a teaser card). */
    private static final double MIN_MAIN_SHARE = 0.2;

    private static final Set<String> BLOCKS = Set.of(
            "address", "article", "blockquote", "br", "caption", "center", "dd", "details", "div", "dl", "dt",
            "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre",
            "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul");
    private static final Set<String> CELLS = Set.of("td", "th");

    private final HtmlNoise noise;
    private final String candidateSelector;

    HtmlMainText(HtmlNoise noise) {
        this.noise = noise;
        this.candidateSelector = String.join(", ", noise.mainSelectors());
    }

    Page extract(String html) {
        Document doc = Jsoup.parse(html);
        String title = title(doc);
        removeNoise(doc.body());
        Element main = mainElement(doc.body());
        return new Page(title, paragraphs(main));
    }

    private static String title(Document doc) {
        String title = Whitespace.squeeze(doc.title());
        if (!title.isEmpty()) {
            return title;
        }
        Element og = doc.selectFirst("meta[property=og:title], meta[name=og:title]");
        if (og != null && !Whitespace.squeeze(og.attr("content")).isEmpty()) {
            return Whitespace.squeeze(og.attr("content"));
        }
        Element h1 = doc.selectFirst("h1");
        if (h1 != null && !Whitespace.squeeze(h1.text()).isEmpty()) {
            return Whitespace.squeeze(h1.text());
        }
        return null;
    }

    private void removeNoise(Element body) {
        List<Element> doomed = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (e == body || !(noise.isNoiseTag(e) || noise.hasNoiseName(e))) {
                continue;
            }
            if (holdsMainText(e)) {
                continue;
            }
            doomed.add(e);
        }
        for (Element e : doomed) {
            e.remove(); // removing an already-detached descendant is harmless
        }
    }

    /*
     * Never drop a wrapper of the article: class names like "page has-cookie-banner" sit on page wrappers, and
     * ASP.NET sites put the whole page inside one <form>.
     */
    private boolean holdsMainText(Element e) {
        if (e.is(candidateSelector) && !noise.isNoiseTag(e)) {
            return true;
        }
        if (!e.select(candidateSelector).isEmpty()) {
            return true;
        }
        return e.normalName().equals("form") && e.select("p").size() > 2;
    }

    private Element mainElement(Element body) {
        int bodyLength = body.text().length();
        for (String selector : noise.mainSelectors()) {
            Elements candidates = body.select(selector);
            Element best = null;
            int bestLength = 0;
            for (Element candidate : candidates) {
                int length = candidate.text().length();
                if (length > bestLength) {
                    best = candidate;
                    bestLength = length;
                }
            }
            if (best != null && bestLength >= MIN_MAIN_SHARE * bodyLength) {
                return best;
            }
        }
        return body;
    }

    private static List<String> paragraphs(Element root) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int[] preDepth = { 0 };
        NodeTraversor.traverse(new NodeVisitor() {

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    if (preDepth[0] > 0) { // preformatted lines stay lines
                        String[] lines = text.getWholeText().split("\r\n|\r|\n", -1);
                        for (int i = 0; i < lines.length; i++) {
                            if (i > 0) {
                                flush();
                            }
                            current.append(lines[i]);
                        }
                    } else {
                        current.append(text.getWholeText());
                    }
                } else if (node instanceof Element e) {
                    if (e.normalName().equals("pre")) {
                        preDepth[0]++;
                    }
                    if (BLOCKS.contains(e.normalName())) {
                        flush();
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if (e.normalName().equals("pre")) {
                        preDepth[0]--;
                    }
                    if (BLOCKS.contains(e.normalName())) {
                        flush();
                    } else if (CELLS.contains(e.normalName())) {
                        current.append(' ');
                    }
                }
            }

            private void flush() {
                String p = Whitespace.squeeze(current);
                if (!p.isEmpty()) {
                    paragraphs.add(p);
                }
                current.setLength(0);
            }
        }, root);
        String last = Whitespace.squeeze(current);
        if (!last.isEmpty()) {
            paragraphs.add(last);
        }
        return paragraphs;
    }
}
