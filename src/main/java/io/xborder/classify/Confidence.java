package io.xborder.classify;

/**
 * The one rounding rule for a finding's confidence once it leaves the classifier: three decimals, half up. The
 * classify API answers with it and findings are stored with it, so a passage classified through the API and the
 * same passage stored with its document show the same number; the console prints it as a whole percentage.
 */
public final class Confidence {

    /** Three decimals: the calibration error (ECE) is about 0.02, so a fourth decimal would only be noise. */
    private static final double SCALE = 1000.0;

    private Confidence() {
    }

    /** The confidence as the API answers it and the database stores it. */
    public static double rounded(double confidence) {
        return Math.round(confidence * SCALE) / SCALE;
    }

    /** The confidence as the console shows it: "94 %". */
    public static String percent(double confidence) {
        return Math.round(confidence * 100) + " %";
    }
}
