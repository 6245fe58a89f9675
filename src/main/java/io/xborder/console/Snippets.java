package io.xborder.console;

/** Shortened text for lists: cut at a word boundary (or between Chinese characters), never inside a word. */
final class Snippets {

    private Snippets() {
    }

    /**
     * {@code text} when it fits in {@code max} characters, otherwise its beginning up to the last space or
     * punctuation before {@code max} (or any character in Chinese text) and "…".
     */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        int cut = end;
        while (cut > max / 2 && !boundary(text, cut)) {
            cut--;
        }
        if (cut <= max / 2) {
            cut = end; // one long word: cut it rather than show almost nothing
        }
        return text.substring(0, cut).replaceAll("[\\s…,;:、，。.]+$", "") + "…";
    }

    /** Whether a cut before {@code i} splits no word. */
    private static boolean boundary(String text, int i) {
        char before = text.charAt(i - 1);
        char at = text.charAt(i);
        return !Character.isLetterOrDigit(before) || !Character.isLetterOrDigit(at)
                || Character.UnicodeScript.of(at) == Character.UnicodeScript.HAN
                || Character.UnicodeScript.of(before) == Character.UnicodeScript.HAN;
    }
}
