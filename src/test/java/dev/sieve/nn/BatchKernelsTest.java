package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The deterministic tanh and the bit-identity of the SIMD and scalar batch kernels. */
class BatchKernelsTest {

    /** Wide range of magnitudes, both signs, special values; length a multiple of the block. */
    static double[] tanhArguments() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] x = new double[200_000];
        for (int k = 0; k < x.length; k++) {
            x[k] = switch (k % 4) {
                case 0 -> rng.nextDouble(-25, 25);
                case 1 -> rng.nextDouble(-1, 1);
                case 2 -> rng.nextDouble(-1, 1) * Math.pow(10, rng.nextInt(-320, 3));
                default -> rng.nextDouble(-0.4, 0.4);
            };
        }
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1e-300, 1e-8, 0.1,
            0.17328679513998632, 0.5, Math.log(2) / 2, 1.0, 19.06, 20.0, -20.0, 20.5, 1e300, -1e300,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, Double.MAX_VALUE};
        System.arraycopy(special, 0, x, 0, special.length);
        return x;
    }

    @Test
    void tanhIsWithinFourUlpOfStrictMath() {
        double worstRel = 0;
        double worstUlp = 0;
        for (double x : tanhArguments()) {
            double t = Activation.tanh(x);
            double ref = StrictMath.tanh(x);
            if (Double.isNaN(x)) {
                assertThat(t).isNaN();
                continue;
            }
            if (ref == 0.0) {
                assertEquals(Double.doubleToRawLongBits(ref), Double.doubleToRawLongBits(t), "tanh(" + x + ")");
                continue;
            }
            worstRel = Math.max(worstRel, Math.abs(t - ref) / Math.abs(ref));
            worstUlp = Math.max(worstUlp, Math.abs(t - ref) / Math.ulp(ref));
        }
        assertThat(worstUlp).isLessThanOrEqualTo(4.0);
        assertThat(worstRel).isLessThan(7e-16);
        assertEquals(1.0, Activation.tanh(20.0), 0.0);
        assertEquals(-1.0, Activation.tanh(Double.NEGATIVE_INFINITY), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Activation.tanh(-0.0)));
        assertEquals(Double.MIN_VALUE, Activation.tanh(Double.MIN_VALUE), 0.0);
    }

    @Test
    void simdTanhIsBitIdenticalToScalar() {
        double[] x = tanhArguments();
        double[] a = new double[x.length];
        // many rounds so that the SIMD code runs both interpreted and JIT-compiled
        for (int round = 0; round < 20; round++) {
            int off = round * BatchKernels.W;
            int n = x.length - 2 * off;
            BatchKernels.get().tanh(x, off, a, off, n);
            for (int k = off; k < off + n; k++) {
                double s = Activation.tanh(x[k]);
                if (Double.doubleToRawLongBits(a[k]) != Double.doubleToRawLongBits(s)
                        && !(Double.isNaN(a[k]) && Double.isNaN(s))) {
                    throw new AssertionError(BatchKernels.get().name() + " round " + round + " tanh(" + x[k] + ") = "
                            + a[k] + ", scalar " + s);
                }
            }
        }
    }

    @Test
    void vectorKernelsAreSelectedWhenTheModuleIsPresent() {
        boolean module = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        assertThat(BatchKernels.get().name().startsWith("vector")).isEqualTo(module);
        assertEquals(BatchKernels.get().name(), Network.batchKernelName());
    }

    static Network net(Activation hidden, boolean normalize, long seed) {
        Network n = new Network(new int[] {7, 6, 5, 1}, new Activation[] {hidden, hidden, Activation.IDENTITY},
                normalize);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = n.params();
        for (int k = 0; k < p.length; k++) {
            p[k] = rng.nextDouble(-0.9, 0.9);
        }
        return n;
    }

    /** Everything the batch kernels produce for one set of inputs, as raw bits. */
    static long[] batchResults(Network n, int atoms, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int nIn = n.numInputs();
        double[] xs = new double[atoms * nIn];
        double[] vs = new double[atoms * nIn];
        double[] w = new double[atoms];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = rng.nextDouble(-2, 2);
            vs[k] = rng.nextDouble(-1, 1);
        }
        for (int a = 0; a < atoms; a++) {
            w[a] = rng.nextDouble(-1, 1);
        }
        BatchWorkspace ws = n.newBatchWorkspace(atoms);
        double[] e = new double[atoms];
        double[] g = new double[n.numParams()];
        double[] dx = new double[atoms * nIn];
        double[] g2 = new double[n.numParams()];
        double[] s = new double[atoms];
        n.forwardBatch(xs, atoms, e, ws);
        n.backwardBatch(w, 0, atoms, ws, g);
        n.inputGradientBatch(atoms, ws, dx, 0, nIn);
        n.accumulateInputGradientDotParamGradientBatch(vs, 0, nIn, w, 0, atoms, ws, g2, s, 0);
        double[][] all = {e, g, dx, g2, s};
        int len = 0;
        for (double[] u : all) {
            len += u.length;
        }
        long[] bits = new long[len];
        int o = 0;
        for (double[] u : all) {
            for (double v : u) {
                bits[o++] = Double.doubleToRawLongBits(v);
            }
        }
        return bits;
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "IDENTITY", "LOGISTIC", "SOFTPLUS"})
    void simdAndScalarNetworkKernelsAreBitIdentical(Activation act) {
        for (boolean normalize : new boolean[] {false, true}) {
            Network n = net(act, normalize, 21);
            n.kernels = BatchKernels.scalar();
            long[] ref = batchResults(n, 75, 8);
            n.kernels = BatchKernels.get();
            for (int round = 0; round < 15; round++) {
                assertThat(batchResults(n, 75, 8)).as("%s normalize=%s round %d", act, normalize, round)
                        .containsExactly(ref);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void batchEnergiesAndInputGradientsEqualPerAtomBitForBit(Activation act) {
        for (boolean normalize : new boolean[] {false, true}) {
            assertPerAtomEqualsBatch(net(act, normalize, 22), 41, 23, act + " normalize=" + normalize);
        }
    }

    /** Per-atom energies and input gradients equal the batched ones bit for bit, with both kernel sets. */
    private static void assertPerAtomEqualsBatch(Network n, int atoms, long seed, String what) {
        int nIn = n.numInputs();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] xs = new double[atoms * nIn];
        for (int k = 0; k < xs.length; k++) {
            xs[k] = rng.nextDouble(-2, 2);
        }
        for (BatchKernels k : new BatchKernels[] {BatchKernels.get(), BatchKernels.scalar()}) {
            n.kernels = k;
            BatchWorkspace bws = n.newBatchWorkspace(atoms);
            double[] e = new double[atoms];
            double[] dx = new double[atoms * nIn];
            n.forwardBatch(xs, atoms, e, bws);
            n.inputGradientBatch(atoms, bws, dx, 0, nIn);
            Network.Workspace ws = n.newWorkspace();
            double[] g = new double[nIn];
            for (int a = 0; a < atoms; a++) {
                double ea = n.energyAndInputGradient(xs, a * nIn, ws, g, 0);
                assertEquals(ea, e[a], 0.0, what + " " + k.name() + " energy of atom " + a);
                for (int i = 0; i < nIn; i++) {
                    assertEquals(g[i], dx[a * nIn + i], 0.0, what + " " + k.name() + " dE/dx" + i + " atom " + a);
                }
            }
        }
    }

    /**
     * Layers wider than a SIMD vector (17 and 10 outputs: full vectors and a tail): the per-atom forward pass (one
     * register block of outputs across the inputs) gives the batched kernels' bits, for both kernel sets.
     */
    @Test
    void wideLayersPerAtomEqualBatchBitForBit() {
        Network n = new Network(new int[] {11, 17, 10, 1}, new Activation[] {Activation.TANH, Activation.TANH,
            Activation.IDENTITY}, false);
        SplittableRandom rng = new SplittableRandom(31);
        double[] p = n.params();
        for (int k = 0; k < p.length; k++) {
            p[k] = rng.nextDouble(-0.9, 0.9);
        }
        assertPerAtomEqualsBatch(n, 19, 32, "11-17-10-1");
    }
}
