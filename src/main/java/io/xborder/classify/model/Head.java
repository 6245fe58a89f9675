package io.xborder.classify.model;

/**
 * One binary decision of the model (a category, a mechanism, a data category or a modality): a logistic regression
 * over the hashed features, calibrated by Platt scaling on out-of-fold margins, and the calibrated probability from
 * which the answer is yes.
 */
public record Head(String name, float[] weights, PlattCalibration calibration, double threshold) {

    /** The raw decision value for a passage's features. */
    public double margin(Features f) {
        double z = weights[0];
        int[] idx = f.index;
        float[] val = f.value;
        for (int i = 0; i < f.size; i++) {
            z += weights[idx[i]] * val[i];
        }
        return z;
    }

    /** The calibrated probability that the answer is yes. */
    public double probability(Features f) {
        return calibration.probability(margin(f));
    }

    /** What the i-th feature adds to the margin. */
    public double contribution(Features f, int i) {
        return weights[f.index[i]] * f.value[i];
    }
}
