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

    /**
     * Fits a and b by Newton's method with a backtracking line search on the regularised log-loss (Lin, Lin and
     * Weng's improvement of Platt's algorithm), which converges even when the margins separate the classes.
     */
    public static PlattCalibration fit(List<Point> points) {
        long pos = points.stream().filter(Point::positive).count();
        long neg = points.size() - pos;
        if (pos == 0 || neg == 0) {
            return identity();
        }
        double hi = (pos + 1.0) / (pos + 2.0);
        double lo = 1.0 / (neg + 2.0);
        int n = points.size();
        double[] m = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = points.get(i).margin();
            t[i] = points.get(i).positive() ? hi : lo;
        }
        double a = 0;
        double b = Math.log((neg + 1.0) / (pos + 1.0));
        double f = loss(m, t, a, b);
        for (int iter = 0; iter < 100; iter++) {
            double h11 = 1e-12;
            double h22 = 1e-12;
            double h21 = 0;
            double g1 = 0;
            double g2 = 0;
            for (int i = 0; i < n; i++) {
                double z = m[i] * a + b;
                double p;
                double q;
                if (z >= 0) {
                    p = Math.exp(-z) / (1 + Math.exp(-z));
                    q = 1 / (1 + Math.exp(-z));
                } else {
                    p = 1 / (1 + Math.exp(z));
                    q = Math.exp(z) / (1 + Math.exp(z));
                }
                double d2 = p * q;
                h11 += m[i] * m[i] * d2;
                h22 += d2;
                h21 += m[i] * d2;
                double d1 = t[i] - p;
                g1 += m[i] * d1;
                g2 += d1;
            }
            if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) {
                break;
            }
            double det = h11 * h22 - h21 * h21;
            double da = -(h22 * g1 - h21 * g2) / det;
            double db = -(-h21 * g1 + h11 * g2) / det;
            double gd = g1 * da + g2 * db;
            double step = 1;
            while (step >= 1e-10) {
                double na = a + step * da;
                double nb = b + step * db;
                double nf = loss(m, t, na, nb);
                if (nf < f + 1e-4 * step * gd) {
                    a = na;
                    b = nb;
                    f = nf;
                    break;
                }
                step /= 2;
            }
            if (step < 1e-10) {
                break;
            }
        }
        return new PlattCalibration(a, b);
    }

    private static double loss(double[] m, double[] t, double a, double b) {
        double f = 0;
        for (int i = 0; i < m.length; i++) {
            double z = m[i] * a + b;
            f += z >= 0 ? t[i] * z + Math.log1p(Math.exp(-z)) : (t[i] - 1) * z + Math.log1p(Math.exp(z));
        }
        return f;
    }
}
