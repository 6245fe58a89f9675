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
