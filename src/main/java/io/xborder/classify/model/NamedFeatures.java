package io.xborder.classify.model;

import java.util.Arrays;

/**
 * The named features of one candidate as hashed indices with values, in first-insertion order; a name added
 * again keeps its place and the larger value, as {@code Map.merge(name, value, Math::max)} on a
 * {@code LinkedHashMap} would. Names are given as a prefix ("rule:") and the rest, hashed without joining them.
 * Mutable, for one thread: {@link FindingScorer} fills one per candidate.
 */
final class NamedFeatures implements FindingScorer.NamedSink {

    private final FeatureHasher hasher;
    private String[] prefixes = new String[16];
    private String[] names = new String[16];
    private int[] indices = new int[16];
    private double[] values = new double[16];
    private int n;

    NamedFeatures(FeatureHasher hasher) {
        this.hasher = hasher;
    }

    void clear() {
        n = 0;
    }

    @Override
    public void add(String prefix, String name, double value) {
        for (int i = 0; i < n; i++) {
            // prefixes are distinct constants, so equal keys have the same prefix object and an equal rest
            if (prefixes[i] == prefix && names[i].equals(name)) {
                values[i] = Math.max(values[i], value);
                return;
            }
        }
        if (n == indices.length) {
            prefixes = Arrays.copyOf(prefixes, 2 * n);
            names = Arrays.copyOf(names, 2 * n);
            indices = Arrays.copyOf(indices, 2 * n);
            values = Arrays.copyOf(values, 2 * n);
        }
        prefixes[n] = prefix;
        names[n] = name;
        indices[n] = hasher.namedIndex(prefix, name);
        values[n++] = value;
    }

    int size() {
        return n;
    }

    int index(int i) {
        return indices[i];
    }

    double value(int i) {
        return values[i];
    }
}
