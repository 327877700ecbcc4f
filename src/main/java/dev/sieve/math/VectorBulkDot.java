package dev.sieve.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD implementation of {@link BulkDot}: the eight partial sums in one 512-bit vector, or in two 256-bit vectors
 * (lanes 0-3 and 4-7) where the preferred vector is shorter. Loaded by name through {@link Simd}.
 */
final class VectorBulkDot extends BulkDot {
    private static final VectorSpecies<Double> S8 = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Double> S4 = DoubleVector.SPECIES_256;
    private static final boolean WIDE = DoubleVector.SPECIES_PREFERRED.length() >= 8;

    VectorBulkDot() {
        if (DoubleVector.SPECIES_PREFERRED.length() < 4) {
            throw new IllegalStateException("needs at least four double lanes");
        }
    }

    @Override
    public double dot(double[] x, double[] y, int n) {
        int end = n & ~7;
        if (WIDE) {
            DoubleVector s = DoubleVector.zero(S8);
            for (int p = 0; p < end; p += 8) {
                s = DoubleVector.fromArray(S8, x, p).fma(DoubleVector.fromArray(S8, y, p), s);
            }
            return finish(x, y, end, n, s.lane(0), s.lane(1), s.lane(2), s.lane(3), s.lane(4), s.lane(5), s.lane(6),
                s.lane(7));
        }
        DoubleVector lo = DoubleVector.zero(S4);
        DoubleVector hi = DoubleVector.zero(S4);
        for (int p = 0; p < end; p += 8) {
            lo = DoubleVector.fromArray(S4, x, p).fma(DoubleVector.fromArray(S4, y, p), lo);
            hi = DoubleVector.fromArray(S4, x, p + 4).fma(DoubleVector.fromArray(S4, y, p + 4), hi);
        }
        return finish(x, y, end, n, lo.lane(0), lo.lane(1), lo.lane(2), lo.lane(3), hi.lane(0), hi.lane(1),
            hi.lane(2), hi.lane(3));
    }

    @Override
    public String name() {
        return "vector(" + (WIDE ? "8" : "2x4") + "x double)";
    }
}
