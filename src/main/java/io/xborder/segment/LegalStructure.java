package io.xborder.segment;

import com.google.re2j.Pattern;

/**
 * Recognises the structure of statutes that sentence splitting must respect: article and chapter headings that
 * belong to the sentence after them, and item lists ("(a) …; (b) …", "（一）……；（二）……") that stay one passage.
 */
final class LegalStructure {

    /** Headings are short; longer candidates are not tested against the patterns. */
    static final int MAX_HEADING_LENGTH = 40;

    private static final String ZH_NUMERAL = "[一二三四五六七八九十百千零〇两0-9０-９]";

    /** A heading and nothing else: "Article 44.", "Article 45(1).", "Art. 5", "Section 12.", "第十二条", "第一章 总则". */
    // \A adds nothing to matches() but lets RE2J stop as soon as no alternative fits (see Boilerplate)
    private static final Pattern HEADING = Pattern.compile(
            "\\A(?:(?:(?:article|art\\.?|arts\\.?|section|sec\\.?|§{1,2}|chapter|chap\\.?|part|title|annex|schedule"
                    + "|rule|clause|paragraph|para\\.?)\\s*(?:[0-9]+[a-z]?|[ivxlcdm]+)(?:\\s*\\([0-9a-z]+\\))*"
                    + "\\s*[.:：]?)"
                    + "|(?:第" + ZH_NUMERAL + "+(?:条(?:之[一二三四五六七八九十]+)?"
                    + "|[章节编篇部款](?:[ \\t\\x{3000}]+[^。！？；;.!?]{1,30})?)\\s*[：:]?))",
            Pattern.CASE_INSENSITIVE);

    /** A chapter, section or part heading that carries its own title: "第一章　总则", "第三节 数据出境". */
    private static final Pattern TITLED_DIVISION = Pattern.compile(
            "\\A第" + ZH_NUMERAL + "+[章节编篇部][ \\t\\x{3000}]+\\S");

    private LegalStructure() {
    }

    /**
     * Whether the heading {@code text[start, end)} belongs to the sentence after it: an article's number does
     * ("第五条", "Article 44."), a division that names its own title ("第一章　总则") does not — it heads many
     * articles, and joined to the first it would carry that article's findings.
     */
    static boolean joinsNext(CharSequence text, int start, int end) {
        return isHeading(text, start, end) && !TITLED_DIVISION.matcher(text.subSequence(start, end)).find();
    }

    /** Whether {@code text[start, end)} (trimmed) is an article, section or chapter heading alone. */
    private static boolean isHeading(CharSequence text, int start, int end) {
        if (end - start > MAX_HEADING_LENGTH || end <= start) {
            return false;
        }
        char c = Character.toLowerCase(text.charAt(start));
        if (c != 'a' && c != 's' && c != 'c' && c != 'p' && c != 't' && c != 'r' && c != '§' && c != '第') {
            return false;
        }
        return HEADING.matcher(text.subSequence(start, end)).matches();
    }

    /**
     * Whether the line {@code text[start, end)} continues an item list opened or continued by the line ending at
     * {@code previousEnd}: that line ends with a colon, semicolon or comma (optionally "; and" / "; or" / 或者),
     * and this one starts with an item marker.
     */
    static boolean continuesList(CharSequence text, int previousStart, int previousEnd, int start, int end) {
        return opensOrContinuesList(text, previousStart, previousEnd) && startsWithItemMarker(text, start, end);
    }

    private static boolean opensOrContinuesList(CharSequence text, int start, int end) {
        if (end <= start) {
            return false;
        }
        char last = text.charAt(end - 1);
        if (isListPunctuation(last)) {
            return true;
        }
        int wordEnd = end;
        int wordStart = wordEnd;
        if (endsWith(text, start, end, "或者") || endsWith(text, start, end, "以及")) {
            wordStart = end - 2;
        } else if (endsWith(text, start, end, " and")) {
            wordStart = end - 3;
        } else if (endsWith(text, start, end, " or")) {
            wordStart = end - 2;
        } else {
            return false;
        }
        int i = wordStart;
        while (i > start && CharClasses.isSpace(text.charAt(i - 1))) {
            i--;
        }
        return i > start && isListPunctuation(text.charAt(i - 1));
    }

    private static boolean isListPunctuation(char c) {
        return c == ':' || c == '：' || c == ';' || c == '；' || c == ',' || c == '，';
    }

    private static boolean endsWith(CharSequence text, int start, int end, String suffix) {
        int n = suffix.length();
        if (end - start < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (text.charAt(end - n + i) != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Item markers: (1) (a) (iv) （一） 一、 1. 1、 1) a) i. ① and bullets. */
    static boolean startsWithItemMarker(CharSequence text, int start, int end) {
        if (end <= start) {
            return false;
        }
        char c = text.charAt(start);
        if (c == '(' || c == '（') {
            int i = start + 1;
            while (i < end && i - start <= 6 && isMarkerChar(text.charAt(i))) {
                i++;
            }
            return i > start + 1 && i < end && (text.charAt(i) == ')' || text.charAt(i) == '）');
        }
        if (c >= '\u2460' && c <= '\u2473') { // ① … ⑳
            return true;
        }
        if (isZhNumeral(c)) {
            int i = start;
            while (i < end && i - start < 4 && isZhNumeral(text.charAt(i))) {
                i++;
            }
            return i < end && text.charAt(i) == '、';
        }
        if (CharClasses.isAsciiDigit(c)) {
            int i = start;
            while (i < end && i - start < 3 && CharClasses.isAsciiDigit(text.charAt(i))) {
                i++;
            }
            if (i >= end) {
                return false;
            }
            char p = text.charAt(i);
            if (p == '、' || p == ')' || p == '）') {
                return true;
            }
            return (p == '.' || p == '．') && (i + 1 >= end || !CharClasses.isAsciiDigit(text.charAt(i + 1)));
        }
        if (CharClasses.isAsciiLower(c) || (c >= 'A' && c <= 'Z')) {
            int i = start + 1;
            if (isRoman(c)) {
                while (i < end && i - start < 5 && isRoman(text.charAt(i))) {
                    i++;
                }
            }
            return i + 1 < end && (text.charAt(i) == '.' || text.charAt(i) == ')')
                    && CharClasses.isSpace(text.charAt(i + 1));
        }
        if (c == '•' || c == '·' || c == '▪' || c == '◦' || c == '-' || c == '*' || c == '–' || c == '—') {
            return start + 1 < end && CharClasses.isSpace(text.charAt(start + 1));
        }
        return false;
    }

    private static boolean isMarkerChar(char c) {
        return CharClasses.isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isZhNumeral(c);
    }

    private static boolean isZhNumeral(char c) {
        return "一二三四五六七八九十百".indexOf(c) >= 0;
    }

    private static boolean isRoman(char c) {
        return c == 'i' || c == 'v' || c == 'x' || c == 'I' || c == 'V' || c == 'X';
    }
}
