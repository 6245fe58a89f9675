package io.xborder.classify.model;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Binary logistic regression over hashed sparse features, trained by AdaGrad with L2 regularisation; index 0 is the
 * bias. Training is deterministic for a given seed.
 */
public final class LogisticModel {

    private LogisticModel() {
    }

    /** Training settings: passes over the data, AdaGrad step, L2 strength, weight of positives, shuffling seed. */
    public record Settings(int epochs, double learningRate, double l2, double positiveWeight, long seed) {

        /** The settings of the category heads: L2 keeps the many n-gram weights small. */
        public static Settings defaults() {
            return new Settings(30, 0.2, 3e-2, 1.0, 20261204L);
        }

        /**
         * The settings of the attribute heads: they start from what the rules' cues say, and a strong pull towards
         * that start lets only corrections the data supports through.
         */
        public static Settings attributes() {
            return new Settings(30, 0.2, 1e-1, 1.0, 20261204L);
        }

        public Settings withPositiveWeight(double w) {
            return new Settings(epochs, learningRate, l2, w, seed);
        }
    }

    /** One training example. */
    public record Example(FeatureVector features, boolean positive) {
    }

    static double sigmoid(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** The raw decision value w·x + b. */
    public static double margin(float[] w, FeatureVector x) {
        double z = w[0];
        int[] idx = x.indices();
        double[] val = x.values();
        for (int i = 0; i < idx.length; i++) {
            z += w[idx[i]] * val[i];
        }
        return z;
    }

    /** Weights of a model fitted to {@code examples} in a space of {@code dimension} features. */
    public static float[] train(List<Example> examples, int dimension, Settings settings) {
        return train(examples, new float[dimension], settings);
    }

    /**
     * Weights fitted to {@code examples} starting from {@code prior} and regularised towards it rather than towards
     * zero: the prior's answer stands wherever the data does not contradict it (a head that starts from what the
     * rules say and learns their corrections).
     */
    public static float[] train(List<Example> examples, float[] prior, Settings settings) {
        int dimension = prior.length;
        float[] w = prior.clone();
        float[] g2 = new float[dimension];
        Arrays.fill(g2, 1e-6f);
        int[] order = new int[examples.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random random = new Random(settings.seed());
        double rate = settings.learningRate();
        double l2 = settings.l2();
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int k : order) {
                Example ex = examples.get(k);
                double p = sigmoid(margin(w, ex.features()));
                double g = ex.positive() ? (p - 1) * settings.positiveWeight() : p;
                update(w, prior, g2, 0, g, 0, rate);
                int[] idx = ex.features().indices();
                double[] val = ex.features().values();
                for (int i = 0; i < idx.length; i++) {
                    update(w, prior, g2, idx[i], g * val[i], l2, rate);
                }
            }
        }
        return w;
    }

    private static void update(float[] w, float[] prior, float[] g2, int i, double gradient, double l2,
            double rate) {
        double g = gradient + l2 * (w[i] - prior[i]);
        g2[i] += (float) (g * g);
        w[i] -= (float) (rate * g / Math.sqrt(g2[i]));
    }
}
