package io.xborder.console;

import io.xborder.document.StoredFinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Cuts text into plain and marked fragments by evidence offsets. The template prints each fragment escaped
 * (Qute's default for HTML), so document text never reaches the page as markup.
 */
public final class Highlight {

    /** A run of text, marked (evidence) or not. */
    public record Fragment(String text, boolean marked) {
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
            while (j < text.length() && marked[j] == marked[i]) {
                j++;
            }
            out.add(new Fragment(text.substring(i, j), marked[i]));
            i = j;
        }
        return out;
    }
}
