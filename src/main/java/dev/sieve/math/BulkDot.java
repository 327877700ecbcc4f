package dev.sieve.math;

import java.lang.invoke.MethodHandles;

/**
 * Dot products of double arrays in one fixed order, whatever the hardware: eight partial sums, element p going to
 * sum p mod 8 as {@code s = fma(x[p], y[p], s)} in ascending p, then {@code ((s0 + s4) + (s2 + s6)) + ((s1 + s5) +
 * (s3 + s7))}. The SIMD implementation (one 8-lane vector on AVX-512, two 4-lane vectors on AVX2) and the scalar
 * one give the same bits; eight independent sums also let the scalar path run at the adder's throughput instead of
 * its latency.
 */
public abstract class BulkDot {
    BulkDot() {}

    /** Σ x[p] y[p] for p in [0, n), in the order of the class comment. */
    public abstract double dot(double[] x, double[] y, int n);

    /** "scalar" or "vector(...)". */
    public abstract String name();

    private static final BulkDot INSTANCE =
        Simd.choose(MethodHandles.lookup(), "dev.sieve.math.VectorBulkDot", BulkDot.class, Scalar.INSTANCE);

    /** The implementation in use (SIMD if enabled). */
    public static BulkDot get() {
        return INSTANCE;
    }

    /** The scalar implementation (always available). */
    public static BulkDot scalar() {
        return Scalar.INSTANCE;
    }

    /** Adds the elements p in [from, n) (fewer than eight, from a multiple of 8) to the sums s and reduces them. */
    static double finish(double[] x, double[] y, int from, int n, double s0, double s1, double s2, double s3,
                         double s4, double s5, double s6, double s7) {
        int rem = n - from;
        if (rem > 0) {
            s0 = Math.fma(x[from], y[from], s0);
        }
        if (rem > 1) {
            s1 = Math.fma(x[from + 1], y[from + 1], s1);
        }
        if (rem > 2) {
            s2 = Math.fma(x[from + 2], y[from + 2], s2);
        }
        if (rem > 3) {
            s3 = Math.fma(x[from + 3], y[from + 3], s3);
        }
        if (rem > 4) {
            s4 = Math.fma(x[from + 4], y[from + 4], s4);
        }
        if (rem > 5) {
            s5 = Math.fma(x[from + 5], y[from + 5], s5);
        }
        if (rem > 6) {
            s6 = Math.fma(x[from + 6], y[from + 6], s6);
        }
        return ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
    }

    private static final class Scalar extends BulkDot {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public double dot(double[] x, double[] y, int n) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int p = 0;
            for (int end = n & ~7; p < end; p += 8) {
                s0 = Math.fma(x[p], y[p], s0);
                s1 = Math.fma(x[p + 1], y[p + 1], s1);
                s2 = Math.fma(x[p + 2], y[p + 2], s2);
                s3 = Math.fma(x[p + 3], y[p + 3], s3);
                s4 = Math.fma(x[p + 4], y[p + 4], s4);
                s5 = Math.fma(x[p + 5], y[p + 5], s5);
                s6 = Math.fma(x[p + 6], y[p + 6], s6);
                s7 = Math.fma(x[p + 7], y[p + 7], s7);
            }
            return finish(x, y, p, n, s0, s1, s2, s3, s4, s5, s6, s7);
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
