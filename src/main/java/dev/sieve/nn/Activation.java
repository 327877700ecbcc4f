package dev.sieve.nn;

/**
 * Neuron activation functions, named by their n2p2 letters (keyword {@code global_activation_short}).
 *
 * <p>Each constant gives the value f(x), the first derivative f'(x) and the second derivative f''(x).
 * The formulas agree with n2p2's {@code NeuralNetwork::propagateLayer}; where n2p2 clips at |x| &gt; 35
 * (logistic, softplus) Sieve uses overflow-free formulas instead, which agree to rounding.
 *
 * <p>{@link #LEAKY_RELU} (letter {@code L}) is a Sieve extension, not understood by n2p2; its slope for
 * x &lt; 0 is {@link #LEAKY_SLOPE}. A potential using it cannot be exported to n2p2/LAMMPS.
 */
public enum Activation {
    /** {@code l}: f(x) = x. */
    IDENTITY('l'),
    /** {@code t}: f(x) = tanh x (evaluated by {@link #tanh(double)}). */
    TANH('t'),
    /** {@code s}: f(x) = 1 / (1 + e^-x). */
    LOGISTIC('s'),
    /** {@code p}: f(x) = ln(1 + e^x), overflow-free. */
    SOFTPLUS('p'),
    /** {@code r}: f(x) = max(0, x); f'(0) = 0 as in n2p2. */
    RELU('r'),
    /** {@code g}: f(x) = exp(-x^2/2). */
    GAUSSIAN('g'),
    /** {@code c}: f(x) = cos x. */
    COS('c'),
    /** {@code S}: f(x) = 1 - 1/(1 + e^-x). */
    REVLOGISTIC('S'),
    /** {@code e}: f(x) = exp(-x). */
    EXP('e'),
    /** {@code h}: f(x) = x^2. */
    HARMONIC('h'),
    /** {@code L} (Sieve only): f(x) = x for x &gt; 0, 0.01 x otherwise. */
    LEAKY_RELU('L');

    /** Slope of {@link #LEAKY_RELU} for negative arguments. */
    public static final double LEAKY_SLOPE = 0.01;

    private final char letter;

    Activation(char letter) {
        this.letter = letter;
    }

    /** The n2p2 letter ({@code L} for the Sieve-only leaky ReLU). */
    public char letter() {
        return letter;
    }

    /** True if n2p2 (and LAMMPS {@code pair_style hdnnp}) know this activation. */
    public boolean isN2p2() {
        return this != LEAKY_RELU;
    }

    /** The activation for an n2p2 letter; IllegalArgumentException naming the letter if unknown. */
    public static Activation ofLetter(char c) {
        for (Activation a : values()) {
            if (a.letter == c) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation letter '" + c
                + "' (expected one of l t s p r g c S e h L)");
    }

