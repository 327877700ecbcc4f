package dev.sieve.math;

import java.lang.invoke.MethodHandles;

/**
 * Kernels on a symmetric matrix P stored as its packed lower triangle (row i at {@code i(i+1)/2}, entries j &lt;= i):
 * the product with a vector, the rank-one downdate {@code P - c x x^T + q I}, and both fused in one pass over P
 * (each entry read and written once: the Kalman filter's downdate of one update and the product of the next).
 * Every method works on rows {@code [from, to)} only, so callers can split P into row ranges for threads.
 *
 * <p>The order of every sum is fixed (four partial sums of a row's dot product over j mod 4, then its tail, all with
 * fused multiply-adds), so the SIMD implementation ({@link Simd}) and the scalar one give bit-identical results on
 * any host. Arrays are caller-owned; nothing is allocated.
 */
public abstract class PackedSymmetric {
    PackedSymmetric() {}

    private static final PackedSymmetric INSTANCE = Simd.choose(MethodHandles.lookup(),
        "dev.sieve.math.VectorPackedSymmetric", PackedSymmetric.class, Scalar.INSTANCE);

    /** The implementation in use (SIMD if enabled). */
    public static PackedSymmetric get() {
        return INSTANCE;
    }

    /** The scalar implementation (always available). */
    public static PackedSymmetric scalar() {
        return Scalar.INSTANCE;
    }

    /** Offset of row i in the packed lower triangle. */
    public static int rowStart(int i) {
        return (int) ((long) i * (i + 1) / 2);
    }

    /**
     * [out] {@code out[0, to)} = the contribution of rows [from, to) of P to P h (row i gives P_ij h_j to out[i] and,
     * below the diagonal, P_ij h_i to out[j]); the sum of the contributions of all row ranges is P h.
     *
     * @param p [in] packed lower triangle
     * @param h [in] the vector, h[ho + j] for column j
     * @param out [out] overwritten on [0, to)
     */
    public abstract void multiply(double[] p, double[] h, int ho, int from, int to, double[] out);

    /**
     * [in/out] rows [from, to) of P become P - c x x^T + q I: entry (i, j) is {@code fma(-(c x_i), x_j, P_ij)}, the
     * diagonal then gets + q.
     */
    public abstract void downdate(double[] p, double[] x, double c, double q, int from, int to);

    /**
     * {@link #downdate} of rows [from, to) followed by {@link #multiply} of the same rows with the downdated entries,
     * in one pass; bit-identical to the two calls in sequence.
     */
    public abstract void downdateMultiply(double[] p, double[] x, double c, double q, double[] h, int ho, int from,
                                          int to, double[] out);

    /**
     * One entry (i, j) of a row pass, j below the diagonal: the entry downdated in place first if {@code down}
     * ({@code fma(m, x_j, P_ij)}, m = -(c x_i)), then its share of the product: out[j] += P_ij h_i, and the row sum s
     * of P_ij h_j, returned. Both implementations do every such step this way, so their order is the same.
     */
    static double entry(double[] p, double[] x, double m, boolean down, double[] h, int ho, double hi, int base, int j,
                        double s, double[] out) {
        double l = p[base + j];
        if (down) {
            l = Math.fma(m, x[j], l);
            p[base + j] = l;
        }
        out[j] = Math.fma(l, hi, out[j]);
        return Math.fma(l, h[ho + j], s);
    }

    /**
     * The end of row i of the product from column j on, after the four partial sums gave s: the columns one by one,
     * then the diagonal. Shared by both implementations (specialised, no flags: it sits in the hottest loop).
     */
    static void productTail(double[] p, double[] h, int ho, int i, int base, int j, double s, double[] out) {
        double hi = h[ho + i];
        for (; j < i; j++) {
            double l = p[base + j];
            s = Math.fma(l, h[ho + j], s);
            out[j] = Math.fma(l, hi, out[j]);
        }
        out[i] += Math.fma(p[base + i], hi, s);
    }

    /** The fused pass's end of row i from column j on (downdate with m = -(c x_i), then product). */
    static void downdateProductTail(double[] p, double[] x, double m, double q, double[] h, int ho, int i, int base,
                                    int j, double s, double[] out) {
        double hi = h[ho + i];
        for (; j < i; j++) {
            double l = Math.fma(m, x[j], p[base + j]);
            p[base + j] = l;
            s = Math.fma(l, h[ho + j], s);
            out[j] = Math.fma(l, hi, out[j]);
        }
        double d = Math.fma(m, x[i], p[base + i]) + q;
        p[base + i] = d;
        out[i] += Math.fma(d, hi, s);
    }

    /** Row i's downdate from column j to the diagonal (inclusive), without the + q. */
    static void downdateRow(double[] p, double[] x, double m, int base, int j, int i) {
        for (; j <= i; j++) {
            p[base + j] = Math.fma(m, x[j], p[base + j]);
        }
    }

    private static final class Scalar extends PackedSymmetric {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public void multiply(double[] p, double[] h, int ho, int from, int to, double[] out) {
            rows(p, null, 0, 0, false, h, ho, from, to, out);
        }

        @Override
        public void downdate(double[] p, double[] x, double c, double q, int from, int to) {
            for (int i = from; i < to; i++) {
                int base = rowStart(i);
                downdateRow(p, x, -(c * x[i]), base, 0, i);
                p[base + i] += q;
            }
        }

        @Override
        public void downdateMultiply(double[] p, double[] x, double c, double q, double[] h, int ho, int from, int to,
                                     double[] out) {
            rows(p, x, c, q, true, h, ho, from, to, out);
        }

        /** Rows [from, to): the product, after the downdate if {@code down}; four partial sums over j mod 4. */
        private static void rows(double[] p, double[] x, double c, double q, boolean down, double[] h, int ho, int from,
                                 int to, double[] out) {
            java.util.Arrays.fill(out, 0, to, 0.0);
            for (int i = from; i < to; i++) {
                int base = rowStart(i);
                double m = down ? -(c * x[i]) : 0;
                double hi = h[ho + i];
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int j = 0;
                for (int end = i & ~3; j < end; j += 4) {
                    s0 = entry(p, x, m, down, h, ho, hi, base, j, s0, out);
                    s1 = entry(p, x, m, down, h, ho, hi, base, j + 1, s1, out);
                    s2 = entry(p, x, m, down, h, ho, hi, base, j + 2, s2, out);
                    s3 = entry(p, x, m, down, h, ho, hi, base, j + 3, s3, out);
                }
                double s = s0 + s1 + s2 + s3;
                if (down) {
                    downdateProductTail(p, x, m, q, h, ho, i, base, j, s, out);
                } else {
                    productTail(p, h, ho, i, base, j, s, out);
                }
            }
        }
    }
}
