package io.xborder.segment;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.FilteredBreakIteratorBuilder;
import com.ibm.icu.util.ULocale;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Abbreviations after which a full stop does not end a sentence.
 *
 * <p>Two mechanisms, because ICU's {@link FilteredBreakIteratorBuilder} matches a suppression as a plain suffix of
 * the text before the break, without a word boundary: a suppressed {@code "art."} also glues "from the start. Then"
 * and {@code "Ms."} glues "by SMS. The". So the builder only gets abbreviations that cannot end another word
 * (capitalised titles, dotted initialisms); the others are checked here on whole tokens after ICU has split, some
 * only when a number follows ("No. 5", "art. 37", "Jan. 5") so that a real "No." still ends a sentence.
 */
final class Abbreviations {

    /** Handed to ICU: never a sentence end. */
    static final List<String> SUPPRESSED_BY_ICU = List.of(
            "Mr.", "Mrs.", "Dr.", "Prof.", "U.S.", "U.K.", "U.N.", "U.S.A.", "e.g.", "i.e.", "a.m.", "p.m.",
            "Inc.", "Ltd.", "Corp.");

    private enum Rule {
        /** The next sentence always continues this one. */
        ALWAYS,
        /** Continues when the next part starts with a digit or an opening bracket: "No. 5", "art. 6(1)". */
        BEFORE_NUMBER
    }

    private static final Map<String, Rule> TOKEN_RULES = new HashMap<>();

    static {
        // ICU's filter does not hold for dotted forms followed by a capital ("the U.S. Congress"), so they are here too.
        for (String t : List.of("Mr.", "Mrs.", "Dr.", "Prof.", "Ms.", "St.", "Co.", "Inc.", "Ltd.", "Corp.", "cf.",
                "Cf.", "vs.", "Jr.", "Sr.", "U.S.", "U.K.", "U.N.", "U.S.A.", "e.g.", "i.e.", "a.m.", "p.m.")) {
            TOKEN_RULES.put(t, Rule.ALWAYS);
        }
        for (String t : List.of("No.", "Nos.", "no.", "art.", "Art.", "Arts.", "arts.", "Sec.", "sec.", "Secs.",
                "para.", "Para.", "paras.", "Vol.", "vol.", "p.", "pp.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.",
                "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.")) {
            TOKEN_RULES.put(t, Rule.BEFORE_NUMBER);
        }
    }

    private static final int MAX_TOKEN = 12;

    private Abbreviations() {
    }

    /** A fresh ICU sentence iterator with the suppressions; not thread-safe. */
    static BreakIterator newSentenceIterator() {
        FilteredBreakIteratorBuilder builder = FilteredBreakIteratorBuilder.getEmptyInstance();
        for (String abbreviation : SUPPRESSED_BY_ICU) {
            builder.suppressBreakAfter(abbreviation);
        }
        return builder.wrapIteratorWithFilter(BreakIterator.getSentenceInstance(ULocale.ROOT));
    }

    /**
     * Whether the sentence ending at {@code end} (trimmed) ends with an abbreviation that makes the part starting
     * at {@code next} its continuation.
     */
    static boolean continues(CharSequence text, int start, int end, int next) {
        if (end <= start || text.charAt(end - 1) != '.') {
            return false;
        }
        String token = tokenBefore(text, start, end);
        if (token == null) {
            return false;
        }
        Rule rule = TOKEN_RULES.get(token);
        if (rule == Rule.ALWAYS) {
            return true;
        }
        if (rule == Rule.BEFORE_NUMBER && next < text.length()) {
            char c = text.charAt(next);
            return CharClasses.isAsciiDigit(c) || c == '(' || c == '（';
        }
        // What ICU still splits after a suppressed abbreviation or an initialism: continue before lower case.
        return next < text.length() && CharClasses.isAsciiLower(text.charAt(next)) && isAbbreviationLike(token);
    }

    /**
     * Whether the full stop at {@code end - 1} belongs to an abbreviation or an initial rather than ending a
     * sentence: a known abbreviation, a dotted form ("U.S.", "e.g.") or a single letter ("J.").
     */
    static boolean endsWithAbbreviation(CharSequence text, int start, int end) {
        if (end <= start || text.charAt(end - 1) != '.') {
            return false;
        }
        String token = tokenBefore(text, start, end);
        return token != null && isAbbreviationLike(token);
    }

    private static boolean isAbbreviationLike(String token) {
        if (TOKEN_RULES.containsKey(token) || SUPPRESSED_BY_ICU.contains(token)) {
            return true;
        }
        if (token.length() == 2 && Character.isLetter(token.charAt(0))) {
            return true; // an initial
        }
        return token.indexOf('.') < token.length() - 1; // dotted: U.S., e.g., a.m.
    }

    /** The whitespace-delimited token ending at {@code end} (opening brackets and quotes stripped), or null. */
    private static String tokenBefore(CharSequence text, int start, int end) {
        int i = end;
        while (i > start && end - i <= MAX_TOKEN) {
            char c = text.charAt(i - 1);
            if (CharClasses.isSpace(c) || c == '(' || c == '[' || c == '"' || c == '“' || c == '‘' || c == '\''
                    || c == '（') {
                break;
            }
            i--;
        }
        if (end - i > MAX_TOKEN || i == end) {
            return null;
        }
        return text.subSequence(i, end).toString();
    }
}