    /** f(x). */
    public double value(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case TANH -> tanh(x);
            case LOGISTIC -> logistic(x);
            case SOFTPLUS -> softplus(x);
            case RELU -> x > 0.0 ? x : 0.0;
            case GAUSSIAN -> Math.exp(-0.5 * x * x);
            case COS -> Math.cos(x);
            case REVLOGISTIC -> logistic(-x);
            case EXP -> Math.exp(-x);
            case HARMONIC -> x * x;
            case LEAKY_RELU -> x > 0.0 ? x : LEAKY_SLOPE * x;
        };
    }

    /** f'(x). */
    public double derivative(double x) {
        return derivative(x, value(x));
    }

    /** f'(x) given y = f(x) (cheaper for tanh, logistic and exp). */
    public double derivative(double x, double y) {
        return switch (this) {
            case IDENTITY -> 1.0;
            case TANH -> 1.0 - y * y;
            case LOGISTIC -> y * (1.0 - y);
            case SOFTPLUS -> logistic(x);
            case RELU -> x > 0.0 ? 1.0 : 0.0;
            case GAUSSIAN -> -x * y;
            case COS -> -Math.sin(x);
            case REVLOGISTIC -> -y * (1.0 - y);
            case EXP -> -y;
            case HARMONIC -> 2.0 * x;
            case LEAKY_RELU -> x > 0.0 ? 1.0 : LEAKY_SLOPE;
        };
    }

    /** f''(x). */
    public double secondDerivative(double x) {
        return secondDerivative(x, value(x));
    }

    /** f''(x) given y = f(x). */
    public double secondDerivative(double x, double y) {
        return switch (this) {
            case IDENTITY, RELU, LEAKY_RELU -> 0.0;
            case TANH -> -2.0 * y * (1.0 - y * y);
            case LOGISTIC -> y * (1.0 - y) * (1.0 - 2.0 * y);
            case SOFTPLUS -> {
                double s = logistic(x);
                yield s * (1.0 - s);
            }
            case GAUSSIAN -> (x * x - 1.0) * y;
            case COS -> -y;
            // y = 1 - s: f'' = -(s(1-s))' = -s(1-s)(1-2s), with s = 1 - y
            case REVLOGISTIC -> -y * (1.0 - y) * (2.0 * y - 1.0);
            case EXP -> y;
            case HARMONIC -> 2.0;
        };
    }

    /**
     * Applies f to {@code z[off..off+n)} into {@code y[off..off+n)}. One loop per activation, so the JIT
     * sees a monomorphic body; used by the network kernels.
     */
    void apply(double[] z, double[] y, int off, int n) {
        int end = off + n;
        switch (this) {
            case IDENTITY -> System.arraycopy(z, off, y, off, n);
            case TANH -> {
                for (int k = off; k < end; k++) {
                    y[k] = tanh(z[k]);
                }
            }
            case SOFTPLUS -> {
                for (int k = off; k < end; k++) {
                    y[k] = softplus(z[k]);
                }
            }
            default -> {
                for (int k = off; k < end; k++) {
                    y[k] = value(z[k]);
                }
            }
        }
    }

    /**
     * Multiplies {@code d[doff+k]} by f'(z[off+k]) for k in [0, n), using the stored values y = f(z).
     */
    void multiplyDerivative(double[] z, double[] y, int off, double[] d, int doff, int n) {
        switch (this) {
            case IDENTITY -> {
            }
            case TANH -> {
                for (int k = 0; k < n; k++) {
                    double t = y[off + k];
                    d[doff + k] *= 1.0 - t * t;
                }
            }
            default -> {
                for (int k = 0; k < n; k++) {
                    d[doff + k] *= derivative(z[off + k], y[off + k]);
                }
            }
        }
    }

    /**
     * tanh x, deterministic and within 4 ulp (7e-16 relative) of {@link StrictMath#tanh} (tested; the worst
     * cases, 0.17 &lt; |x| &lt; 0.25, lose a little in 1 + 2 expm1(r)).
     * Uses only IEEE add, multiply, fused multiply-add, divide, compare and exponent-bit manipulation, so the
     * result does not depend on the JIT state or the machine; the SIMD lanes of the batched network kernels
     * ({@code VectorBatchKernels}) evaluate exactly the same operations and are bit-identical to this method.
     *
     * <p>Algorithm: a = |x| clamped to 20 (tanh 20 rounds to 1; NaN stays NaN); m = expm1(2a) by
     * k = round(2a / ln 2) (the 1.5·2^52 trick), r = 2a - k ln 2 (Cody–Waite, two fused steps, |r| &lt;= 0.35),
     * expm1(r) = r·(1 + r/2! + ... + r^12/13!) in Horner form (truncation below 2e-17 relative) and
     * m = 2^k·expm1(r) + (2^k - 1) with one rounding; tanh a = m / (m + 2), which keeps full relative accuracy
     * for tiny and subnormal a (k = 0, m = 2a exactly to first order). The sign bit of x is or-ed in
     * (tanh(-0) = -0).
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        a = a > TANH_CLAMP ? TANH_CLAMP : a;
        double u = a + a;
        double t = Math.fma(u, LOG2E, MAGIC);
        double k = t - MAGIC;
        double r = Math.fma(-k, LN2_HI, u);
        r = Math.fma(-k, LN2_LO, r);
        double q = EM[13];
        q = Math.fma(q, r, EM[12]);
        q = Math.fma(q, r, EM[11]);
        q = Math.fma(q, r, EM[10]);
        q = Math.fma(q, r, EM[9]);
        q = Math.fma(q, r, EM[8]);
        q = Math.fma(q, r, EM[7]);
        q = Math.fma(q, r, EM[6]);
        q = Math.fma(q, r, EM[5]);
        q = Math.fma(q, r, EM[4]);
        q = Math.fma(q, r, EM[3]);
        q = Math.fma(q, r, EM[2]);
        q = Math.fma(q, r, EM[1]);
        double pm = q * r;
        double s = Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023L) << 52);
        double m = Math.fma(s, pm, s - 1.0);
        double th = m / (m + 2.0);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(th) | (Double.doubleToRawLongBits(x) & SIGN_BIT));
    }

    static final double TANH_CLAMP = 20.0;
    static final double MAGIC = 6755399441055744.0; // 1.5 * 2^52
    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0.6931471805599453; // double nearest ln 2
    static final double LN2_LO = 2.3190468138462996e-17; // ln 2 - LN2_HI
    static final long SIGN_BIT = 0x8000_0000_0000_0000L;
    /** EM[n] = 1/n!. */
    static final double[] EM = new double[14];

    static {
        double f = 1.0;
        EM[0] = 1.0;
        for (int n = 1; n < EM.length; n++) {
            f *= n;
            EM[n] = 1.0 / f;
        }
    }

    /** 1/(1 + e^-x) without overflow. */
    public static double logistic(double x) {
        if (x >= 0.0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** ln(1 + e^x) without overflow or loss for large |x|. */
    public static double softplus(double x) {
        if (x > 0.0) {
            return x + Math.log1p(Math.exp(-x));
        }
        return Math.log1p(Math.exp(x));
    }
}
