package io.xborder.classify.model;

import java.util.List;

/**
 * Platt scaling: maps a raw margin m to P(correct) = 1 / (1 + exp(a·m + b)), fitted by Newton's method on
 * held-out margins with Platt's smoothed targets.
 */
public record PlattCalibration(double a, double b) {

    /** The identity-like calibration (plain sigmoid of the margin). */
    public static PlattCalibration identity() {
        return new PlattCalibration(-1, 0);
    }

    public double probability(double margin) {
        double z = a * margin + b;
        return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
    }

    /** A held-out margin and whether the prediction was right. */
    public record Point(double margin, boolean positive) {
    }

    public static PlattCalibration fit(List<Point> points) {
        long pos = points.stream().filter(Point::positive).count();
        long neg = points.size() - pos;
        if (pos == 0 || neg == 0) {
            return identity();
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        double a = 0;
        double b = Math.log((neg + 1.0) / (pos + 1.0));
        for (int iter = 0; iter < 100; iter++) {
            double h11 = 1e-12;
            double h22 = 1e-12;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (Point p : points) {
                double t = p.positive() ? hi : lo;
                double prob = new PlattCalibration(a, b).probability(p.margin());
                double d1 = t - prob;
                double d2 = prob * (1 - prob);
                h11 += p.margin() * p.margin() * d2;
                h22 += d2;
                h21 += p.margin() * d2;
                g1 += p.margin() * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < 1e-7 && Math.abs(g2) < 1e-7) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double da = -(h22 * g1 - h21 * g2) / det;
            double db = -(-h21 * g1 + h11 * g2) / det;
            a += da;
            b += db;
        }
        return new PlattCalibration(a, b);
    }
}
