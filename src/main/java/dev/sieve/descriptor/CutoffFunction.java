package dev.sieve.descriptor;

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

    /** 1/(2k)! for k = 0..11 and 1/(2k+1)! for k = 0..10: Taylor series of cos z and sin z / z on [0, pi/2]. */
    private static final double[] COS_C = new double[12];
    private static final double[] SIN_C = new double[11];

    static {
        double f = 1.0; // k!
        for (int k = 0; k <= 22; k++) {
            if (k > 0) {
                f *= k;
            }
            double sign = (k / 2) % 2 == 0 ? 1.0 : -1.0;
            if (k % 2 == 0) {
                COS_C[k / 2] = sign / f;
            } else {
                SIN_C[k / 2] = sign / f;
            }
        }
    }

    /**
     * f(r) and, when {@code df != null}, f'(r) for r[0..n), into f[off..off+n) and df[off..off+n):
     * the same values as {@link #value} and {@link #derivative} to rounding. For the cos type,
     * f = cos^2(z) and f' = -pi sin(z) cos(z) / (rc - alpha rc) with z = pi x / 2 evaluated by
     * polynomials (Taylor series to degree 22 on [0, pi/2], error below 1e-17) in element-wise
     * loops, instead of a call of Math.cos and Math.sin per neighbour; it is also free of the
     * cancellation of (1 + cos(pi x)) / 2 near rc.
     */
    public void evaluate(double[] r, int n, double[] f, double[] df, int off) {
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
            double x = Math.min(Math.max((r[s] - rci) * iw, 0.0), 1.0);
            double z = h * x;
            double z2 = z * z;
            double c = ((((((((((COS_C[11] * z2 + COS_C[10]) * z2 + COS_C[9]) * z2 + COS_C[8]) * z2 + COS_C[7]) * z2
                + COS_C[6]) * z2 + COS_C[5]) * z2 + COS_C[4]) * z2 + COS_C[3]) * z2 + COS_C[2]) * z2 + COS_C[1]) * z2
                + COS_C[0];
            f[off + s] = r[s] < rc ? c * c : 0.0;
            if (df != null) {
                double sn = z * (((((((((((SIN_C[10] * z2 + SIN_C[9]) * z2 + SIN_C[8]) * z2 + SIN_C[7]) * z2
                    + SIN_C[6]) * z2 + SIN_C[5]) * z2 + SIN_C[4]) * z2 + SIN_C[3]) * z2 + SIN_C[2]) * z2 + SIN_C[1])
                    * z2 + SIN_C[0]));
                df[off + s] = r[s] < rc ? -Math.PI * iw * sn * c : 0.0;
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
