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
