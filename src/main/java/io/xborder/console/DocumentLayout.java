package io.xborder.console;

import io.xborder.document.DocumentView;
import io.xborder.document.StoredFinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A document's whole text as blocks for the document page: plain stretches, and passages (those with findings with
 * their categories and evidence marked).
 */
public final class DocumentLayout {

    /**
     * A stretch of the text. {@code passageId} is 0 for plain text; {@code css} names the categories of a passage's
     * findings (e.g. "cat-dl cat-cbt").
     */
    public record Block(long passageId, String language, String css, String categories,
            List<Highlight.Fragment> fragments) {

        public boolean isPassage() {
            return passageId > 0;
        }
    }

    /** A finding as the side list shows it. */
    public record SideFinding(long id, long passageId, String category, String modality, double confidence,
            String reviewStatus, String evidence, String origin) {
    }

    private DocumentLayout() {
    }

    public static List<Block> blocks(DocumentView d) {
        String text = d.text();
        List<Block> blocks = new ArrayList<>();
        int pos = 0;
        for (DocumentView.PassageView p : d.passages()) {
            if (p.start() < pos || p.end() > text.length()) {
                continue;
            }
            if (p.start() > pos) {
                blocks.add(plain(text.substring(pos, p.start())));
            }
            if (p.findings().isEmpty()) {
                // still a passage: a reviewer may add the finding the classifier missed in it
                blocks.add(new Block(p.id(), p.language(), "", "",
                        Highlight.byCategory(text.substring(p.start(), p.end()), p.start(), Map.of())));
                pos = p.end();
                continue;
            }
            Map<String, List<StoredFinding.EvidenceSpan>> evidence = new TreeMap<>();
            List<String> css = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (DocumentView.PassageFinding f : p.findings().stream()
                    .sorted((a, b) -> a.category().compareTo(b.category())).toList()) {
                // "ev-dl" / "ev-cbt": the page underlines each category's evidence in its own way
                evidence.computeIfAbsent("ev-" + cssClass(f.category()).substring(4), k -> new ArrayList<>())
                        .addAll(f.evidence());
                if (!css.contains(cssClass(f.category()))) {
                    css.add(cssClass(f.category()));
                    names.add(ConsoleExtensions.label(f.category()));
                }
            }
            blocks.add(new Block(p.id(), p.language(), String.join(" ", css), String.join(", ", names),
                    Highlight.byCategory(text.substring(p.start(), p.end()), p.start(), evidence)));
            pos = p.end();
        }
        if (pos < text.length()) {
            blocks.add(plain(text.substring(pos)));
        }
        return blocks;
    }

    public static List<SideFinding> findings(DocumentView d) {
        List<SideFinding> out = new ArrayList<>();
        for (DocumentView.PassageView p : d.passages()) {
            for (DocumentView.PassageFinding f : p.findings()) {
                // overlapping evidence merged, each text once, and never cut inside a word
                String words = String.join(" … ", merged(d.text(), f.evidence()).stream().map(String::strip)
                        .distinct().toList());
                out.add(new SideFinding(f.id(), p.id(), f.category(), f.modality(), f.confidence(), f.reviewStatus(),
                        Snippets.cut(words, 120), f.origin()));
            }
        }
        return out;
    }

    /** The texts of the spans with overlapping or touching ones merged, in text order. */
    static List<String> merged(String text, List<StoredFinding.EvidenceSpan> spans) {
        List<StoredFinding.EvidenceSpan> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(StoredFinding.EvidenceSpan::start));
        List<String> out = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (StoredFinding.EvidenceSpan e : sorted) {
            if (e.start() < 0 || e.end() > text.length() || e.start() >= e.end()) {
                continue;
            }
            if (start >= 0 && e.start() <= end) {
                end = Math.max(end, e.end());
                continue;
            }
            if (start >= 0) {
                out.add(text.substring(start, end));
            }
            start = e.start();
            end = e.end();
        }
        if (start >= 0) {
            out.add(text.substring(start, end));
        }
        return out;
    }

    static String cssClass(String category) {
        return "DATA_LOCALIZATION".equals(category) ? "cat-dl" : "cat-cbt";
    }

    private static Block plain(String text) {
        return new Block(0, null, "", "", List.of(new Highlight.Fragment(text, false)));
    }
}
