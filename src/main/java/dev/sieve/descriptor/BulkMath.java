package dev.sieve.descriptor;

import dev.sieve.math.BulkExp;
import dev.sieve.math.DetMath;

/**
 * The array exp of the descriptor kernels under its old name: a view of {@link BulkExp} (the kernel itself, with its
 * SIMD and scalar implementations, is {@link DetMath#exp} in {@code dev.sieve.math}, where {@link dev.sieve.math.Simd}
 * makes the one SIMD decision). Kept for existing callers; new code uses {@link BulkExp}.
 */
public final class BulkMath {
    private static final BulkMath SELECTED = new BulkMath(BulkExp.get());
    private static final BulkMath SCALAR = new BulkMath(BulkExp.scalar());

    private final BulkExp impl;

    private BulkMath(BulkExp impl) {
        this.impl = impl;
    }

    /** The implementation in use (SIMD if enabled). */
    public static BulkMath get() {
        return SELECTED;
    }

    /** The scalar implementation (always available). */
    public static BulkMath scalar() {
        return SCALAR;
    }

    /** The algorithm for one value ({@link DetMath#exp}); bit-identical to the SIMD lanes. */
    public static double exp(double x) {
        return DetMath.exp(x);
    }

    /** out[i] = exp(in[i]) for i in [0, n). {@code in} and {@code out} may be the same array. */
    public void exp(double[] in, double[] out, int n) {
        impl.exp(in, out, n);
    }

    public String name() {
        return impl.name();
    }
}
