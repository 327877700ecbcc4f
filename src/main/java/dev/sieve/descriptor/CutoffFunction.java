package dev.sieve.descriptor;

import dev.sieve.math.BulkTrig;

/**
 * One cutoff function with its radius and inner cutoff fraction, as in n2p2
 * ({@code CutoffFunction}). For the polynomial, cos and exp types, f = 1 below alpha*rc and
 * x = (r - alpha rc)/(rc - alpha rc); the tanh types ignore alpha. f = 0 for r >= rc.
 */
public final class CutoffFunction {
    private static final double E = Math.E;
    private static final double TANH_NORM = Math.pow((E + 1 / E) / (E - 1 / E), 3);

    private final CutoffType type;
    private final double rc;
    private final double rci;
    private final double iw;

    public CutoffFunction(CutoffType type, double rc, double alpha) {
        this.type = type;
        this.rc = rc;
        this.rci = rc * alpha;
        this.iw = 1.0 / (rc - rci);
    }

    public CutoffType type() {
        return type;
    }

    public double rc() {
        return rc;
    }

    private static final BulkTrig TRIG = BulkTrig.get();

    /**
     * f(r) and, when {@code df != null}, f'(r) for r[0..n), into f[off..off+n) and df[off..off+n):
     * the same values as {@link #value} and {@link #derivative} to rounding. For the cos type,
     * f = cos^2(z) and f' = -pi sin(z) cos(z) / (rc - alpha rc) with z = pi x / 2 evaluated by
     * polynomials ({@link BulkTrig}: Taylor series to degree 22 on [0, pi/2], SIMD lanes) instead
     * of a call of Math.cos and Math.sin per neighbour; it is also free of the
     * cancellation of (1 + cos(pi x)) / 2 near rc.
     */
    public void evaluate(double[] r, int n, double[] f, double[] df, int off) {
        evaluate(r, n, f, df, off, false);
    }

    /**
     * As {@link #evaluate}, and may also overwrite {@code f} and {@code df} at {@code off + n .. off + n + 7} where the
     * arrays are long enough (the SIMD cos and sin then finish with a full vector): for scratch arrays.
     */
    public void evaluatePadded(double[] r, int n, double[] f, double[] df, int off) {
        evaluate(r, n, f, df, off, true);
    }

    private void evaluate(double[] r, int n, double[] f, double[] df, int off, boolean padded) {
        if (type != CutoffType.COS) {
            for (int s = 0; s < n; s++) {
                double x = r[s];
                f[off + s] = value(x);
                if (df != null) {
                    df[off + s] = derivative(x);
                }
            }
            return;
        }
        double h = 0.5 * Math.PI;
        for (int s = 0; s < n; s++) {
            f[off + s] = h * ((r[s] - rci) * iw);
        }
        if (padded) {
            TRIG.cosSinPadded(f, df, off, n); // f = cos z, df = sin z
        } else {
            TRIG.cosSin(f, df, off, n);
        }
        if (df != null) {
            double dscale = -Math.PI * iw;
            for (int s = off, end = off + n; s < end; s++) {
                double c = f[s];
                f[s] = c * c;
                df[s] = dscale * df[s] * c;
            }
        } else {
            for (int s = off, end = off + n; s < end; s++) {
                f[s] *= f[s];
            }
        }
        // exactly 0 at and beyond the cutoff (the polynomial gives cos(pi/2) ~ 6e-17 there, and
        // is not meant for z > pi/2) and 1 inside the inner cutoff
        // (selects, not branches: with a short cutoff most neighbours are beyond it, in no predictable order)
        for (int s = 0; s < n; s++) {
            double x = r[s];
            double v = f[off + s];
            f[off + s] = x >= rc ? 0.0 : x < rci ? 1.0 : v;
        }
        if (df != null) {
            for (int s = 0; s < n; s++) {
                double x = r[s];
                double v = df[off + s];
                df[off + s] = x >= rc || x < rci ? 0.0 : v;
            }
        }
    }

    /** f(r). */
    public double value(double r) {
        if (r >= rc) {
            return 0.0;
        }
        switch (type) {
            case TANHU: {
                double t = Math.tanh(1.0 - r / rc);
                return t * t * t;
            }
            case TANH: {
                double t = Math.tanh(1.0 - r / rc);
                return TANH_NORM * t * t * t;
            }
            default:
                break;
        }
        if (r < rci) {
            return 1.0;
        }
        double x = (r - rci) * iw;
        switch (type) {
            case COS:
                return 0.5 * (Math.cos(Math.PI * x) + 1.0);
            case EXP:
                return E * Math.exp(1.0 / (x * x - 1.0));
            case POLY1:
                return (2.0 * x - 3.0) * x * x + 1.0;
            case POLY2:
                return ((15.0 - 6.0 * x) * x - 10.0) * x * x * x + 1.0;
            case POLY3:
                return (x * (x * (20.0 * x - 70.0) + 84.0) - 35.0) * x * x * x * x + 1.0;
            case POLY4: {
                double x2 = x * x;
                return (x * (x * ((315.0 - 70.0 * x) * x - 540.0) + 420.0) - 126.0) * x2 * x2 * x + 1.0;
            }
            default:
                throw new IllegalStateException(type.toString());
        }
    }

    /** df/dr. */
    public double derivative(double r) {
        if (r >= rc) {
            return 0.0;
        }
        switch (type) {
            case TANHU: {
                double t = Math.tanh(1.0 - r / rc);
                return -3.0 * t * t * (1.0 - t * t) / rc;
            }
            case TANH: {
                double t = Math.tanh(1.0 - r / rc);
                return -3.0 * TANH_NORM * t * t * (1.0 - t * t) / rc;
            }
            default:
                break;
        }
        if (r < rci) {
            return 0.0;
        }
        double x = (r - rci) * iw;
        double d;
        switch (type) {
            case COS:
                d = -0.5 * Math.PI * Math.sin(Math.PI * x);
                break;
            case EXP: {
                double q = x * x - 1.0;
                d = E * Math.exp(1.0 / q) * (-2.0 * x / (q * q));
                break;
            }
            case POLY1:
                d = (6.0 * x - 6.0) * x;
                break;
            case POLY2:
                d = ((60.0 - 30.0 * x) * x - 30.0) * x * x;
                break;
            case POLY3:
                d = (x * (x * (140.0 * x - 420.0) + 420.0) - 140.0) * x * x * x;
                break;
            case POLY4: {
                double x2 = x * x;
                d = (x * (x * ((2520.0 - 630.0 * x) * x - 3780.0) + 2520.0) - 630.0) * x2 * x2;
                break;
            }
            default:
                throw new IllegalStateException(type.toString());
        }
        return d * iw;
    }
}
