package io.xborder.classify.model;

import java.util.Arrays;

/** A sparse feature vector: indices with their values (n-gram indices sorted and distinct, named ones appended). */
public record FeatureVector(int[] indices, double[] values) {

    public FeatureVector {
        if (indices.length != values.length) {
            throw new IllegalArgumentException("indices and values differ in length");
        }
    }

    public int size() {
        return indices.length;
    }

    /** The same features in a space of {@code 2^bits}: each index folded to its low bits. */
    public FeatureVector folded(int bits) {
        int mask = (1 << bits) - 1;
        int[] idx = new int[indices.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = indices[i] & mask;
        }
        return new FeatureVector(idx, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureVector v && Arrays.equals(indices, v.indices) && Arrays.equals(values, v.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(indices) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "FeatureVector" + Arrays.toString(indices);
    }
}
