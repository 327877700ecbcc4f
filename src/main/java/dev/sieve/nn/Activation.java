package dev.sieve.nn;

import dev.sieve.math.DetMath;

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
            case TANH -> TANH_BULK.tanh(z, y, off, n);
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
     * tanh x, deterministic and within 4 ulp of {@link StrictMath#tanh}: {@link DetMath#tanh}, whose SIMD form the
     * batched network kernels ({@code VectorBatchKernels}) evaluate bit-identically.
     */
    private static final dev.sieve.math.BulkExp TANH_BULK = dev.sieve.math.BulkExp.get();

    public static double tanh(double x) {
        return DetMath.tanh(x);
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
