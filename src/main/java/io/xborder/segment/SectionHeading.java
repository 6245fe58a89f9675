package io.xborder.segment;

import com.google.re2j.Pattern;

/**
 * A numbered section heading standing alone inside a document: "3. Data residency and transfer requirements",
 * "IV. International transfers", "Section 5 – Hosting", "四、您的个人信息如何跨境提供", "（三）数据出境", "附件：申报材料清单".
 * It names a topic and states nothing, so it is never a finding by itself, whatever words it holds; a document's
 * first line (its title, a news headline) is not tested, nor is an agenda item that names a matter ("一、关于……事项").
 */
public final class SectionHeading {

    /** Headings are short; a longer line is a sentence. */
    static final int MAX_LENGTH = 80;

    /** How far {@link #in} looks for the ends of a passage's line (room for indentation around a heading). */
    private static final int MAX_LINE = 2 * MAX_LENGTH;

    /** The number of a heading ("3.1.2", "XIV.", "（十二）") ends within this many characters. */
    private static final int NUMBER_LENGTH = 8;

    private static final String SENTENCE_PUNCTUATION = ".!?。！？;；,，";

    // \A lets RE2J stop as soon as no alternative fits (see Boilerplate)
    private static final Pattern NUMBERED = Pattern.compile("\\A(?:"
            // 3. / 3.1 / 3.1.2 / IV. / B. followed by a capitalised word
            + "(?:[0-9]{1,2}(?:\\.[0-9]{1,2}){0,3}\\.?|[IVXLC]{1,6}\\.|[A-H]\\.)[ \\t]+\\p{Lu}"
            // Section 5 – Hosting, Part II: Transfers, Annex 1, Schedule B
            + "|(?i:(?:section|part|chapter|annex|appendix|schedule|title|article)[ \\t]+(?:[0-9]{1,3}[a-z]?|[ivxlc]{1,6}"
            + "|[a-h])\\b)"
            // 四、 （三） 第三章 附件
            + "|[一二三四五六七八九十]{1,3}[、.．]"
            + "|[（(][一二三四五六七八九十]{1,3}[）)]"
            + "|第[一二三四五六七八九十百零〇0-9]{1,4}[章节编篇部分]"
            + "|附件|附录|附表"
            + ").*", Pattern.DOTALL);

    private SectionHeading() {
    }

    /** An agenda item or subject line names a matter ("一、关于德国子公司数据出境安全评估申报事项"), as a headline does. */
    private static final Pattern MATTER = Pattern.compile("\\A\\S{1,6}[ \\t]*关于");

    /**
     * Whether the passage {@code text[start, end)} is a section heading: its whole line is one, including the number
     * that sentence splitting may have cut off ("3." of "3. Data residency").
     */
    public static boolean in(String text, int start, int end) {
        if (end - start > MAX_LENGTH) {
            return false;
        }
        // both scans stop once the line is too long to be a heading: a passage of a long line costs no more than that
        int lineStart = start;
        while (lineStart > 0 && end - lineStart <= MAX_LINE
                && !CharClasses.isLineBreak(text.charAt(lineStart - 1))) {
            lineStart--;
        }
        int lineEnd = end;
        while (lineEnd < text.length() && lineEnd - lineStart <= MAX_LINE
                && !CharClasses.isLineBreak(text.charAt(lineEnd))) {
            lineEnd++;
        }
        // is() rejects a line longer than a heading once stripped: measured here, without copying the line
        int s = lineStart;
        int e = lineEnd;
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return e - s <= MAX_LENGTH && is(text.substring(s, e));
    }

    /**
     * Whether the passage text (trimmed, one line) is a numbered heading with no sentence punctuation at its end, and
     * not an agenda item naming a matter.
     */
    public static boolean is(String passage) {
        int n = passage.length();
        if (n == 0 || n > MAX_LENGTH || passage.indexOf('\n') >= 0) {
            return false;
        }
        // no sentence punctuation after the number ("3.1", "IV.", "（三）" sit within its first characters)
        for (int i = NUMBER_LENGTH; i < n; i++) {
            if (SENTENCE_PUNCTUATION.indexOf(passage.charAt(i)) >= 0) {
                return false;
            }
        }
        if (SENTENCE_PUNCTUATION.indexOf(passage.charAt(n - 1)) >= 0) {
            return false;
        }
        return NUMBERED.matcher(passage).matches() && !MATTER.matcher(passage).find();
    }
}
