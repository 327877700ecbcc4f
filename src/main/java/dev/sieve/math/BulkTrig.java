package dev.sieve.math;

import java.lang.invoke.MethodHandles;

/**
 * cos and sin over arrays for arguments in [0, pi/2] ({@link DetMath#cosFromSquare},
 * {@link DetMath#sinOverZFromSquare}): a SIMD implementation when {@link Simd#enabled()}, the scalar one
 * otherwise; both give bit-identical results. Used by the cos cutoff function, which needs cos and sin
 * of pi x / 2 for every neighbour.
 */
public abstract class BulkTrig {
    BulkTrig() {}

    /**
     * For z = zc[off + i], i in [0, n): zc[off + i] = cos z and, if {@code s != null}, s[off + i] = sin z.
     * Accurate to a few ulp for |z| <= pi/2; larger |z| give finite values of no use.
     */
    public abstract void cosSin(double[] zc, double[] s, int off, int n);

    /**
     * As {@link #cosSin} for i in [0, n), and may also overwrite entries {@code off + n .. off + n + 7} of both arrays
     * (with cos and sin of whatever they hold) where the arrays are long enough: the SIMD implementation then
     * computes the last partial vector in full instead of element by element. For scratch arrays with spare entries.
     */
    public void cosSinPadded(double[] zc, double[] s, int off, int n) {
        cosSin(zc, s, off, n);
    }

    private static final BulkTrig INSTANCE =
        Simd.choose(MethodHandles.lookup(), "dev.sieve.math.VectorBulkTrig", BulkTrig.class, Scalar.INSTANCE);

    /** The implementation in use (SIMD if enabled). */
    public static BulkTrig get() {
        return INSTANCE;
    }

    /** The scalar implementation (always available). */
    public static BulkTrig scalar() {
        return Scalar.INSTANCE;
    }

    private static final class Scalar extends BulkTrig {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public void cosSin(double[] zc, double[] s, int off, int n) {
            for (int i = off, end = off + n; i < end; i++) {
                double z = zc[i];
                double z2 = z * z;
                zc[i] = DetMath.cosFromSquare(z2);
                if (s != null) {
                    s[i] = z * DetMath.sinOverZFromSquare(z2);
                }
            }
        }
    }
}
