package dev.sieve.math;

/**
 * The deterministic exponential kernel and the functions built on it ({@link #exp}, {@link #tanh}), in the scalar
 * form; {@code VectorMath} evaluates exactly the same operations on SIMD lanes, so both give bit-identical results.
 * Only IEEE add, multiply, fused multiply-add, divide, compare and exponent-bit manipulation are used, so results do
 * not depend on the JIT state or the machine (unlike {@link Math#exp} or the Vector API's own EXP, whose interpreted
 * fallback and compiled SVML code differ in the last bit).
 *
 * <p>The shared core, for an argument u: k = round(u / ln 2) by the 1.5·2^52 trick ({@code t = fma(u, LOG2E, MAGIC)},
 * {@code k = t - MAGIC}); r = u - k ln 2 in two fused steps (Cody–Waite split of ln 2), |r| &lt;= 0.35; the Taylor
 * series of exp(r) to degree 13 in Horner form (coefficients {@link #C}, truncation below 5e-18 relative); 2^k built in
 * the exponent bits of t.
 */
public final class DetMath {
    private DetMath() {}

    static final double MAGIC = 6755399441055744.0; // 1.5 * 2^52
    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0.6931471805599453;   // double nearest ln 2
    static final double LN2_LO = 2.3190468138462996e-17; // ln 2 - LN2_HI
    /** Clamp of the exp argument. */
    static final double EXP_LO = -700.0;
    static final double EXP_HI = 700.0;
    /** |x| beyond which tanh x rounds to ±1. */
    static final double TANH_CLAMP = 20.0;
    static final long SIGN_BIT = 0x8000_0000_0000_0000L;
    /** C[n] = 1/n!. */
    static final double[] C = new double[14];

    static {
        double f = 1.0;
        C[0] = 1.0;
        for (int n = 1; n < C.length; n++) {
            f *= n;
            C[n] = 1.0 / f;
        }
    }

    /** COS_T[k] = (-1)^k / (2k)!, k = 0..11: cos z = sum COS_T[k] z^(2k), truncation below 1e-19 for |z| <= pi/2. */
    static final double[] COS_T = new double[12];
    /** SIN_T[k] = (-1)^k / (2k+1)!, k = 0..10: sin z = z sum SIN_T[k] z^(2k), truncation below 2e-18 for |z| <= pi/2. */
    static final double[] SIN_T = new double[11];

    static {
        double f = 1.0; // n!
        for (int n = 0; n <= 22; n++) {
            if (n > 0) {
                f *= n;
            }
            double sign = (n / 2) % 2 == 0 ? 1.0 : -1.0;
            if (n % 2 == 0) {
                COS_T[n / 2] = sign / f;
            } else {
                SIN_T[n / 2] = sign / f;
            }
        }
    }

    /** cos z for |z| <= pi/2 from z2 = z^2 (Horner with fused multiply-adds; {@code VectorMath} does the same). */
    public static double cosFromSquare(double z2) {
        double q = COS_T[11];
        for (int k = 10; k >= 0; k--) {
            q = Math.fma(q, z2, COS_T[k]);
        }
        return q;
    }

    /** sin z / z for |z| <= pi/2 from z2 = z^2. */
    public static double sinOverZFromSquare(double z2) {
        double q = SIN_T[10];
        for (int k = 9; k >= 0; k--) {
            q = Math.fma(q, z2, SIN_T[k]);
        }
        return q;
    }

    /** r = u - k ln 2 for k = t - MAGIC (the Cody–Waite reduction of the shared core). */
    private static double reduce(double u, double t) {
        double k = t - MAGIC;
        double r = Math.fma(-k, LN2_HI, u);
        return Math.fma(-k, LN2_LO, r);
    }

    /** (exp(r) - 1) / r by Horner's rule: 1/1! + r/2! + ... + r^12/13!. */
    private static double expm1OverR(double r) {
        double q = C[13];
        q = Math.fma(q, r, C[12]);
        q = Math.fma(q, r, C[11]);
        q = Math.fma(q, r, C[10]);
        q = Math.fma(q, r, C[9]);
        q = Math.fma(q, r, C[8]);
        q = Math.fma(q, r, C[7]);
        q = Math.fma(q, r, C[6]);
        q = Math.fma(q, r, C[5]);
        q = Math.fma(q, r, C[4]);
        q = Math.fma(q, r, C[3]);
        q = Math.fma(q, r, C[2]);
        return Math.fma(q, r, C[1]);
    }

    /** 2^k from t = k + MAGIC, built in the exponent bits. */
    private static double scale(double t) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023L) << 52);
    }

    /**
     * exp x, within 2 ulp of {@link Math#exp} on [-700, 700] (tested). x is clamped to [-700, 700]: arguments below
     * -700 give about 1e-304 instead of smaller values.
     */
    public static double exp(double x) {
        double xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        double t = Math.fma(xc, LOG2E, MAGIC);
        double r = reduce(xc, t);
        double p = Math.fma(expm1OverR(r), r, C[0]);
        return p * scale(t);
    }

    /**
     * tanh x, within 4 ulp (7e-16 relative) of {@link StrictMath#tanh} (tested; the worst cases, 0.17 &lt; |x| &lt;
     * 0.25, lose a little in 1 + 2 expm1(r)).
     *
     * <p>a = |x| clamped to 20 (tanh 20 rounds to 1; NaN stays NaN); m = expm1(2a) from the shared core as
     * m = 2^k·(r·(expm1(r)/r)) + (2^k - 1) with one rounding; tanh a = m / (m + 2), which keeps full relative accuracy
     * for tiny and subnormal a (k = 0, m = 2a exactly to first order). The sign bit of x is or-ed in (tanh(-0) = -0).
     */
    public static double tanh(double x) {
        double a = Math.abs(x);
        a = a > TANH_CLAMP ? TANH_CLAMP : a;
        double u = a + a;
        double t = Math.fma(u, LOG2E, MAGIC);
        double r = reduce(u, t);
        double pm = expm1OverR(r) * r;
        double s = scale(t);
        double m = Math.fma(s, pm, s - 1.0);
        double th = m / (m + 2.0);
        return Double.longBitsToDouble(Double.doubleToRawLongBits(th) | (Double.doubleToRawLongBits(x) & SIGN_BIT));
    }
}
