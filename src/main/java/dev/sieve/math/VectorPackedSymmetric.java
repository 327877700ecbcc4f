package dev.sieve.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD implementation of {@link PackedSymmetric}: four lanes (256 bits, on AVX2 and AVX-512 hosts alike), lane l
 * holding the partial sum over j = l mod 4 exactly as the scalar code. Loaded by name through {@link Simd}.
 */
final class VectorPackedSymmetric extends PackedSymmetric {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    VectorPackedSymmetric() {
        if (S.length() != 4) {
            throw new IllegalStateException("needs four double lanes");
        }
    }

    private static double lanes(DoubleVector acc) {
        return acc.lane(0) + acc.lane(1) + acc.lane(2) + acc.lane(3);
    }

    @Override
    public void multiply(double[] p, double[] h, int ho, int from, int to, double[] out) {
        java.util.Arrays.fill(out, 0, to, 0.0);
        for (int i = from; i < to; i++) {
            int base = rowStart(i);
            double hi = h[ho + i];
            DoubleVector vhi = DoubleVector.broadcast(S, hi);
            DoubleVector acc = DoubleVector.zero(S);
            int j = 0;
            for (int end = i & ~3; j < end; j += 4) {
                DoubleVector l = DoubleVector.fromArray(S, p, base + j);
                acc = l.fma(DoubleVector.fromArray(S, h, ho + j), acc);
                l.fma(vhi, DoubleVector.fromArray(S, out, j)).intoArray(out, j);
            }
            productTail(p, h, ho, i, base, j, lanes(acc), out);
        }
    }

    @Override
    public void downdate(double[] p, double[] x, double c, double q, int from, int to) {
        for (int i = from; i < to; i++) {
            int base = rowStart(i);
            double m = -(c * x[i]);
            DoubleVector vm = DoubleVector.broadcast(S, m);
            int j = 0;
            for (int end = (i + 1) & ~3; j < end; j += 4) {
                vm.fma(DoubleVector.fromArray(S, x, j), DoubleVector.fromArray(S, p, base + j)).intoArray(p, base + j);
            }
            downdateRow(p, x, m, base, j, i);
            p[base + i] += q;
        }
    }

    @Override
    public void downdateMultiply(double[] p, double[] x, double c, double q, double[] h, int ho, int from, int to,
                                 double[] out) {
        java.util.Arrays.fill(out, 0, to, 0.0);
        for (int i = from; i < to; i++) {
            int base = rowStart(i);
            double m = -(c * x[i]);
            double hi = h[ho + i];
            DoubleVector vm = DoubleVector.broadcast(S, m);
            DoubleVector vhi = DoubleVector.broadcast(S, hi);
            DoubleVector acc = DoubleVector.zero(S);
            int j = 0;
            for (int end = i & ~3; j < end; j += 4) {
                DoubleVector l = vm.fma(DoubleVector.fromArray(S, x, j), DoubleVector.fromArray(S, p, base + j));
                l.intoArray(p, base + j);
                acc = l.fma(DoubleVector.fromArray(S, h, ho + j), acc);
                l.fma(vhi, DoubleVector.fromArray(S, out, j)).intoArray(out, j);
            }
            downdateProductTail(p, x, m, q, h, ho, i, base, j, lanes(acc), out);
        }
    }
}
