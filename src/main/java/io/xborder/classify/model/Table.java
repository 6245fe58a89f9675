package io.xborder.classify.model;

/**
 * The weights of several heads that read the same features, laid out feature by feature (the row of a feature index
 * holds one weight per head): the margins of all of them cost one look-up of a few adjacent weights per feature, where
 * one array per head would cost one cache miss per feature and head. Weights are filled in as floats, then kept as
 * signed bytes with one scale per head (a quarter of the memory, so the table stays in the processor's cache).
 * Measured on a document-grouped 80/20 split of the training data, 8-bit weights scored as well as 16-bit ones
 * (mechanisms 0.833 vs 0.829 F1, data categories 0.836 vs 0.819, modality 0.885 vs 0.878): the rounding acts as a
 * mild regulariser.
 *
 * <p>
 * A table of {@value #PACKED_HEADS} heads or more (the attribute heads) keeps each row as whole longs, eight weights
 * to a long, each stored as an unsigned byte (weight + 128): a row then starts on a long, spans as few cache lines as
 * it can, and its weights are summed eight at a time in 16-bit lanes of two longs (the even and the odd bytes), which
 * gives the very integer sums a weight-by-weight loop gives.
 */
final class Table {

    /** From this many heads on, rows are packed eight weights to a long and summed in lanes. */
    static final int PACKED_HEADS = 8;
    private static final long EVEN_BYTES = 0x00FF00FF00FF00FFL;
    private static final int BIAS = 128;
    /** A 16-bit lane holds the sum of this many unsigned bytes (255 × 256 < 2^16) before it is drained. */
    private static final int LANE_CAPACITY = 256;

    private final int heads;
    private final int mask;
    private final boolean categoryFeaturesOnly;
    /** Longs per row of a packed table, else 0. */
    private final int words;
    private float[] staging;
    /** The weights of a table of few heads, {@code w[index * heads + head]}. */
    private byte[] w;
    /** The weights of a packed table: head h of a row in byte {@code h % 8} of its long {@code h / 8}, plus 128. */
    private long[] lanes;
    private float[] scale;

    /**
     * @param dimension a power of two; feature indices are folded into it ({@code index & (dimension - 1)})
     * @param categoryFeaturesOnly whether its heads read only the features before the attribute cues
     */
    Table(int heads, int dimension, boolean categoryFeaturesOnly) {
        if (Integer.bitCount(dimension) != 1) {
            throw new IllegalArgumentException("dimension must be a power of two");
        }
        this.heads = heads;
        this.mask = dimension - 1;
        this.staging = new float[heads * dimension];
        this.categoryFeaturesOnly = categoryFeaturesOnly;
        this.words = heads >= PACKED_HEADS ? (heads + 7) / 8 : 0;
    }

    /** How many of the passage's features the heads read. */
    private int read(Features f) {
        return categoryFeaturesOnly ? f.categoryFeatures : f.size;
    }

    int heads() {
        return heads;
    }

    int dimension() {
        return mask + 1;
    }

    /** Sets a weight while the table is being filled. */
    void set(int index, int head, float value) {
        staging[(index & mask) * heads + head] = value;
    }

    /** Ends the filling: the weights become signed bytes with a scale per head. */
    void seal() {
        scale = new float[heads];
        for (int h = 0; h < heads; h++) {
            float max = 0;
            for (int i = h; i < staging.length; i += heads) {
                max = Math.max(max, Math.abs(staging[i]));
            }
            scale[h] = max == 0 ? 1 : max / Byte.MAX_VALUE;
        }
        byte[] bytes = new byte[staging.length];
        for (int i = 0; i < staging.length; i++) {
            bytes[i] = (byte) Math.round(staging[i] / scale[i % heads]);
        }
        staging = null;
        if (words == 0) {
            w = bytes;
            return;
        }
        lanes = new long[(mask + 1) * words];
        for (int row = 0; row <= mask; row++) {
            for (int h = 0; h < heads; h++) {
                long unsigned = bytes[row * heads + h] + BIAS;
                lanes[row * words + (h >>> 3)] |= unsigned << ((h & 7) << 3);
            }
        }
    }

    /** The signed byte weight of a head in the row of a (folded) index. */
    private int weight(int row, int head) {
        if (words == 0) {
            return w[row * heads + head];
        }
        return (int) (lanes[row * words + (head >>> 3)] >>> ((head & 7) << 3) & 0xFF) - BIAS;
    }

    float get(int index, int head) {
        return weight(index & mask, head) * scale[head];
    }

    /** Every head's margin, in {@code out[0, heads)}; index 0 is the bias. */
    void margins(Features f, float[] out) {
        int[] sum = new int[heads];
        float[] named = words == 0 ? bytewise(f, sum) : packed(f, sum);
        for (int h = 0; h < heads; h++) {
            out[h] = (sum[h] + (named == null ? 0 : named[h])) * scale[h];
        }
    }

