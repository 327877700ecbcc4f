package dev.sieve.md.potential;

/**
 * A tabulated function on a uniform grid x_k = k·delta (k = 0..n-1), interpolated piecewise by
 * cubics whose end slopes come from a five-point finite-difference estimate, the interpolation
 * LAMMPS's EAM styles use (so energies agree with LAMMPS to rounding). Outside the grid the
 * argument is clamped to its ends.
 */
final class Spline {
    private final double delta;
    private final double inv;
    private final int n;
    private final double[] c; // per interval m: c3, c4, c5, c6 (value) and d0, d1, d2 (derivative)

    public Spline(double[] f, double delta) {
        if (f.length < 5) {
            throw new IllegalArgumentException("a spline needs at least 5 points, got " + f.length);
        }
        this.n = f.length;
        this.delta = delta;
        this.inv = 1.0 / delta;
        double[] s5 = new double[n];
        s5[0] = f[1] - f[0];
        s5[1] = 0.5 * (f[2] - f[0]);
        s5[n - 2] = 0.5 * (f[n - 1] - f[n - 3]);
        s5[n - 1] = f[n - 1] - f[n - 2];
        for (int m = 2; m < n - 2; m++) {
            s5[m] = ((f[m - 2] - f[m + 2]) + 8.0 * (f[m + 1] - f[m - 1])) / 12.0;
        }
        c = new double[7 * n];
        for (int m = 0; m < n; m++) {
            double s4 = 0;
            double s3 = 0;
            if (m < n - 1) {
                s4 = 3.0 * (f[m + 1] - f[m]) - 2.0 * s5[m] - s5[m + 1];
                s3 = s5[m] + s5[m + 1] - 2.0 * (f[m + 1] - f[m]);
            }
            int o = 7 * m;
            c[o] = s3;
            c[o + 1] = s4;
            c[o + 2] = s5[m];
            c[o + 3] = f[m];
            c[o + 4] = 3.0 * s3 / delta;
            c[o + 5] = 2.0 * s4 / delta;
            c[o + 6] = s5[m] / delta;
        }
    }

    public double delta() {
        return delta;
    }

    public int size() {
        return n;
    }

    /** Largest tabulated argument. */
    public double xmax() {
        return (n - 1) * delta;
    }

    /** f(x). */
    public double value(double x) {
        double p = x * inv + 1.0;
        int m = (int) p;
        m = Math.max(1, Math.min(m, n - 1));
        p -= m;
        p = Math.min(p, 1.0);
        int o = 7 * (m - 1);
        return ((c[o] * p + c[o + 1]) * p + c[o + 2]) * p + c[o + 3];
    }

    /**
     * Offset of x's interval in the coefficient table, shared by splines on the same grid (same delta and
     * size): {@code valueAt}/{@code derivativeAt} with it and {@link #fraction} equal {@link #value} and
     * {@link #derivative}.
     */
    public int interval(double x) {
        int m = (int) (x * inv + 1.0);
        m = Math.max(1, Math.min(m, n - 1));
        return 7 * (m - 1);
    }

    /** The position of x inside the interval {@code o} (from {@link #interval}), in [0, 1]. */
    public double fraction(double x, int o) {
        return Math.min(x * inv + 1.0 - (o / 7 + 1), 1.0);
    }

    /** f at fraction p of interval o. */
    public double valueAt(int o, double p) {
        return ((c[o] * p + c[o + 1]) * p + c[o + 2]) * p + c[o + 3];
    }

    /** f' at fraction p of interval o. */
    public double derivativeAt(int o, double p) {
        return (c[o + 4] * p + c[o + 5]) * p + c[o + 6];
    }

    /** Whether this spline has the grid of {@code other} (so intervals and fractions can be shared). */
    public boolean sameGrid(Spline other) {
        return delta == other.delta && n == other.n;
    }

    /** f'(x). */
    public double derivative(double x) {
        double p = x * inv + 1.0;
        int m = (int) p;
        m = Math.max(1, Math.min(m, n - 1));
        p -= m;
        p = Math.min(p, 1.0);
        int o = 7 * (m - 1);
        return (c[o + 4] * p + c[o + 5]) * p + c[o + 6];
    }
}
