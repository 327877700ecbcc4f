package dev.sieve.nn;

import dev.sieve.math.VectorMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD implementation of {@link BatchKernels} (vectorised across the atoms of a block), bit-identical to
 * {@link BatchKernels.Scalar}; loaded by name through {@link dev.sieve.math.Simd} only when SIMD is enabled. The tanh
 * lanes are {@link VectorMath#tanh}. Only IEEE add,
 * multiply, fused multiply-add, divide, compare/blend and bit operations are used (no Vector API transcendentals,
 * whose interpreted and compiled forms differ in the last bit).
 */
final class VectorBatchKernels extends BatchKernels {
    private static final VectorSpecies<Double> S = species();
    private static final int VL = S.length();

    private static VectorSpecies<Double> species() {
        VectorSpecies<Double> p = DoubleVector.SPECIES_PREFERRED;
        int n = p.length();
        if (n == 2 || n == 4 || n == 8) {
            return p;
        }
        if (n > 8) {
            return DoubleVector.SPECIES_512;
        }
        throw new UnsupportedOperationException("no usable double vector species (preferred " + p + ")");
    }

    VectorBatchKernels() {
        if (W % VL != 0 || BLOCK % (2 * VL) != 0 || G != 4) {
            throw new UnsupportedOperationException("vector length " + VL + " does not fit the block layout");
        }
    }

    private static DoubleVector load(double[] a, int i) {
        return DoubleVector.fromArray(S, a, i);
    }

    private static DoubleVector bc(double v) {
        return DoubleVector.broadcast(S, v);
    }

    @Override
    void matmul(double[] p, int w, int ss, int ks, int b, int nS, int nK, double[] src, int so,
                double[] dst, int dOff, boolean normalize, double div) {
        for (int c = 0; c < BLOCK; c += 2 * VL) {
            int k = 0;
            for (; k + 3 < nK; k += 4) {
                DoubleVector x00 = bc(b < 0 ? 0.0 : p[b + k]);
                DoubleVector x10 = bc(b < 0 ? 0.0 : p[b + k + 1]);
                DoubleVector x20 = bc(b < 0 ? 0.0 : p[b + k + 2]);
                DoubleVector x30 = bc(b < 0 ? 0.0 : p[b + k + 3]);
                DoubleVector x01 = x00;
                DoubleVector x11 = x10;
                DoubleVector x21 = x20;
                DoubleVector x31 = x30;
                int sr = so + c;
                int wr = w + k * ks;
                for (int s = 0; s < nS; s++, sr += BLOCK, wr += ss) {
                    DoubleVector y0 = load(src, sr);
                    DoubleVector y1 = load(src, sr + VL);
                    DoubleVector w0 = bc(p[wr]);
                    DoubleVector w1 = bc(p[wr + ks]);
                    DoubleVector w2 = bc(p[wr + 2 * ks]);
                    DoubleVector w3 = bc(p[wr + 3 * ks]);
                    x00 = y0.fma(w0, x00);
                    x01 = y1.fma(w0, x01);
                    x10 = y0.fma(w1, x10);
                    x11 = y1.fma(w1, x11);
                    x20 = y0.fma(w2, x20);
                    x21 = y1.fma(w2, x21);
                    x30 = y0.fma(w3, x30);
                    x31 = y1.fma(w3, x31);
                }
                if (normalize) {
                    x00 = x00.div(div);
                    x01 = x01.div(div);
                    x10 = x10.div(div);
                    x11 = x11.div(div);
                    x20 = x20.div(div);
                    x21 = x21.div(div);
                    x30 = x30.div(div);
                    x31 = x31.div(div);
                }
                int d = dOff + k * BLOCK + c;
                x00.intoArray(dst, d);
                x01.intoArray(dst, d + VL);
                x10.intoArray(dst, d + BLOCK);
                x11.intoArray(dst, d + BLOCK + VL);
                x20.intoArray(dst, d + 2 * BLOCK);
                x21.intoArray(dst, d + 2 * BLOCK + VL);
                x30.intoArray(dst, d + 3 * BLOCK);
                x31.intoArray(dst, d + 3 * BLOCK + VL);
            }
            for (; k + 1 < nK; k += 2) {
                DoubleVector x00 = bc(b < 0 ? 0.0 : p[b + k]);
                DoubleVector x10 = bc(b < 0 ? 0.0 : p[b + k + 1]);
                DoubleVector x01 = x00;
                DoubleVector x11 = x10;
                int sr = so + c;
                int wr = w + k * ks;
                for (int s = 0; s < nS; s++, sr += BLOCK, wr += ss) {
                    DoubleVector y0 = load(src, sr);
                    DoubleVector y1 = load(src, sr + VL);
                    DoubleVector w0 = bc(p[wr]);
                    DoubleVector w1 = bc(p[wr + ks]);
                    x00 = y0.fma(w0, x00);
                    x01 = y1.fma(w0, x01);
                    x10 = y0.fma(w1, x10);
                    x11 = y1.fma(w1, x11);
                }
                if (normalize) {
                    x00 = x00.div(div);
                    x01 = x01.div(div);
                    x10 = x10.div(div);
                    x11 = x11.div(div);
                }
                int d = dOff + k * BLOCK + c;
                x00.intoArray(dst, d);
                x01.intoArray(dst, d + VL);
                x10.intoArray(dst, d + BLOCK);
                x11.intoArray(dst, d + BLOCK + VL);
            }
            for (; k < nK; k++) {
                DoubleVector x00 = bc(b < 0 ? 0.0 : p[b + k]);
                DoubleVector x01 = x00;
                int sr = so + c;
                int wr = w + k * ks;
                for (int s = 0; s < nS; s++, sr += BLOCK, wr += ss) {
                    DoubleVector w0 = bc(p[wr]);
                    x00 = load(src, sr).fma(w0, x00);
                    x01 = load(src, sr + VL).fma(w0, x01);
                }
                if (normalize) {
                    x00 = x00.div(div);
                    x01 = x01.div(div);
                }
                int d = dOff + k * BLOCK + c;
                x00.intoArray(dst, d);
                x01.intoArray(dst, d + VL);
            }
        }
    }

    @Override
    void tanh(double[] z, int zo, double[] y, int yo, int n) {
        for (int k = 0; k < n; k += VL) {
            VectorMath.tanh(load(z, zo + k)).intoArray(y, yo + k);
        }
    }

    @Override
    void tanhDerivative(double[] y, int yo, double[] d, int dOff, int n) {
        DoubleVector one = bc(1.0);
        for (int k = 0; k < n; k += VL) {
            DoubleVector t = load(y, yo + k);
            load(d, dOff + k).mul(one.sub(t.mul(t))).intoArray(d, dOff + k);
        }
    }

    @Override
    void divide(double[] u, int off, int n, double c) {
        for (int k = 0; k < n; k += VL) {
            load(u, off + k).div(c).intoArray(u, off + k);
        }
    }

    @Override
    void gradient(double[] y, int yo, double[] d, int dOff, int nP, int nC, double[] acc, int w, int b) {
        for (int h = 0; h < W; h += VL) {
            int i = 0;
            for (; i + 1 < nP; i += 2) {
                final int ya = yo + i * BLOCK + h;
                final int yb = ya + BLOCK;
                DoubleVector a0 = load(y, ya);
                DoubleVector a1 = load(y, ya + W);
                DoubleVector a2 = load(y, ya + 2 * W);
                DoubleVector a3 = load(y, ya + 3 * W);
                DoubleVector b0 = load(y, yb);
                DoubleVector b1 = load(y, yb + W);
                DoubleVector b2 = load(y, yb + 2 * W);
                DoubleVector b3 = load(y, yb + 3 * W);
                int ia = (w + i * nC) * W + h;
                final int ib0 = (w + (i + 1) * nC) * W + h;
                int ib = ib0;
                int dr = dOff + h;
                for (int j = 0; j < nC; j++, ia += W, ib += W, dr += BLOCK) {
                    DoubleVector d0 = load(d, dr);
                    DoubleVector d1 = load(d, dr + W);
                    DoubleVector d2 = load(d, dr + 2 * W);
                    DoubleVector d3 = load(d, dr + 3 * W);
                    DoubleVector va = a0.mul(d0);
                    DoubleVector vb = b0.mul(d0);
                    va = a1.fma(d1, va);
                    vb = b1.fma(d1, vb);
                    va = a2.fma(d2, va);
                    vb = b2.fma(d2, vb);
                    va = a3.fma(d3, va);
                    vb = b3.fma(d3, vb);
                    load(acc, ia).add(va).intoArray(acc, ia);
                    load(acc, ib).add(vb).intoArray(acc, ib);
                }
            }
            if (i < nP) {
                final int ya = yo + i * BLOCK + h;
                DoubleVector a0 = load(y, ya);
                DoubleVector a1 = load(y, ya + W);
                DoubleVector a2 = load(y, ya + 2 * W);
                DoubleVector a3 = load(y, ya + 3 * W);
                int ia = (w + i * nC) * W + h;
                int dr = dOff + h;
                for (int j = 0; j < nC; j++, ia += W, dr += BLOCK) {
                    DoubleVector va = a0.mul(load(d, dr));
                    va = a1.fma(load(d, dr + W), va);
                    va = a2.fma(load(d, dr + 2 * W), va);
                    va = a3.fma(load(d, dr + 3 * W), va);
                    load(acc, ia).add(va).intoArray(acc, ia);
                }
            }
            if (b >= 0) {
                int ia = b * W + h;
                int dr = dOff + h;
                for (int j = 0; j < nC; j++, ia += W, dr += BLOCK) {
                    DoubleVector v = load(d, dr).add(load(d, dr + W)).add(load(d, dr + 2 * W)).add(load(d, dr + 3 * W));
                    load(acc, ia).add(v).intoArray(acc, ia);
                }
            }
        }
    }

    @Override
    String name() {
        return "vector(" + VL + "x double)";
    }

    @Override
    void layer(double[] p, int w, int b, int nP, int nC, double[] y, int yo, double[] z, int zo) {
        int j = 0;
        for (int upper = S.loopBound(nC); j < upper; j += VL) {
            DoubleVector acc = DoubleVector.fromArray(S, p, b + j);
            for (int i = 0; i < nP; i++) {
                acc = DoubleVector.fromArray(S, p, w + i * nC + j).lanewise(VectorOperators.FMA, y[yo + i], acc);
            }
            acc.intoArray(z, zo + j);
        }
        for (; j < nC; j++) {
            double s = p[b + j];
            for (int i = 0; i < nP; i++) {
                s = Math.fma(y[yo + i], p[w + i * nC + j], s);
            }
            z[zo + j] = s;
        }
    }
}
