package io.xborder.segment;

/** Character classes the segmenter tests in its hot loops, kept free of regular expressions. */
final class CharClasses {

    private CharClasses() {
    }

    /** Whitespace for trimming: Java whitespace plus no-break spaces, zero-width space and BOM. */
    static boolean isSpace(char c) {
        if (c <= ' ') {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        return (NON_ASCII_SPACE[c >>> 6] & (1L << c)) != 0;
    }

    /**
     * The non-ASCII chars {@link #isSpace} accepts, as a bit set over all UTF-16 units (8 KiB): the Unicode
     * property look-ups run once here instead of for every char of every (Chinese) line.
     */
    private static final long[] NON_ASCII_SPACE = new long[(Character.MAX_VALUE + 1) / Long.SIZE];

    static {
        for (int c = 0x80; c <= Character.MAX_VALUE; c++) {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF') {
                NON_ASCII_SPACE[c >>> 6] |= 1L << c;
            }
        }
    }

    /** {@code Character.toLowerCase(c)}, asking Character only for the chars it changes. */
    static char toLowerCase(char c) {
        return (CHANGES_IN_LOWER_CASE[c >>> 6] & (1L << c)) != 0 ? Character.toLowerCase(c) : c;
    }

    /** The chars Character.toLowerCase changes, as a bit set over all UTF-16 units (8 KiB). */
    private static final long[] CHANGES_IN_LOWER_CASE = new long[(Character.MAX_VALUE + 1) / Long.SIZE];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.toLowerCase((char) c) != c) {
                CHANGES_IN_LOWER_CASE[c >>> 6] |= 1L << c;
            }
        }
    }

    /** Line and paragraph separators (those ICU treats as ParaSep). */
    static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\u000B'
                || c == '\u000C';
    }

    static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A Latin letter (ASCII, Latin-1 and Latin Extended letters). */
    static boolean isLatinLetter(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        if (c < 0xC0 || c > 0x24F || c == 0xD7 || c == 0xF7) {
            return false;
        }
        return Character.isLetter(c);
    }

    /** A Han ideograph (CJK unified ideographs and extension A, compatibility ideographs; BMP only). */
    static boolean isHan(char c) {
        return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF);
    }

    /** Sentence-final punctuation, Latin and CJK. */
    static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？' || c == '…' || c == '｡'
                || c == '．';
    }

    /** Closing quotes and brackets that stay with the sentence they close. */
    static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '」' || c == '』'
                || c == '）' || c == '】' || c == '》' || c == '〉' || c == '»';
    }

    /** Content for the orphan test: letters (any script), digits. */
    static boolean isContent(char c) {
        return Character.isLetterOrDigit(c);
    }
}
