package dev.sieve.math;

import java.lang.invoke.MethodHandles;

/**
 * {@link DetMath#exp} over arrays, for the hot loops: a SIMD implementation when {@link Simd#enabled()}, the scalar
 * one otherwise; both give bit-identical results.
 */
public abstract class BulkExp {
    BulkExp() {}

    /** out[i] = exp(in[i]) for i in [0, n). {@code in} and {@code out} may be the same array. */
    public abstract void exp(double[] in, double[] out, int n);

    /**
     * As {@link #exp} for i in [0, n), and may also overwrite {@code out[n, n + 7]} (with exp of {@code in[n, n + 7]})
     * where both arrays are long enough: the SIMD implementation then computes the last partial vector in full
     * instead of element by element. For scratch arrays with a few spare entries.
     */
    public void expPadded(double[] in, double[] out, int n) {
        exp(in, out, n);
    }

    /**
     * out[off + i] = {@link DetMath#tanh}(in[off + i]) for i in [0, n) (the same bits as the scalar function; SIMD
     * lanes for the full vectors). For the per-atom networks' hidden layers.
     */
    public void tanh(double[] in, double[] out, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) {
            out[i] = DetMath.tanh(in[i]);
        }
    }

    /** "scalar" or "vector(Nx double)". */
    public abstract String name();

    private static final BulkExp INSTANCE =
        Simd.choose(MethodHandles.lookup(), "dev.sieve.math.VectorBulkExp", BulkExp.class, Scalar.INSTANCE);

    /** The implementation in use (SIMD if enabled). */
    public static BulkExp get() {
        return INSTANCE;
    }

    /** The scalar implementation (always available). */
    public static BulkExp scalar() {
        return Scalar.INSTANCE;
    }

    private static final class Scalar extends BulkExp {
        static final Scalar INSTANCE = new Scalar();

        @Override
        public void exp(double[] in, double[] out, int n) {
            for (int i = 0; i < n; i++) {
                out[i] = DetMath.exp(in[i]);
            }
        }

        @Override
        public String name() {
            return "scalar";
        }
    }
}
