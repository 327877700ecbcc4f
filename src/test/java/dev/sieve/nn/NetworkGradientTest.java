package dev.sieve.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Input and parameter gradients of the network kernels against central finite differences. */
class NetworkGradientTest {

    /** Step for central differences; with an O(1) loss the rounding noise is ~1e-11, truncation ~1e-10. */
    static final double H = 1e-5;

    static Network net(Activation hidden, boolean normalize, long seed) {
        Network n = new Network(new int[] {5, 4, 3, 1}, new Activation[] {hidden, hidden, Activation.IDENTITY}, normalize);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] p = n.params();
        for (int k = 0; k < p.length; k++) {
            p[k] = rng.nextDouble(-0.8, 0.8);
        }
        return n;
    }

    static double[] input(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = rng.nextDouble(-1.2, 1.2);
        }
        return x;
    }

    /** |a - b| <= tol * max(|a|, |b|, floor). */
    static void close(double fd, double an, double tol, double floor, String what) {
        double scale = Math.max(Math.max(Math.abs(fd), Math.abs(an)), floor);
        assertThat(Math.abs(fd - an) / scale).as("%s: finite difference %s vs analytic %s", what, fd, an).isLessThan(tol);
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void activationDerivativesMatchFiniteDifferences(Activation a) {
        for (double x : new double[] {-2.3, -0.7, -0.05, 0.03, 0.4, 1.1, 3.0}) {
            double h = 1e-6;
            double d1 = (a.value(x + h) - a.value(x - h)) / (2 * h);
            double d2 = (a.derivative(x + h) - a.derivative(x - h)) / (2 * h);
            close(d1, a.derivative(x), 1e-7, 1e-3, a + " f' at " + x);
            close(d2, a.secondDerivative(x), 1e-7, 1e-3, a + " f'' at " + x);
            assertEquals(a.derivative(x), a.derivative(x, a.value(x)), 1e-15, a + " f'(x, y)");
            assertEquals(a.secondDerivative(x), a.secondDerivative(x, a.value(x)), 1e-15, a + " f''(x, y)");
        }
    }

    @Test
    void activationLettersRoundTrip() {
        for (Activation a : Activation.values()) {
            assertEquals(a, Activation.ofLetter(a.letter()));
        }
        assertThat(assertThrows(IllegalArgumentException.class, () -> Activation.ofLetter('x')).getMessage()).contains("'x'");
        assertEquals(Math.log(1 + Math.exp(3.0)), Activation.SOFTPLUS.value(3.0), 1e-15);
        assertEquals(800.0, Activation.SOFTPLUS.value(800.0), 0.0);
        assertEquals(0.0, Activation.SOFTPLUS.value(-800.0), 0.0);
        assertEquals(-0.02, Activation.LEAKY_RELU.value(-2.0), 0.0);
        assertEquals(1.0, Activation.LOGISTIC.value(800.0), 0.0);
        assertEquals(0.0, Activation.LOGISTIC.value(-800.0), 0.0);
    }

    @Test
    void fastTanhIsAccurate() {
        SplittableRandom rng = new SplittableRandom(3);
        double worst = 0;
        for (int k = 0; k < 200_000; k++) {
            double x = rng.nextDouble(-1, 1) * Math.pow(10, rng.nextInt(-8, 2));
            double ref = StrictMath.tanh(x);
            worst = Math.max(worst, Math.abs(Activation.tanh(x) - ref) / Math.abs(ref));
        }
        assertThat(worst).isLessThan(1.5e-15);
        assertEquals(1.0, Activation.tanh(50.0), 0.0);
        assertEquals(-1.0, Activation.tanh(-1e300), 0.0);
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(Activation.tanh(-0.0)));
        assertThat(Activation.tanh(Double.NaN)).isNaN();
    }


    @ParameterizedTest
    @EnumSource(Activation.class)
    void inputGradient(Activation act) {
        for (boolean normalize : new boolean[] {false, true}) {
            Network n = net(act, normalize, 11);
            Network.Workspace ws = n.newWorkspace();
            double[] x = input(5, 5);
            double[] g = new double[5];
            double e = n.energyAndInputGradient(x, ws, g);
            assertEquals(e, n.energy(x, ws), 0.0);
            for (int k = 0; k < 5; k++) {
                double[] xp = x.clone();
                double[] xm = x.clone();
                xp[k] += H;
                xm[k] -= H;
                double fd = (n.energy(xp, ws) - n.energy(xm, ws)) / (2 * H);
                close(fd, g[k], 1e-6, 1e-4, act + " normalize=" + normalize + " dE/dx" + k);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void parameterGradientSingleAndBatched(Activation act) {
        for (boolean normalize : new boolean[] {false, true}) {
            Network n = net(act, normalize, 12);
            Network.Workspace ws = n.newWorkspace();
            int atoms = 37; // more than one block, ragged tail
            double[] xs = new double[atoms * 5];
            double[] w = new double[atoms];
            SplittableRandom rng = new SplittableRandom(99);
            for (int k = 0; k < xs.length; k++) {
                xs[k] = rng.nextDouble(-1.2, 1.2);
            }
            for (int a = 0; a < atoms; a++) {
                w[a] = rng.nextDouble(-1, 1);
            }
            // L = sum_a w_a E_a
            double[] gSingle = new double[n.numParams()];
            // sum over atoms of |w_a dE_a/dp|: the scale of the rounding error of any summation order
            double[] gAbs = new double[n.numParams()];
            double[] gAtom = new double[n.numParams()];
            for (int a = 0; a < atoms; a++) {
                n.accumulateParamGradient(xs, a * 5, w[a], ws, gSingle);
                java.util.Arrays.fill(gAtom, 0.0);
                n.accumulateParamGradient(xs, a * 5, w[a], ws, gAtom);
                for (int k = 0; k < gAtom.length; k++) {
                    gAbs[k] += Math.abs(gAtom[k]);
                }
            }
            double[] gBatch = new double[n.numParams()];
            double[] e = new double[atoms];
            BatchWorkspace bws = n.newBatchWorkspace(atoms);
            n.forwardBatch(xs, atoms, e, bws);
            n.backwardBatch(w, 0, atoms, bws, gBatch);
            double[] p = n.params();
            for (int k = 0; k < p.length; k++) {
                double keep = p[k];
                p[k] = keep + H;
                double lp = loss(n, xs, w, ws);
                p[k] = keep - H;
                double lm = loss(n, xs, w, ws);
                p[k] = keep;
                double fd = (lp - lm) / (2 * H);
                close(fd, gSingle[k], 1e-6, 1e-3, act + " normalize=" + normalize + " dL/dp" + k + " (single)");
                // the batch sums over atoms in another order (eight lanes): compare against the sum of |terms|
                assertThat(Math.abs(gSingle[k] - gBatch[k])).as("%s normalize=%s dL/dp%d batch %s vs single %s", act,
                        normalize, k, gBatch[k], gSingle[k]).isLessThanOrEqualTo(1e-14 * gAbs[k]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void batchedInputGradientEqualsSingle(Activation act) {
        for (boolean normalize : new boolean[] {false, true}) {
            Network n = net(act, normalize, 14);
            int atoms = 70;
            double[] xs = new double[atoms * 5];
            SplittableRandom rng = new SplittableRandom(15);
            for (int k = 0; k < xs.length; k++) {
                xs[k] = rng.nextDouble(-1.2, 1.2);
            }
            BatchWorkspace bws = n.newBatchWorkspace(100);
            double[] e = new double[atoms];
            n.forwardBatch(xs, 0, 5, atoms, e, 0, bws);
            double[] g = new double[atoms * 7];
            n.inputGradientBatch(atoms, bws, g, 0, 7);
            Network.Workspace ws = n.newWorkspace();
            double[] gs = new double[5];
            for (int a = 0; a < atoms; a++) {
                double es = n.energyAndInputGradient(xs, a * 5, ws, gs, 0);
                assertEquals(es, e[a], 0.0, "energy atom " + a);
                for (int k = 0; k < 5; k++) {
                    close(gs[k], g[a * 7 + k], 1e-13, 1e-10, act + " atom " + a + " dE/dx" + k);
                }
            }
        }
    }

    static double loss(Network n, double[] xs, double[] w, Network.Workspace ws) {
        double l = 0;
        for (int a = 0; a < w.length; a++) {
            l += w[a] * n.energy(xs, a * 5, ws);
        }
        return l;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void secondOrderForceTrainingGradient(Activation act) {
        for (boolean normalize : new boolean[] {false, true}) {
            Network n = net(act, normalize, 13);
            Network.Workspace ws = n.newWorkspace();
            double[] x = input(6, 5);
            double[] v = input(7, 5);
            double scale = 0.7;
            double[] grad = new double[n.numParams()];
            double s = n.accumulateInputGradientDotParamGradient(x, 0, v, 0, scale, ws, grad);
            double[] g = new double[5];
            n.energyAndInputGradient(x, ws, g);
            double dot = 0;
            for (int k = 0; k < 5; k++) {
                dot += g[k] * v[k];
            }
            assertEquals(dot, s, 1e-13 * Math.max(1, Math.abs(dot)), "s = dE/dx . v");
            double[] p = n.params();
            for (int k = 0; k < p.length; k++) {
                double keep = p[k];
                p[k] = keep + H;
                double sp = dirDeriv(n, x, v, ws);
                p[k] = keep - H;
                double sm = dirDeriv(n, x, v, ws);
                p[k] = keep;
                double fd = scale * (sp - sm) / (2 * H);
                close(fd, grad[k], 1e-6, 1e-4, act + " normalize=" + normalize + " d(dE/dx.v)/dp" + k);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void batchedSecondOrderEqualsSingle(Activation act) {
        for (boolean normalize : new boolean[] {false, true}) {
            Network n = net(act, normalize, 16);
            int atoms = 45;
            SplittableRandom rng = new SplittableRandom(17);
            double[] xs = new double[atoms * 5];
            double[] vs = new double[atoms * 6];
            double[] c = new double[atoms];
            for (int k = 0; k < xs.length; k++) {
                xs[k] = rng.nextDouble(-1.2, 1.2);
            }
            for (int k = 0; k < vs.length; k++) {
                vs[k] = rng.nextDouble(-1, 1);
            }
            for (int a = 0; a < atoms; a++) {
                c[a] = rng.nextDouble(-1, 1);
            }
            double[] gSingle = new double[n.numParams()];
            double[] sSingle = new double[atoms];
            Network.Workspace ws = n.newWorkspace();
            for (int a = 0; a < atoms; a++) {
                sSingle[a] = n.accumulateInputGradientDotParamGradient(xs, a * 5, vs, a * 6, c[a], ws, gSingle);
            }
            BatchWorkspace bws = n.newBatchWorkspace(atoms);
            n.forwardBatch(xs, atoms, new double[atoms], bws);
            double[] gBatch = new double[n.numParams()];
            double[] sBatch = new double[atoms + 2];
            n.accumulateInputGradientDotParamGradientBatch(vs, 0, 6, c, 0, atoms, bws, gBatch, sBatch, 2);
            for (int a = 0; a < atoms; a++) {
                close(sSingle[a], sBatch[a + 2], 1e-12, 1e-8, act + " s atom " + a);
            }
            for (int k = 0; k < gSingle.length; k++) {
                close(gSingle[k], gBatch[k], 1e-12, 1e-8, act + " normalize=" + normalize + " grad " + k);
            }
        }
    }

    static double dirDeriv(Network n, double[] x, double[] v, Network.Workspace ws) {
        double[] g = new double[x.length];
        n.energyAndInputGradient(x, ws, g);
        double s = 0;
        for (int k = 0; k < g.length; k++) {
            s += g[k] * v[k];
        }
        return s;
    }

    @Test
    void normalizeNodesDividesSummedInputIncludingBias() {
        // 2 inputs -> 1 identity output: E = (w0 x0 + w1 x1 + b) / 2
        Network n = new Network(new int[] {2, 1}, new Activation[] {Activation.IDENTITY}, true);
        n.setParams(new double[] {2.0, 3.0, 1.0});
        assertEquals((2.0 * 0.5 + 3.0 * -1.0 + 1.0) / 2.0, n.energy(new double[] {0.5, -1.0}, n.newWorkspace()), 0.0);
    }

    @Test
    void layoutAndGroups() {
        Network n = new Network(new int[] {3, 2, 1}, new Activation[] {Activation.TANH, Activation.IDENTITY}, false);
        assertEquals(3 * 2 + 2 + 2 + 1, n.numParams());
        assertEquals(2, n.groupSize());
        assertEquals(4, n.groupOffset(2));
        assertEquals(n.weightIndex(1, 2, 1), n.groupOffset(2) + 1);
        assertEquals(6, n.biasOffset(1));
        assertEquals(8, n.weightOffset(2));
        assertEquals(10, n.biasOffset(2));
        double[] p = n.params();
        p[4] = 3;
        p[5] = 4;
        assertEquals(5.0, n.groupNorm(2), 0.0);
        n.scaleGroup(2, 0.0);
        assertEquals(0.0, n.groupNorm(2), 0.0);
        assertThat(n.isFirstLayerWeight(5)).isTrue();
        assertThat(n.isFirstLayerWeight(6)).isFalse();
        assertThat(n.isBias(6)).isTrue();
        assertThat(n.isBias(8)).isFalse();
        assertThat(n.isBias(10)).isTrue();
        // a zeroed group makes the energy independent of that input
        SplittableRandom rng = new SplittableRandom(1);
        n.initialize(rng);
        n.scaleGroup(1, 0.0);
        Network.Workspace ws = n.newWorkspace();
        assertEquals(n.energy(new double[] {0.3, -5, 0.2}, ws), n.energy(new double[] {0.3, 7, 0.2}, ws), 0.0);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void initialisationIsSeededGlorot(long seed) {
        Network a = new Network(new int[] {22, 10, 10, 1}, new Activation[] {Activation.TANH, Activation.TANH, Activation.IDENTITY}, false);
        Network b = a.copy();
        a.initialize(new SplittableRandom(seed));
        b.initialize(new SplittableRandom(seed));
        assertThat(a.params()).containsExactly(b.params());
        double lim = Math.sqrt(6.0 / 32.0);
        for (int k = 0; k < a.biasOffset(1); k++) {
            assertThat(Math.abs(a.params()[k])).isLessThanOrEqualTo(lim);
        }
        assertEquals(0.0, a.params()[a.biasOffset(1)], 0.0);
    }

    @Test
    void badTopologyAndWorkspaceAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new Network(new int[] {3, 2, 2}, new Activation[] {Activation.TANH, Activation.IDENTITY}, false));
        assertThrows(IllegalArgumentException.class,
                () -> new Network(new int[] {3, 1}, new Activation[] {Activation.TANH, Activation.IDENTITY}, false));
        Network n = net(Activation.TANH, false, 1);
        BatchWorkspace bws = n.newBatchWorkspace(4);
        assertThrows(IllegalArgumentException.class, () -> n.forwardBatch(new double[50], 10, new double[10], bws));
        n.forwardBatch(new double[20], 4, new double[4], bws);
        assertThrows(IllegalStateException.class, () -> n.backwardBatch(new double[3], 0, 3, bws, new double[n.numParams()]));
    }
}
