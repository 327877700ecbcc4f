package dev.sieve.math;

import java.lang.invoke.MethodHandles;

/**
 * The radial symmetry functions' force pass: per neighbour t, the sum over the functions q of a group (in order,
 * skipping those with w_q = 0) of
 *
 * <pre>
 *   (w_q ex_q[t]) (tdf[t] - (c_q (r[t] - rs_q)) f[t])      (dE/dr of exp(-eta (r - rs)^2) f(r) with c = 2 eta)
 * </pre>
 *
 * with the exponentials of function q at {@code ex[off + q T + t]}. The SIMD implementation keeps a block of
 * neighbours in a register across the functions (the scalar one runs function by function over the neighbours);
 * every neighbour's sum has the same operations in the same order, so both give the same bits.
 */
public abstract class RadialSums {
    RadialSums() {}

    /**
     * out[t] = the sum of the class comment for t in [0, T); may also write out[T .. T + 7] where {@code out} is long
     * enough (and then reads up to 7 entries past the ends of the other arrays where they are long enough).
     *
     * @param nq   functions in the group
     * @param w    in: weight per function (dE/dG)
     * @param c    in: 2 eta per function
     * @param rs   in: shift per function
     * @param ex   in: the exponentials, function q's at ex[off + q T ..]
     * @param r    in: distances, likewise f (cutoff values) and tdf (their derivatives)
     * @param out  out: the sums
     */
    public abstract void forceFactors(int T, int nq, double[] w, double[] c, double[] rs, double[] ex, int off,
                                      double[] r, double[] f, double[] tdf, double[] out);

    /** "scalar" or "vector(...)". */
    public abstract String name();

    private static final RadialSums INSTANCE =
        Simd.choose(MethodHandles.lookup(), "dev.sieve.math.VectorRadialSums", RadialSums.class, Scalar.INSTANCE);

    /** The implementation in use (SIMD if enabled). */
    public static RadialSums get() {
        return INSTANCE;
    }

    /** The scalar implementation (always available). */
    public static RadialSums scalar() {
        return Scalar.INSTANCE;
    }

    private static final class Scalar extends RadialSums {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public void forceFactors(int T, int nq, double[] w, double[] c, double[] rs, double[] ex, int off,
                                 double[] r, double[] f, double[] tdf, double[] out) {
            java.util.Arrays.fill(out, 0, T, 0.0);
            for (int q = 0; q < nq; q++) {
                double wq = w[q];
                if (wq == 0.0) {
                    continue;
                }
                double cq = c[q], rq = rs[q];
                int o = off + q * T;
                for (int t = 0; t < T; t++) {
                    out[t] += wq * ex[o + t] * (tdf[t] - cq * (r[t] - rq) * f[t]);
                }
            }
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
