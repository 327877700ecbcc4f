package dev.sieve.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD implementation of {@link RadialSums}: a block of neighbours per register, the functions in the inner loop
 * (element-wise only, so any vector length gives the scalar bits). Blocks that would pass the end of an array finish
 * element by element. Loaded by name through {@link Simd}.
 */
final class VectorRadialSums extends RadialSums {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    VectorRadialSums() {
        if (S.length() < 2) {
            throw new IllegalStateException("no double vectors");
        }
    }

    @Override
    public void forceFactors(int T, int nq, double[] w, double[] c, double[] rs, double[] ex, int off, double[] r,
                             double[] f, double[] tdf, double[] out) {
        int len = S.length();
        int t = 0;
        int exEnd = off + (nq - 1) * T;
        for (; t < T; t += len) {
            if (t + len > out.length || t + len > r.length || t + len > f.length || t + len > tdf.length
                || exEnd + t + len > ex.length) {
                break;
            }
            block(t, T, nq, w, c, rs, ex, off, r, f, tdf, out);
        }
        for (; t < T; t++) {
            double s = 0.0;
            for (int q = 0; q < nq; q++) {
                double wq = w[q];
                if (wq != 0.0) {
                    s += wq * ex[off + q * T + t] * (tdf[t] - c[q] * (r[t] - rs[q]) * f[t]);
                }
            }
            out[t] = s;
        }
    }

    private static void block(int t, int T, int nq, double[] w, double[] c, double[] rs, double[] ex, int off,
                              double[] r, double[] f, double[] tdf, double[] out) {
        DoubleVector rv = DoubleVector.fromArray(S, r, t);
        DoubleVector fv = DoubleVector.fromArray(S, f, t);
        DoubleVector dv = DoubleVector.fromArray(S, tdf, t);
        DoubleVector s = DoubleVector.zero(S);
        for (int q = 0; q < nq; q++) {
            double wq = w[q];
            if (wq != 0.0) {
                DoubleVector e = DoubleVector.fromArray(S, ex, off + q * T + t);
                s = s.add(e.mul(wq).mul(dv.sub(rv.sub(rs[q]).mul(c[q]).mul(fv))));
            }
        }
        s.intoArray(out, t);
    }

    @Override
    public String name() {
        return "vector(" + S.length() + "x double)";
    }
}
