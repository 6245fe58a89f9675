package io.xborder.classify.model;

import java.util.List;

/** Calibration measures. */
public final class Calibration {

    private Calibration() {
    }

    /** Expected calibration error over 10 equal-width confidence bins. */
    public static double expectedCalibrationError(List<PlattCalibration.Point> points, PlattCalibration calibration) {
        double[] sumConfidence = new double[10];
        double[] sumRight = new double[10];
        int[] count = new int[10];
        for (PlattCalibration.Point p : points) {
            double c = calibration.probability(p.margin());
            int bin = Math.min(9, (int) (c * 10));
            sumConfidence[bin] += c;
            sumRight[bin] += p.positive() ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            if (count[b] > 0) {
                ece += Math.abs(sumConfidence[b] - sumRight[b]) / points.size();
            }
        }
        return ece;
    }
}
