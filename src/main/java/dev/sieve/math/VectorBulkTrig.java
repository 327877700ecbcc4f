package dev.sieve.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** SIMD implementation of {@link BulkTrig}; loaded by name through {@link Simd} only when the module is present. */
final class VectorBulkTrig extends BulkTrig {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void cosSin(double[] zc, double[] s, int off, int n) {
        int i = 0;
        int upper = S.loopBound(n);
        for (; i < upper; i += S.length()) {
            DoubleVector z = DoubleVector.fromArray(S, zc, off + i);
            DoubleVector z2 = z.mul(z);
            VectorMath.cosFromSquare(z2).intoArray(zc, off + i);
            if (s != null) {
                z.mul(VectorMath.sinOverZFromSquare(z2)).intoArray(s, off + i);
            }
        }
        for (; i < n; i++) {
            double z = zc[off + i];
            double z2 = z * z;
            zc[off + i] = DetMath.cosFromSquare(z2);
            if (s != null) {
                s[off + i] = z * DetMath.sinOverZFromSquare(z2);
            }
        }
    }

    @Override
    public void cosSinPadded(double[] zc, double[] s, int off, int n) {
        int len = S.length();
        int full = (n + len - 1) / len * len;
        if (off + full > zc.length || s != null && off + full > s.length) {
            cosSin(zc, s, off, n);
            return;
        }
        cosSin(zc, s, off, full);
    }
}
