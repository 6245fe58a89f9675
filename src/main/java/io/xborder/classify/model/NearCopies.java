package io.xborder.classify.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds texts that nearly repeat one of a set of reference texts: the share of a text's character 5-grams (lower
 * case, whitespace collapsed) found in the closest reference text, as the training data's validator measures it. An
 * evaluation drops the passages that nearly repeat the training data, as the team's held-out evaluation does, so
 * that a score says how the classifier does on text it has not seen.
 */
public final class NearCopies {

    /** Above this share of shared 5-grams a text is a near copy. */
    public static final double THRESHOLD = 0.8;
    /** A 5-gram in more reference texts than this says nothing about copying (and would make the search slow). */
    private static final int COMMON = 300;

    private final List<Set<String>> references = new ArrayList<>();
    private final Map<String, List<Integer>> postings = new HashMap<>();

    public NearCopies(Iterable<String> referenceTexts) {
        for (String t : referenceTexts) {
            Set<String> g = grams(t);
            int id = references.size();
            references.add(g);
            for (String x : g) {
                postings.computeIfAbsent(x, k -> new ArrayList<>(2)).add(id);
            }
        }
    }

    /** The highest share of the text's 5-grams that one reference text holds. */
    public double overlap(String text) {
        Set<String> g = grams(text);
        Map<Integer, Integer> shared = new HashMap<>();
        for (String x : g) {
            List<Integer> ids = postings.get(x);
            if (ids != null && ids.size() <= COMMON) {
                ids.forEach(id -> shared.merge(id, 1, Integer::sum));
            }
        }
        double best = 0;
        for (var e : shared.entrySet()) {
            int smaller = Math.max(1, Math.min(g.size(), references.get(e.getKey()).size()));
            // shared counts only the uncommon grams, so recount exactly for a candidate above the threshold
            if ((double) e.getValue() / smaller > THRESHOLD / 2) {
                Set<String> both = new HashSet<>(g);
                both.retainAll(references.get(e.getKey()));
                best = Math.max(best, (double) both.size() / smaller);
            }
        }
        return best;
    }

    public boolean isNearCopy(String text) {
        return overlap(text) > THRESHOLD;
    }

    static Set<String> grams(String text) {
        String t = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 5 <= t.length(); i++) {
            out.add(t.substring(i, i + 5));
        }
        if (out.isEmpty()) {
            out.add(t);
        }
        return out;
    }
}
