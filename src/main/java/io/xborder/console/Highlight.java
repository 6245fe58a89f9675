package io.xborder.console;

import io.xborder.document.StoredFinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cuts text into plain and marked fragments by evidence offsets. The template prints each fragment escaped
 * (Qute's default for HTML), so document text never reaches the page as markup.
 */
public final class Highlight {

    /** A run of text, marked (evidence) or not, and matched by the search words or not. */
    public record Fragment(String text, boolean marked, boolean matched, String css) {

        public Fragment(String text, boolean marked) {
            this(text, marked, false, "");
        }

        public Fragment(String text, boolean marked, boolean matched) {
            this(text, marked, matched, "");
        }
    }

    /**
     * Cuts text by evidence per category, so that the page can show which words triggered which category: each
     * marked fragment's {@code css} names the categories its words are evidence for ("ev-dl", "ev-cbt" or both).
     *
     * @param evidenceByCss evidence spans (document offsets) by the class of their category
     */
    public static List<Fragment> byCategory(String text, int textStart,
            Map<String, ? extends Collection<StoredFinding.EvidenceSpan>> evidenceByCss) {
        List<String> classes = List.copyOf(evidenceByCss.keySet());
        int[] mask = new int[text.length()];
        for (int c = 0; c < classes.size(); c++) {
            for (StoredFinding.EvidenceSpan e : evidenceByCss.get(classes.get(c))) {
                int from = Math.max(0, e.start() - textStart);
                int to = Math.min(text.length(), e.end() - textStart);
                for (int i = from; i < to; i++) {
                    mask[i] |= 1 << c;
                }
            }
        }
        List<Fragment> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int j = i;
            while (j < text.length() && mask[j] == mask[i]) {
                j++;
            }
            List<String> css = new ArrayList<>();
            for (int c = 0; c < classes.size(); c++) {
                if ((mask[i] & (1 << c)) != 0) {
                    css.add(classes.get(c));
                }
            }
            out.add(new Fragment(text.substring(i, j), mask[i] != 0, false, String.join(" ", css)));
            i = j;
        }
        return out;
    }

    private Highlight() {
    }

    /**
     * @param text the text to cut (a passage, or the whole document)
     * @param textStart the offset of {@code text} in the document, which the evidence offsets refer to
     * @param evidence spans with document offsets; those outside {@code text} are clipped or dropped
     */
    public static List<Fragment> fragments(String text, int textStart,
            Collection<StoredFinding.EvidenceSpan> evidence) {
        return fragments(text, textStart, evidence, List.of());
    }

    /** As above, with every occurrence of the search words (any case) matched too. */
    public static List<Fragment> fragments(String text, int textStart,
            Collection<StoredFinding.EvidenceSpan> evidence, List<String> words) {
        boolean[] matched = new boolean[text.length()];
        String folded = text.toLowerCase(Locale.ROOT);
        for (String word : words) {
            String w = word.toLowerCase(Locale.ROOT);
            if (w.isEmpty() || folded.length() != text.length()) {
                continue;
            }
            boolean latin = w.chars().allMatch(c -> c < 0x250);
            for (int at = folded.indexOf(w); at >= 0; at = folded.indexOf(w, at + w.length())) {
                int end = at + w.length();
                // a word searched by its stem ("oversea", "transfer") is marked to its end: "overseas", "transfers"
                while (latin && end < text.length() && Character.isLetter(text.charAt(end))) {
                    end++;
                }
                for (int i = at; i < end; i++) {
                    matched[i] = true;
                }
            }
        }
        boolean[] marked = new boolean[text.length()];
        for (StoredFinding.EvidenceSpan e : evidence) {
            int from = Math.max(0, e.start() - textStart);
            int to = Math.min(text.length(), e.end() - textStart);
            for (int i = from; i < to; i++) {
                marked[i] = true;
            }
        }
        List<Fragment> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int j = i;
            while (j < text.length() && marked[j] == marked[i] && matched[j] == matched[i]) {
                j++;
            }
            out.add(new Fragment(text.substring(i, j), marked[i], matched[i]));
            i = j;
        }
        return out;
    }
}
