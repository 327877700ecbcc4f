package dev.sieve.descriptor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** SIMD implementation of {@link BulkMath}; loaded reflectively only when the module is present. */
final class VectorBulkMath extends BulkMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void exp(double[] in, double[] out, int n) {
        int i = 0;
        int upper = S.loopBound(n);
        for (; i < upper; i += S.length()) {
            DoubleVector.fromArray(S, in, i).lanewise(VectorOperators.EXP).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = Math.exp(in[i]);
        }
    }

    @Override
    public String name() {
        return "vector(" + S.length() + "x double)";
    }
}
