package dev.sieve.descriptor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD implementation of {@link BulkMath}, bit-identical to its scalar algorithm; loaded
 * reflectively only when the incubator module is present.
 */
final class VectorBulkMath extends BulkMath {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void exp(double[] in, double[] out, int n) {
        int i = 0;
        int upper = S.loopBound(n);
        for (; i < upper; i += S.length()) {
            DoubleVector x = DoubleVector.fromArray(S, in, i).max(LO).min(HI);
            DoubleVector t = x.lanewise(VectorOperators.FMA, LOG2E, MAGIC);
            DoubleVector k = t.sub(MAGIC);
            DoubleVector kn = k.neg();
            DoubleVector r = kn.lanewise(VectorOperators.FMA, LN2_HI, x);
            r = kn.lanewise(VectorOperators.FMA, LN2_LO, r);
            DoubleVector p = DoubleVector.broadcast(S, C[13]);
            p = p.lanewise(VectorOperators.FMA, r, C[12]);
            p = p.lanewise(VectorOperators.FMA, r, C[11]);
            p = p.lanewise(VectorOperators.FMA, r, C[10]);
            p = p.lanewise(VectorOperators.FMA, r, C[9]);
            p = p.lanewise(VectorOperators.FMA, r, C[8]);
            p = p.lanewise(VectorOperators.FMA, r, C[7]);
            p = p.lanewise(VectorOperators.FMA, r, C[6]);
            p = p.lanewise(VectorOperators.FMA, r, C[5]);
            p = p.lanewise(VectorOperators.FMA, r, C[4]);
            p = p.lanewise(VectorOperators.FMA, r, C[3]);
            p = p.lanewise(VectorOperators.FMA, r, C[2]);
            p = p.lanewise(VectorOperators.FMA, r, C[1]);
            p = p.lanewise(VectorOperators.FMA, r, C[0]);
            LongVector bits = t.reinterpretAsLongs().add(1023L).lanewise(VectorOperators.LSHL, 52);
            p.mul(bits.reinterpretAsDoubles()).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = BulkMath.exp(in[i]);
        }
    }

    @Override
    public String name() {
        return "vector(" + S.length() + "x double)";
    }
}
