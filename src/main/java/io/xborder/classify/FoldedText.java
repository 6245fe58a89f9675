package io.xborder.classify;

/**
 * The {@link TextFolding#fold folded} copy of a passage in a reusable buffer, seen as a CharSequence by the automata
 * that scan it (the cue scanner's and the gazetteer's). Offsets into it are offsets into the passage. Not
 * thread-safe: one per thread.
 */
public final class FoldedText implements CharSequence {

    /** A buffer grown past this for an outsized passage is not kept for ordinary ones. */
    private static final int KEEP_AT_MOST = 1 << 20;
    private static final int ORDINARY = 4096;

    private char[] buf = new char[256];
    private int len;

    /** Folds {@code text[start, end)} into this buffer, replacing what it held. */
    public void fold(CharSequence text, int start, int end) {
        len = end - start;
        if (buf.length < len) {
            buf = new char[Math.max(len, buf.length * 2)];
        } else if (buf.length > KEEP_AT_MOST && len < ORDINARY) {
            buf = new char[Math.max(256, len)];
        }
        TextFolding.fold(text, start, end, buf);
    }

    /** The folded chars: the shared buffer, to be read up to {@link #length()}. */
    public char[] buffer() {
        return buf;
    }

    @Override
    public int length() {
        return len;
    }

    @Override
    public char charAt(int index) {
        return buf[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(buf, start, end - start);
    }

    @Override
    public String toString() {
        return new String(buf, 0, len);
    }
}
