package io.xborder.classify.model;

import io.xborder.classify.Category;
import io.xborder.classify.Genre;
import java.util.Arrays;

/**
 * The features of one passage as hashed indices with values, filled by {@link FeatureExtractor}. Word or character
 * n-grams come first; after them the named features (lexicon classes and their pairs and triples, places, rules, cue
 * attributes, shape), each also keeping what it is ({@link Kind} and up to three ids) and the words behind it (up
 * to two spans, relative to the passage start) for evidence and explanations. A mutable buffer: one per thread,
 * reused passage after passage.
 */
public final class Features {

    /** What a named feature is; its ids ({@code a, b, c}) mean terms, rules or enum ordinals by kind. */
    public enum Kind {
        /** A lexicon class or place role is present: a = term. */
        TERM,
        /** Two terms occur in the passage: a, b = terms. */
        PAIR,
        /** A category's rules matched: a = category ordinal. */
        RULE_CATEGORY,
        /** A category's rule score (squashed): a = category ordinal. */
        RULE_SCORE,
        /** One rule matched: a = index in the passage's rule ids. */
        RULE,
        /** A rule's context boost: a = index in the passage's rule ids. */
        BOOST,
        /** A suppression: a = index in the passage's rule ids. */
        SUPPRESSION,
        /** The mechanism cues name a mechanism: a = ordinal. */
        MECHANISM_CUE,
        /** The data-category cues name a category: a = ordinal. */
        DATA_CUE,
        /** The modal cues give a modality: a = ordinal. */
        MODALITY_CUE,
        /** The passage belongs to a law (a = 1) or not (a = 0). */
        LAW,
        /** The document's genre: a = {@link Genre} ordinal. */
        GENRE,
        /** The passage's shape: a = {@link Shape} ordinal. */
        SHAPE
    }

    /** Surface shapes of a passage that tell genres apart. */
    public enum Shape {
        /** Few words. */
        SHORT,
        /** No final sentence punctuation: a headline, a title, a list item. */
        UNTERMINATED,
        /** Starts with an article or section number. */
        NUMBERED,
        /** Long: a legal article with items. */
        LONG
    }

    int[] index = new int[256];
    float[] value = new float[256];
    int size;
    /** Where the named features start. */
    int namedFrom;
    /** How many of the features the category heads read (the attribute cues come after them). */
    int categoryFeatures;
    Kind[] kind = new Kind[64];
    int[] a = new int[64];
    int[] b = new int[64];
    int[] c = new int[64];
    /** Up to two spans per named feature, relative to the passage start; -1 when absent. */
    int[] span = new int[256];
    /** The rule ids that RULE, BOOST and SUPPRESSION features point into. */
    String[] rules = new String[8];
    int ruleCount;
    /** Scratch for the extractor: per term, its hits (capped) in {@code termHits} and its first hit. */
    long[] termHits = new long[256];
    int[] termOffset = new int[64];
    int[] termCount = new int[64];
    long[] termFirst = new long[64];
    int[] present = new int[64];

    void ensureTerms(int terms) {
        if (termOffset.length < terms) {
            termOffset = new int[terms];
            termCount = new int[terms];
            termFirst = new long[terms];
            present = new int[terms];
        }
    }

    /** No class of data, place, border or transfer regime occurs: the passage is about neither category. */
    boolean outOfScope;
    /** Per category (ordinal): see {@link #anchored}. */
    final boolean[] anchored = new boolean[Category.values().length];
    FeatureExtractor.Layout layout;

    void reset(FeatureExtractor.Layout layout) {
        this.layout = layout;
        size = 0;
        namedFrom = 0;
        categoryFeatures = 0;
        ruleCount = 0;
        outOfScope = false;
        if (index.length > 1 << 16) {
            index = new int[256];
            value = new float[256];
        }
    }

    public int size() {
        return size;
    }

    public int index(int i) {
        return index[i];
    }

    public float value(int i) {
        return value[i];
    }

    /** Whether the passage has nothing a finding needs (no model runs on it; no finding). */
    public boolean outOfScope() {
        return outOfScope;
    }

    /**
     * Whether a rule of {@code c} matched or the passage names a place or a word that ties it to {@code c} on its
     * own: a finding needs one (otherwise only its document can make it).
     */
    public boolean anchored(Category c) {
        return !outOfScope && anchored[c.ordinal()];
    }

    /** The number of named features (they sit at {@code namedFrom() ...  size() - 1}). */
    public int namedCount() {
        return size - namedFrom;
    }

    public int namedFrom() {
        return namedFrom;
    }

    /** The number of named features the category heads read (those before the attribute cues). */
    public int categoryNamedCount() {
        return categoryFeatures - namedFrom;
    }

    void addGram(int idx) {
        grow();
        index[size] = idx;
        value[size++] = 1f;
    }

    void startNamed() {
        namedFrom = size;
    }

    void addNamed(int idx, float v, Kind k, int ia, int ib, int ic, int s1, int e1, int s2, int e2) {
        grow();
        int j = size - namedFrom;
        if (j == kind.length) {
            int n = 2 * j;
            kind = Arrays.copyOf(kind, n);
            a = Arrays.copyOf(a, n);
            b = Arrays.copyOf(b, n);
            c = Arrays.copyOf(c, n);
            span = Arrays.copyOf(span, 4 * n);
        }
        index[size] = idx;
        value[size++] = v;
        kind[j] = k;
        a[j] = ia;
        b[j] = ib;
        c[j] = ic;
        span[4 * j] = s1;
        span[4 * j + 1] = e1;
        span[4 * j + 2] = s2;
        span[4 * j + 3] = e2;
    }

    int addRuleId(String id) {
        for (int i = 0; i < ruleCount; i++) {
            if (rules[i].equals(id)) {
                return i;
            }
        }
        if (ruleCount == rules.length) {
            rules = Arrays.copyOf(rules, 2 * ruleCount);
        }
        rules[ruleCount] = id;
        return ruleCount++;
    }

    private void grow() {
        if (size == index.length) {
            index = Arrays.copyOf(index, 2 * size);
            value = Arrays.copyOf(value, 2 * size);
        }
    }

    /** The kind of the j-th named feature. */
    public Kind kind(int j) {
        return kind[j];
    }

    /** The name of the j-th named feature, e.g. {@code data+move+border} or {@code rule:en.transfer.abroad}. */
    public String name(int j) {
        return layout.name(this, j);
    }

    /** A span not computed yet (a pair's words are looked for only when asked for). */
    static final int LATER = -2;

    /**
     * The start (relative to the passage) of the j-th named feature's first ({@code which} = 0) or second span, or -1
     * when it has none. Valid only while this buffer holds the passage it was extracted from.
     */
    public int spanStart(int j, int which) {
        if (span[4 * j] == LATER) {
            layout.pairSpans(this, j);
        }
        return span[4 * j + 2 * which];
    }

    /** The end (exclusive) of the span {@link #spanStart} starts. */
    public int spanEnd(int j, int which) {
        if (span[4 * j] == LATER) {
            layout.pairSpans(this, j);
        }
        return span[4 * j + 2 * which + 1];
    }

    /** A copy as a plain vector (for training). */
    public FeatureVector toVector() {
        return toVector(size);
    }

    /** A copy of the features the category heads read, as a plain vector. */
    public FeatureVector toCategoryVector() {
        return toVector(categoryFeatures);
    }

    private FeatureVector toVector(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = value[i];
        }
        return new FeatureVector(Arrays.copyOf(index, n), v);
    }
}
