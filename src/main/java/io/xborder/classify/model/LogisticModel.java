package io.xborder.classify.model;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Binary logistic regression over hashed sparse features, trained by AdaGrad with L2 regularisation; index 0 is
 * the bias. Training is deterministic for a given seed.
 */
public final class LogisticModel {

    private final double[] weights;

    public LogisticModel(double[] weights) {
        this.weights = weights;
    }

    public double[] weights() {
        return weights;
    }

    /** The raw decision value w·x + b. */
    public double margin(FeatureVector x) {
        double z = weights[0];
        int[] idx = x.indices();
        double[] val = x.values();
        for (int i = 0; i < idx.length; i++) {
            z += weights[idx[i]] * val[i];
        }
        return z;
    }

    /**
     * The margin of {@code textIndices[0, textCount)} (n-grams, value 1) followed by the named features, summed in
     * exactly the order {@link #margin(FeatureVector)} sums the vector of the same features (text first), so
     * the result is bit for bit the same without building that vector.
     */
    double margin(int[] textIndices, int textCount, NamedFeatures named) {
        double z = weights[0];
        for (int i = 0; i < textCount; i++) {
            z += weights[textIndices[i]] * 1.0;
        }
        for (int i = 0; i < named.size(); i++) {
            z += weights[named.index(i)] * named.value(i);
        }
        return z;
    }

    public double probability(FeatureVector x) {
        return sigmoid(margin(x));
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** Training settings: passes over the data, AdaGrad step, L2 strength, shuffling seed. */
    public record Settings(int epochs, double learningRate, double l2, long seed) {

        public static Settings defaults() {
            return new Settings(40, 0.5, 1e-3, 20261125L);
        }
    }

    /** One training example. */
    public record Example(FeatureVector features, boolean positive) {
    }

    public static LogisticModel train(List<Example> examples, int dimension, Settings settings) {
        double[] w = new double[dimension];
        double[] g2 = new double[dimension];
        Arrays.fill(g2, 1e-8);
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(settings.seed());
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int k : order) {
                Example ex = examples.get(k);
                double p = sigmoid(new LogisticModel(w).margin(ex.features()));
                double y = ex.positive() ? 1 : 0;
                double g = p - y;
                update(w, g2, 0, g, 0, settings.learningRate());
                int[] idx = ex.features().indices();
                double[] val = ex.features().values();
                for (int i = 0; i < idx.length; i++) {
                    update(w, g2, idx[i], g * val[i], settings.l2(), settings.learningRate());
                }
            }
        }
        return new LogisticModel(w);
    }

    private static void update(double[] w, double[] g2, int i, double gradient, double l2, double rate) {
        double g = gradient + l2 * w[i];
        g2[i] += g * g;
        w[i] -= rate * g / Math.sqrt(g2[i]);
    }
}
