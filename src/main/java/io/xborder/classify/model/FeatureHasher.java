package io.xborder.classify.model;

import io.xborder.classify.Language;
import java.util.Arrays;
import java.util.Map;

/**
 * Turns a passage and the names of the rule features that fired into a hashed sparse vector: English word
 * unigrams and bigrams, Chinese character bigrams and trigrams (counted, not deduplicated), and named features (rules, boosts,
 * suppressions). Names and n-grams are hashed with FNV-1a over their UTF-16 chars without building strings (this
 * runs for every candidate finding), so a model trained at build time reads the same indices at run time.
 */
public final class FeatureHasher {

    private static final int FNV_OFFSET = 0x811c9dc5;
    private static final int FNV_PRIME = 0x01000193;
    private static final int MAX_WORD = 24;

    private final int bits;
    private final int mask;

    public FeatureHasher(int bits) {
        if (bits < 8 || bits > 24) {
            throw new IllegalArgumentException("bits must be between 8 and 24");
        }
        this.bits = bits;
        this.mask = (1 << bits) - 1;
    }

    public int bits() {
        return bits;
    }

    public int dimension() {
        return mask + 1;
    }

    /**
     * @param named named features with their values (rule ids, a scaled rule score, …)
     */
    public FeatureVector vector(CharSequence text, int start, int end, Language language, Map<String, Double> named) {
        return vector(textFeatures(text, start, end, language), named);
    }

    /** The n-gram part of a passage's vector, computed once and shared by the passage's candidates. */
    public FeatureVector textFeatures(CharSequence text, int start, int end, Language language) {
        return textIndices(text, start, end, language).toVector();
    }

    /** The n-gram indices of a passage in order (each with value 1), without building a vector. */
    Accumulator textIndices(CharSequence text, int start, int end, Language language) {
        Accumulator acc = new Accumulator(2 * (end - start) + 8);
        if (language == Language.ZH) {
            hanGrams(text, start, end, acc);
        } else {
            words(text, start, end, acc);
        }
        return acc;
    }

    /**
     * The text features followed by the named ones. Indices may repeat (a named feature hashing onto an n-gram):
     * the model is linear, so a repeat simply adds, the same way in training and at run time.
     */
    public FeatureVector vector(FeatureVector textFeatures, Map<String, Double> named) {
        int n = textFeatures.size();
        int[] idx = Arrays.copyOf(textFeatures.indices(), n + named.size());
        double[] val = Arrays.copyOf(textFeatures.values(), n + named.size());
        for (Map.Entry<String, Double> e : named.entrySet()) {
            idx[n] = index(e.getKey(), 'f');
            val[n++] = e.getValue();
        }
        return new FeatureVector(idx, val);
    }

    private void words(CharSequence text, int start, int end, Accumulator acc) {
        int previous = mix(FNV_OFFSET, '^');
        int i = start;
        while (i < end) {
            while (i < end && !isLetterOrDigit(text.charAt(i))) {
                i++;
            }
            if (i >= end) {
                break;
            }
            int word = FNV_OFFSET;
            boolean digits = true;
            int length = 0;
            while (i < end && isLetterOrDigit(text.charAt(i))) {
                char c = toLowerCase(text.charAt(i++));
                digits &= isDigit(c);
                if (length++ < MAX_WORD) {
                    word = mix(word, c);
                }
            }
            if (digits) {
                word = mix(FNV_OFFSET, '#');
            }
            acc.set(finish(mix(word, 'w')));
            acc.set(finish(mix(mix(previous * 31 + word, '_'), 'b')));
            previous = word;
        }
    }

    private void hanGrams(CharSequence text, int start, int end, Accumulator acc) {
        char a = 0;
        char b = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isWhitespaceOrDigit(c)) {
                if (Character.isWhitespace(c)) {
                    continue;
                }
                c = '0';
            }
            if (b != 0) {
                acc.set(finish(mix(mix(mix(FNV_OFFSET, '2'), b), c)));
                if (a != 0) {
                    acc.set(finish(mix(mix(mix(mix(FNV_OFFSET, '3'), a), b), c)));
                }
            }
            a = b;
            b = c;
        }
    }

    // Character class tests of the n-gram loops: the ASCII answers inline, the rest from Character.

    private static boolean isLetterOrDigit(char c) {
        return c < 128
                ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                : Character.isLetterOrDigit(c);
    }

    private static char toLowerCase(char c) {
        return c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c) : Character.toLowerCase(c);
    }

    private static boolean isDigit(char c) {
        return c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }

    /**
     * Chars that are whitespace or digits, as a bit set over all UTF-16 units (8 KiB) built from Character: most
     * chars of a Chinese passage are neither, which one look-up tells.
     */
    private static final long[] WHITESPACE_OR_DIGIT = new long[(Character.MAX_VALUE + 1) / Long.SIZE];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (Character.isWhitespace(c) || Character.isDigit(c)) {
                WHITESPACE_OR_DIGIT[c >>> 6] |= 1L << c;
            }
        }
    }

    private static boolean isWhitespaceOrDigit(char c) {
        return (WHITESPACE_OR_DIGIT[c >>> 6] & (1L << c)) != 0;
    }

    /** The index of a named feature ({@code kind} separates name spaces). */
    int index(String feature, char kind) {
        return finish(mix(mix(FNV_OFFSET, kind), feature));
    }

    /** The index of the named feature {@code prefix + name}, without building that string. */
    int namedIndex(String prefix, String name) {
        return finish(mix(mix(mix(FNV_OFFSET, 'f'), prefix), name));
    }

    private static int mix(int h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = mix(h, s.charAt(i));
        }
        return h;
    }

    private static int mix(int h, char c) {
        return (h ^ c) * FNV_PRIME;
    }

    /** Index 0 is reserved for the bias. */
    private int finish(int h) {
        int i = (h ^ (h >>> 16)) & mask;
        return i == 0 ? 1 : i;
    }

    /** Collects n-gram indices, each with value 1 (a repeated n-gram counts again: term frequency). */
    static final class Accumulator {

        private int[] idx;
        private int n;

        int size() {
            return n;
        }

        /** The indices, valid up to {@link #size()}. */
        int[] indices() {
            return idx;
        }

        Accumulator(int capacity) {
            idx = new int[Math.max(capacity, 8)];
        }

        void set(int i) {
            if (n == idx.length) {
                idx = Arrays.copyOf(idx, n * 2);
            }
            idx[n++] = i;
        }

        FeatureVector toVector() {
            double[] ones = new double[n];
            Arrays.fill(ones, 1.0);
            return new FeatureVector(Arrays.copyOf(idx, n), ones);
        }
    }
}
