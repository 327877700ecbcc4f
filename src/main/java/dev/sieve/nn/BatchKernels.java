package dev.sieve.nn;

import dev.sieve.math.DetMath;
import dev.sieve.math.Simd;
import java.lang.invoke.MethodHandles;

/**
 * The arithmetic of the batched network kernels on one block of {@link Network#BLOCK} atoms (arrays laid out
 * neuron-major, atom index innermost: element {@code [k][a]} at {@code off + k * BLOCK + a}).
 *
 * <p>Two implementations give bit-identical results: a SIMD one ({@code VectorBatchKernels}, JDK Vector API,
 * vectorised across atoms), used when {@link Simd#enabled()} (the JVM runs with
 * {@code --add-modules jdk.incubator.vector} and not {@code -Dsieve.vector=false}), and the scalar one here otherwise. Both use only IEEE add, multiply, fused multiply-add,
 * divide, compare and bit operations in the same order per atom, so results do not depend on which one runs nor on
 * the JIT state. Sums over atoms (parameter gradients) go into lane-wise accumulators of {@link #W} lanes: atom
 * {@code a} of a block contributes to lane {@code a mod W}, in a fixed order (see {@link #gradient}); the caller
 * reduces the lanes in a fixed order at the end.
 */
abstract class BatchKernels {
    /** Logical lanes of the gradient accumulators (the SIMD width must divide it). */
    static final int W = 8;
    static final int BLOCK = Network.BLOCK;
    /** Groups of W atoms per block. */
    static final int G = BLOCK / W;

    /**
     * {@code dst[k][a] = (init_k + sum_s src[s][a] * p[w + s * ss + k * ks]) / div} for k in [0, nK), s in [0, nS)
     * ascending, each term by one fused multiply-add; init_k = p[b + k], or 0 if {@code b < 0}; the division only if
     * {@code normalize}.
     */
    abstract void matmul(double[] p, int w, int ss, int ks, int b, int nS, int nK, double[] src, int so,
                         double[] dst, int dOff, boolean normalize, double div);

    /** {@code y[yo + k] = DetMath.tanh(z[zo + k])} (= {@link Activation#tanh}) for k in [0, n), n a multiple of W. */
    abstract void tanh(double[] z, int zo, double[] y, int yo, int n);

    /** {@code d[dOff + k] *= 1 - y[yo + k]^2} (tanh'), n a multiple of W. */
    abstract void tanhDerivative(double[] y, int yo, double[] d, int dOff, int n);

    /** {@code u[off + k] /= c}, n a multiple of W. */
    abstract void divide(double[] u, int off, int n, double c);

    /**
     * Lane-wise accumulation of the parameter gradient of one layer over one block: for lane {@code q} in [0, W),
     * {@code acc[(w + i nC + j) W + q] += v}, {@code v = y[i][q] d[j][q]} then, for g = 1..G-1,
     * {@code v = fma(y[i][g W + q], d[j][g W + q], v)}; the same with y = 1 for the biases (plain additions) at
     * {@code acc[(b + j) W + q]} unless {@code b < 0}.
     */
    abstract void gradient(double[] y, int yo, double[] d, int dOff, int nP, int nC, double[] acc, int w, int b);

    /**
     * One atom's layer: {@code z[zo + j] = p[b + j]}, then {@code z[zo + j] = fma(y[yo + i], p[w + i nC + j],
     * z[zo + j])} for i in [0, nP) ascending, for j in [0, nC) (the order of the batched kernels, so the same bits).
     * The SIMD version keeps a block of outputs in a register across the inputs instead of going through memory.
     */
    void layer(double[] p, int w, int b, int nP, int nC, double[] y, int yo, double[] z, int zo) {
        System.arraycopy(p, b, z, zo, nC);
        for (int i = 0; i < nP; i++) {
            double yi = y[yo + i];
            int wr = w + i * nC;
            for (int j = 0; j < nC; j++) {
                z[zo + j] = Math.fma(yi, p[wr + j], z[zo + j]);
            }
        }
    }

    abstract String name();

    private static final BatchKernels INSTANCE =
        Simd.choose(MethodHandles.lookup(), "dev.sieve.nn.VectorBatchKernels", BatchKernels.class, Scalar.INSTANCE);

    /** The implementation in use (SIMD if available). */
    static BatchKernels get() {
        return INSTANCE;
    }

    /** The scalar implementation (always available). */
    static BatchKernels scalar() {
        return Scalar.INSTANCE;
    }

    /** Reference implementation, one atom (lane) at a time in the SIMD operation order. */
    static final class Scalar extends BatchKernels {
        static final Scalar INSTANCE = new Scalar();

        @Override
        void matmul(double[] p, int w, int ss, int ks, int b, int nS, int nK, double[] src, int so,
                    double[] dst, int dOff, boolean normalize, double div) {
            for (int k = 0; k < nK; k++) {
                final double init = b < 0 ? 0.0 : p[b + k];
                final int wk = w + k * ks;
                final int dr = dOff + k * BLOCK;
                for (int a = 0; a < BLOCK; a++) {
                    double acc = init;
                    int sr = so + a;
                    int wr = wk;
                    for (int s = 0; s < nS; s++, sr += BLOCK, wr += ss) {
                        acc = Math.fma(src[sr], p[wr], acc);
                    }
                    if (normalize) {
                        acc /= div;
                    }
                    dst[dr + a] = acc;
                }
            }
        }

        @Override
        void tanh(double[] z, int zo, double[] y, int yo, int n) {
            for (int k = 0; k < n; k++) {
                y[yo + k] = DetMath.tanh(z[zo + k]);
            }
        }

        @Override
        void tanhDerivative(double[] y, int yo, double[] d, int dOff, int n) {
            for (int k = 0; k < n; k++) {
                double t = y[yo + k];
                d[dOff + k] *= 1.0 - t * t;
            }
        }

        @Override
        void divide(double[] u, int off, int n, double c) {
            for (int k = 0; k < n; k++) {
                u[off + k] /= c;
            }
        }

        @Override
        void gradient(double[] y, int yo, double[] d, int dOff, int nP, int nC, double[] acc, int w, int b) {
            for (int i = 0; i < nP; i++) {
                final int yr = yo + i * BLOCK;
                for (int j = 0; j < nC; j++) {
                    final int dr = dOff + j * BLOCK;
                    final int ar = (w + i * nC + j) * W;
                    for (int q = 0; q < W; q++) {
                        double v = y[yr + q] * d[dr + q];
                        for (int g = 1; g < G; g++) {
                            v = Math.fma(y[yr + g * W + q], d[dr + g * W + q], v);
                        }
                        acc[ar + q] += v;
                    }
                }
            }
            if (b >= 0) {
                for (int j = 0; j < nC; j++) {
                    final int dr = dOff + j * BLOCK;
                    final int ar = (b + j) * W;
                    for (int q = 0; q < W; q++) {
                        double v = d[dr + q];
                        for (int g = 1; g < G; g++) {
                            v += d[dr + g * W + q];
                        }
                        acc[ar + q] += v;
                    }
                }
            }
        }

        @Override
        String name() {
            return "scalar";
        }
    }
}
