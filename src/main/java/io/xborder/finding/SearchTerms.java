package io.xborder.finding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The words of a findings search as an analyst types them: each word and each "quoted phrase" must occur in the
 * passage, in any order. A phrase matches exactly as written (any case); a word matches anywhere, also inside a longer
 * word, and an English plural is read as its singular stem ("transfers" finds "transfer" and "transferred"). Chinese
 * has no spaces between words: "境外 安全评估" is two words, "境外安全评估" one.
 */
public record SearchTerms(List<String> terms) {

    /** More words than this are ignored: each is one more condition on the passage. */
    public static final int MAX_TERMS = 8;

    private static final Pattern TERM = Pattern.compile("[\"“”「」]([^\"“”「」]+)[\"“”「」]|([^\\s\"“”「」]+)");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]+");

    /** The terms of {@code q}; none for a blank one. */
    public static SearchTerms parse(String q) {
        List<String> terms = new ArrayList<>();
        if (q == null) {
            return new SearchTerms(terms);
        }
        Matcher m = TERM.matcher(q);
        while (m.find() && terms.size() < MAX_TERMS) {
            String term = m.group(1) != null ? m.group(1).strip().replaceAll("\\s+", " ") : stem(m.group(2));
            if (!term.isEmpty() && !terms.contains(term)) {
                terms.add(term);
            }
        }
        return new SearchTerms(List.copyOf(terms));
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** An English plural as its stem: policies → polic, transfers → transfer; other words as they are. */
    static String stem(String word) {
        String w = word.strip();
        if (!LATIN_WORD.matcher(w).matches() || w.length() < 5) {
            return w;
        }
        String lower = w.toLowerCase(Locale.ROOT);
        if (lower.endsWith("ies")) {
            return w.substring(0, w.length() - 3);
        }
        if (lower.endsWith("sses") || lower.endsWith("xes") || lower.endsWith("ches") || lower.endsWith("shes")) {
            return w.substring(0, w.length() - 2);
        }
        if (lower.endsWith("s") && !lower.endsWith("ss") && !lower.endsWith("us") && !lower.endsWith("is")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
