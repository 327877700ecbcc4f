package dev.sieve.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD implementation of {@link PowerTable}: every level of a block of pairs from one register (element-wise, so
 * any vector length gives the scalar bits); the last partial block pair by pair. Loaded by name through
 * {@link Simd}.
 */
final class VectorPowerTable extends PowerTable {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    VectorPowerTable() {
        if (S.length() < 2) {
            throw new IllegalStateException("no double vectors");
        }
    }

    @Override
    public void fill(double[] c, double sign, double[][] pw, double[] ib, int maxBit, int n) {
        int p = 0;
        for (int end = S.loopBound(n); p < end; p += S.length()) {
            block(c, sign, pw, ib, maxBit, p);
        }
        tail(c, sign, pw, ib, maxBit, p, n);
    }

    private static void block(double[] c, double sign, double[][] pw, double[] ib, int maxBit, int p) {
        DoubleVector b = DoubleVector.fromArray(S, c, p).mul(sign).add(1.0).max(0.0);
        b.intoArray(pw[0], p);
        DoubleVector.broadcast(S, 1.0).div(b.max(Double.MIN_NORMAL)).intoArray(ib, p);
        for (int l = 1; l <= maxBit; l++) {
            b = b.mul(b);
            b.intoArray(pw[l], p);
        }
    }

    @Override
    public String name() {
        return "vector(" + S.length() + "x double)";
    }
}
