package dev.sieve.descriptor;

/**
 * Bulk math over arrays for the hot loops.
 *
 * <p>{@link #exp} uses one algorithm in two implementations that give bit-identical results:
 * a SIMD one (JDK Vector API, {@code jdk.incubator.vector}), used when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, and a scalar one otherwise (or with
 * {@code -Dsieve.vector=false}). The algorithm uses only IEEE add, multiply and fused
 * multiply-add, so results do not depend on the JIT state or the machine, unlike the Vector
 * API's own EXP, whose interpreted fallback and compiled SVML code differ in the last bit.
 *
 * <p>Algorithm: x is clamped to [-700, 700]; k = round(x / ln 2) (by the 1.5·2^52 trick);
 * r = x - k ln 2 in two fused steps (Cody–Waite split of ln 2), |r| <= 0.35; exp(r) by its
 * Taylor series to degree 13 in Horner form (truncation error below 5e-18 relative); the result
 * is scaled by 2^k built in the exponent bits. Accuracy: within 2 ulp of {@link Math#exp} on
 * [-700, 700] (tested). Arguments below -700 give about 1e-304 instead of smaller values.
 */
public abstract class BulkMath {

    static final double MAGIC = 6755399441055744.0; // 1.5 * 2^52
    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 0.6931471805599453;   // double nearest ln 2
    static final double LN2_LO = 2.3190468138462996e-17; // ln 2 - LN2_HI
    static final double LO = -700.0;
    static final double HI = 700.0;
    static final double[] C = new double[14]; // C[k] = 1/k!

    static {
        double f = 1.0;
        C[0] = 1.0;
        for (int k = 1; k < C.length; k++) {
            f *= k;
            C[k] = 1.0 / f;
        }
    }

    /** out[i] = exp(in[i]) for i in [0, n). {@code in} and {@code out} may be the same array. */
    public abstract void exp(double[] in, double[] out, int n);

    public abstract String name();

    private static final BulkMath INSTANCE = select();

    public static BulkMath get() {
        return INSTANCE;
    }

    /** The scalar implementation (always available). */
    public static BulkMath scalar() {
        return Scalar.INSTANCE;
    }

    /** The algorithm for one value; bit-identical to the SIMD lanes. */
    public static double exp(double x) {
        double xc = Math.min(Math.max(x, LO), HI);
        double t = Math.fma(xc, LOG2E, MAGIC);
        double k = t - MAGIC;
        double r = Math.fma(-k, LN2_HI, xc);
        r = Math.fma(-k, LN2_LO, r);
        double p = C[13];
        p = Math.fma(p, r, C[12]);
        p = Math.fma(p, r, C[11]);
        p = Math.fma(p, r, C[10]);
        p = Math.fma(p, r, C[9]);
        p = Math.fma(p, r, C[8]);
        p = Math.fma(p, r, C[7]);
        p = Math.fma(p, r, C[6]);
        p = Math.fma(p, r, C[5]);
        p = Math.fma(p, r, C[4]);
        p = Math.fma(p, r, C[3]);
        p = Math.fma(p, r, C[2]);
        p = Math.fma(p, r, C[1]);
        p = Math.fma(p, r, C[0]);
        double scale = Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023L) << 52);
        return p * scale;
    }

    private static BulkMath select() {
        if ("false".equalsIgnoreCase(System.getProperty("sieve.vector", "true"))) {
            return Scalar.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Scalar.INSTANCE;
        }
        try {
            Class<?> c = Class.forName("dev.sieve.descriptor.VectorBulkMath");
            return (BulkMath) c.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return Scalar.INSTANCE;
        }
    }

    static final class Scalar extends BulkMath {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public void exp(double[] in, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                out[i] = BulkMath.exp(in[i]);
            }
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
