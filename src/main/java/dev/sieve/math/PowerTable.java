package dev.sieve.math;

import java.lang.invoke.MethodHandles;

/**
 * The angular symmetry functions' power table over pairs: with b = max(1 + sign c[p], 0), {@code pw[l][p] = b^(2^l)}
 * for l = 0 .. maxBit by repeated squaring, and {@code ib[p] = 1 / max(b, Double.MIN_NORMAL)}. The SIMD
 * implementation fills every level of a block of pairs in one pass (from a register); the operations per pair are
 * the same, so both implementations give the same bits.
 */
public abstract class PowerTable {
    PowerTable() {}

    /** Fills pw[0 .. maxBit][0 .. n) and ib[0 .. n) from c[0 .. n), as in the class comment. */
    public abstract void fill(double[] c, double sign, double[][] pw, double[] ib, int maxBit, int n);

    /** "scalar" or "vector(...)". */
    public abstract String name();

    private static final PowerTable INSTANCE =
        Simd.choose(MethodHandles.lookup(), "dev.sieve.math.VectorPowerTable", PowerTable.class, Scalar.INSTANCE);

    /** The implementation in use (SIMD if enabled). */
    public static PowerTable get() {
        return INSTANCE;
    }

    /** The scalar implementation (always available). */
    public static PowerTable scalar() {
        return Scalar.INSTANCE;
    }

    /** Pairs [from, n) one by one. */
    static void tail(double[] c, double sign, double[][] pw, double[] ib, int maxBit, int from, int n) {
        for (int p = from; p < n; p++) {
            double b = Math.max(1.0 + sign * c[p], 0.0);
            pw[0][p] = b;
            ib[p] = 1.0 / Math.max(b, Double.MIN_NORMAL);
            for (int l = 1; l <= maxBit; l++) {
                b = b * b;
                pw[l][p] = b;
            }
        }
    }

    private static final class Scalar extends PowerTable {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public void fill(double[] c, double sign, double[][] pw, double[] ib, int maxBit, int n) {
            // level by level: loops the compiler vectorises
            double[] b = pw[0];
            for (int p = 0; p < n; p++) {
                b[p] = Math.max(1.0 + sign * c[p], 0.0);
            }
            for (int p = 0; p < n; p++) {
                ib[p] = 1.0 / Math.max(b[p], Double.MIN_NORMAL);
            }
            for (int l = 1; l <= maxBit; l++) {
                double[] lo = pw[l - 1], hi = pw[l];
                for (int p = 0; p < n; p++) {
                    hi[p] = lo[p] * lo[p];
                }
            }
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
