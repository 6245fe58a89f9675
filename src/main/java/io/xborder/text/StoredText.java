package io.xborder.text;

/**
 * The one form in which client text reaches PostgreSQL. PostgreSQL {@code text} and {@code jsonb} cannot hold
 * U+0000, and a lone UTF-16 surrogate has no UTF-8 form (the driver would write {@code ?}). Every string stored
 * (document titles, texts and URLs, file names, media types, job item sources, metadata and errors, feed fields)
 * passes through {@link #clean(String)} before it is stored <em>and</em> before it is answered, so that a response
 * shows exactly what was stored.
 *
 * <p>NUL is removed (as the document text always was); a lone surrogate becomes U+FFFD, the replacement character,
 * which keeps the string's length, so offsets into a text stay valid. Plain Java, no framework.
 */
public final class StoredText {

    public static final char REPLACEMENT = '\uFFFD';

    private StoredText() {
    }

    /** {@code value} without NUL and with every lone surrogate replaced by U+FFFD; null stays null. */
    public static String clean(String value) {
        if (value == null || isClean(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether {@link #clean(String)} would leave {@code value} as it is. */
    public static boolean isClean(String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }
}
