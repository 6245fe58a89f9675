package io.xborder.classify;

/**
 * The one normalisation of passage text that the cue scanner, the gazetteer and the model's features read. It maps
 * char for char, so offsets into the folded text are offsets into the original: curly apostrophes become straight
 * ones, no-break and ideographic spaces plain spaces, hyphen-like dashes a hyphen, full-width Latin letters and
 * digits ASCII ones; {@link #fold} also lower-cases. Chinese punctuation is kept as it is.
 */
public final class TextFolding {

    private static final char[] NORMAL = new char[Character.MAX_VALUE + 1];
    private static final char[] FOLD = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            char n = normaliseChar((char) c);
            NORMAL[c] = n;
            FOLD[c] = n < 128 ? (n >= 'A' && n <= 'Z' ? (char) (n + 32) : n) : Character.toLowerCase(n);
        }
    }

    private TextFolding() {
    }

    private static char normaliseChar(char c) {
        if (c >= '\uFF10' && c <= '\uFF19' || c >= '\uFF21' && c <= '\uFF3A' || c >= '\uFF41' && c <= '\uFF5A') {
            return (char) (c - 0xFEE0); // full-width digits and letters
        }
        return switch (c) {
            case '\u2019', '\u2018', '\u02BC' -> '\'';
            case '\u00A0', '\u3000', '\u2007', '\u202F' -> ' ';
            case '\u2010', '\u2011', '\u2012', '\u2013' -> '-';
            default -> c;
        };
    }

    /** The normalised char, case kept (for case-sensitive matching such as "US"). */
    public static char normalise(char c) {
        return NORMAL[c];
    }

    /** The normalised, lower-cased char. */
    public static char fold(char c) {
        return FOLD[c];
    }

    /** Folds {@code text[start, end)} into {@code out[0, end - start)}. */
    public static void fold(CharSequence text, int start, int end, char[] out) {
        for (int i = start; i < end; i++) {
            out[i - start] = FOLD[text.charAt(i)];
        }
    }

    /** The folded copy of {@code s}. */
    public static String fold(String s) {
        char[] out = new char[s.length()];
        fold(s, 0, s.length(), out);
        return new String(out);
    }
}
