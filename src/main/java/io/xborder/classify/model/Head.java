package io.xborder.classify.model;

/**
 * One binary decision of the model (a category, a mechanism, a data category or a modality): a logistic regression
 * over the hashed features (one column of a {@link Table} shared with the heads of its kind), calibrated by Platt
 * scaling on out-of-fold margins, and the calibrated probability from which the answer is yes.
 */
public record Head(String name, Table table, int column, PlattCalibration calibration, double threshold) {

    /** The raw decision value for a passage's features. */
    public double margin(Features f) {
        return table.margin(f, column);
    }

    /** The calibrated probability that the answer is yes. */
    public double probability(Features f) {
        return calibration.probability(margin(f));
    }

    /** What the i-th feature adds to the margin (the caller checks the head reads it). */
    public double contribution(Features f, int i) {
        return table.get(f.index[i], column) * f.value[i];
    }

    /** The weight of a feature index (0: the bias). */
    public float weight(int index) {
        return table.get(index, column);
    }
}
