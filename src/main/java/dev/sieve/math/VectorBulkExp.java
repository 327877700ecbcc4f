package dev.sieve.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/** SIMD implementation of {@link BulkExp}; loaded by name through {@link Simd} only when the module is present. */
final class VectorBulkExp extends BulkExp {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void exp(double[] in, double[] out, int n) {
        int i = 0;
        int upper = S.loopBound(n);
        for (; i < upper; i += S.length()) {
            VectorMath.exp(DoubleVector.fromArray(S, in, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = DetMath.exp(in[i]);
        }
    }

    @Override
    public void expPadded(double[] in, double[] out, int n) {
        int i = 0;
        int len = S.length();
        for (; i < n; i += len) {
            if (i + len > in.length || i + len > out.length) {
                for (; i < n; i++) {
                    out[i] = DetMath.exp(in[i]);
                }
                return;
            }
            VectorMath.exp(DoubleVector.fromArray(S, in, i)).intoArray(out, i);
        }
    }

    @Override
    public void tanh(double[] in, double[] out, int off, int n) {
        int i = 0;
        int upper = S.loopBound(n);
        for (; i < upper; i += S.length()) {
            VectorMath.tanh(DoubleVector.fromArray(S, in, off + i)).intoArray(out, off + i);
        }
        for (; i < n; i++) {
            out[off + i] = DetMath.tanh(in[off + i]);
        }
    }

    @Override
    public String name() {
        return "vector(" + S.length() + "x double)";
    }
}