    /**
     * Fills {@code sum} with the bias plus the weights of the features of value 1; returns the sums of the few
     * features with other values (a squashed rule score), kept apart, or null when there are none.
     */
    private float[] bytewise(Features f, int[] sum) {
        int n = read(f);
        for (int h = 0; h < heads; h++) {
            sum[h] = w[h];
        }
        int[] idx = f.index;
        float[] val = f.value;
        float[] named = null;
        for (int i = 0; i < n; i++) {
            int base = (idx[i] & mask) * heads;
            if (val[i] == 1f && heads == 2) { // the category heads: the loop below, unrolled
                sum[0] += w[base];
                sum[1] += w[base + 1];
            } else if (val[i] == 1f) {
                for (int h = 0; h < heads; h++) {
                    sum[h] += w[base + h];
                }
            } else {
                if (named == null) {
                    named = new float[heads];
                }
                for (int h = 0; h < heads; h++) {
                    named[h] += w[base + h] * val[i];
                }
            }
        }
        return named;
    }

    /** As {@link #bytewise}, for a packed table. */
    private float[] packed(Features f, int[] sum) {
        if (words == 4) {
            return packed4(f, sum);
        }
        int n = read(f);
        startPacked(sum);
        int[] idx = f.index;
        float[] val = f.value;
        float[] named = null;
        long[] even = new long[words];
        long[] odd = new long[words];
        int pending = 0;
        int ones = 0;
        for (int i = 0; i < n; i++) {
            int row = idx[i] & mask;
            if (val[i] == 1f) {
                int base = row * words;
                for (int k = 0; k < words; k++) {
                    long x = lanes[base + k];
                    even[k] += x & EVEN_BYTES;
                    odd[k] += (x >>> 8) & EVEN_BYTES;
                }
                if (++pending == LANE_CAPACITY) {
                    drain(even, odd, sum);
                    ones += pending;
                    pending = 0;
                }
            } else {
                named = addScaled(named, row, val[i]);
            }
        }
        drain(even, odd, sum);
        ones += pending;
        unbias(sum, ones);
        return named;
    }

    /**
     * As {@link #packed} for rows of four longs (the 30 attribute heads), the lanes kept in locals: in arrays, each
     * feature's adds waited on the previous feature's stores.
     */
    private float[] packed4(Features f, int[] sum) {
        int n = read(f);
        startPacked(sum);
        int[] idx = f.index;
        float[] val = f.value;
        float[] named = null;
        long e0 = 0;
        long e1 = 0;
        long e2 = 0;
        long e3 = 0;
        long o0 = 0;
        long o1 = 0;
        long o2 = 0;
        long o3 = 0;
        long[] lanes = this.lanes;
        int ones = 0;
        int i = 0;
        while (i < n) {
            // at most LANE_CAPACITY features of value 1 between two drains
            int stop = Math.min(n, i + LANE_CAPACITY);
            for (; i < stop; i++) {
                int row = idx[i] & mask;
                if (val[i] == 1f) {
                    int base = row * 4;
                    long x0 = lanes[base];
                    long x1 = lanes[base + 1];
                    long x2 = lanes[base + 2];
                    long x3 = lanes[base + 3];
                    e0 += x0 & EVEN_BYTES;
                    o0 += (x0 >>> 8) & EVEN_BYTES;
                    e1 += x1 & EVEN_BYTES;
                    o1 += (x1 >>> 8) & EVEN_BYTES;
                    e2 += x2 & EVEN_BYTES;
                    o2 += (x2 >>> 8) & EVEN_BYTES;
                    e3 += x3 & EVEN_BYTES;
                    o3 += (x3 >>> 8) & EVEN_BYTES;
                    ones++;
                } else {
                    named = addScaled(named, row, val[i]);
                }
            }
            long[] even = { e0, e1, e2, e3 };
            long[] odd = { o0, o1, o2, o3 };
            drain(even, odd, sum);
            e0 = e1 = e2 = e3 = o0 = o1 = o2 = o3 = 0;
        }
        unbias(sum, ones);
        return named;
    }

    /** Starts a packed table's sums at the bias row. */
    private void startPacked(int[] sum) {
        for (int h = 0; h < heads; h++) {
            sum[h] = weight(0, h);
        }
    }

    /** Adds {@code value} times a packed row to the sums of features whose value is not 1 (allocated on first use). */
    private float[] addScaled(float[] named, int row, float value) {
        float[] out = named == null ? new float[heads] : named;
        for (int h = 0; h < heads; h++) {
            out[h] += weight(row, h) * value;
        }
        return out;
    }

    /** Takes from each sum the offset ({@link #BIAS}) the unsigned lanes added once per feature of value 1. */
    private void unbias(int[] sum, int ones) {
        for (int h = 0; h < heads; h++) {
            sum[h] -= BIAS * ones;
        }
    }

    /** Adds the lanes' sums to {@code sum} and empties them. */
    private void drain(long[] even, long[] odd, int[] sum) {
        for (int k = 0; k < words; k++) {
            for (int b = 0; b < 4; b++) {
                int h = 8 * k + 2 * b;
                int shift = 16 * b;
                if (h < heads) {
                    sum[h] += (int) (even[k] >>> shift & 0xFFFF);
                }
                if (h + 1 < heads) {
                    sum[h + 1] += (int) (odd[k] >>> shift & 0xFFFF);
                }
            }
            even[k] = 0;
            odd[k] = 0;
        }
    }

    /** One head's margin. */
    double margin(Features f, int head) {
        int n = read(f);
        double z = get(0, head);
        for (int i = 0; i < n; i++) {
            z += get(f.index[i], head) * f.value[i];
        }
        return z;
    }
}
