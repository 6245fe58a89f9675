package io.xborder.ingest.extract;

/** Whitespace clean-up shared by the extractors. */
final class Whitespace {

    private Whitespace() {
    }

    /** Collapses runs of whitespace (no-break and ideographic spaces included) to one space and trims. */
    static String squeeze(CharSequence s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        boolean pendingSpace = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }

    /**
     * Plain text as the segmenter wants it: CRLF, CR, NEL, U+2028 and U+2029 become {@code \n}, a form feed
     * becomes a blank line, NUL and the other C0 controls except tab go.
     */
    static String normaliseLineEnds(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\r' -> {
                    out.append('\n');
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\u0085', '\u2028', '\u2029' -> out.append('\n');
                case '\f' -> out.append("\n\n");
                case '\uFEFF' -> {
                    // a stray byte-order mark inside the text
                }
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        continue;
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }

    /** Whether joining two text pieces across a line wrap needs no space: both sides are CJK. */
    static boolean joinsWithoutSpace(char before, char after) {
        return isCjk(before) && isCjk(after);
    }

    static boolean isCjk(char c) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
                || block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.HIRAGANA
                || block == Character.UnicodeBlock.KATAKANA;
    }
}
