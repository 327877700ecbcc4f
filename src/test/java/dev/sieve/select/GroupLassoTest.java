package dev.sieve.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sieve.nn.Activation;
import dev.sieve.nn.Network;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupLassoTest {

    private static Network net(int d, int n1, long seed) {
        Network n = Network.of(d, new int[] {n1}, List.of(Activation.TANH, Activation.IDENTITY), false);
        n.initialize(new SplittableRandom(seed));
        return n;
    }

    @Test
    void groupBelowThresholdBecomesExactlyZero() {
        Network n = net(4, 5, 1);
        n.scaleGroup(2, 1e-3 / n.groupNorm(2)); // norm 1e-3
        double lr = 0.01;
        double lambda = 0.5; // threshold lr*lambda*a/D = 0.01*0.5*1/4 = 1.25e-3 > 1e-3
        double[] before = n.params().clone();
        int zero = GroupLasso.prox(n, lr, lambda, GroupLasso.unitWeights(4));
        assertThat(zero).isEqualTo(1);
        for (int j = 0; j < 5; j++) {
            assertThat(n.params()[n.groupOffset(2) + j]).isEqualTo(0.0);
        }
        // biases and second layer untouched
        for (int k = n.biasOffset(1); k < before.length; k++) {
            assertThat(n.params()[k]).isEqualTo(before[k]);
        }
    }

    @Test
    void groupAboveThresholdShrinksByExactlyTheThresholdKeepingItsDirection() {
        Network n = net(6, 8, 2);
        double[] a = {1, 2, 0.5, 3, 1, 1};
        double lr = 0.02;
        double lambda = 1.5;
        double[] norms = new double[6];
        double[][] dirs = new double[6][8];
        for (int g = 0; g < 6; g++) {
            norms[g] = n.groupNorm(g);
            n.copyGroup(g, dirs[g]);
        }
        GroupLasso.prox(n, lr, lambda, a);
        for (int g = 0; g < 6; g++) {
            double t = lr * lambda * a[g] / 6;
            assertThat(norms[g]).isGreaterThan(t);
            assertThat(n.groupNorm(g)).isCloseTo(norms[g] - t, within(1e-14));
            double[] now = new double[8];
            n.copyGroup(g, now);
            for (int j = 0; j < 8; j++) {
                assertThat(now[j]).isCloseTo(dirs[g][j] * (norms[g] - t) / norms[g], within(1e-15));
            }
        }
    }

    @Test
    void adaptiveWeightsAndZeroGroupsStayZero() {
        Network n = net(3, 4, 3);
        n.scaleGroup(1, 0.0);
        double[] a = GroupLasso.adaptiveWeights(n, 1.0);
        assertThat(a[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(a[0]).isCloseTo(1 / n.groupNorm(0), within(1e-15));
        assertThat(GroupLasso.adaptiveWeights(n, 2.0)[2]).isCloseTo(1 / Math.pow(n.groupNorm(2), 2), within(1e-12));
        // prox with an infinite weight keeps the zero group at zero (no NaN) and the penalty ignores it
        GroupLasso.prox(n, 0.01, 0.1, a);
        assertThat(n.groupNorm(1)).isEqualTo(0.0);
        assertThat(GroupLasso.penalty(n, 0.1, a)).isFinite();
        assertThat(GroupLasso.survivors(n)).containsExactly(0, 2);
    }

    @Test
    void penaltyAndLambdaToZero() {
        Network n = net(5, 3, 4);
        double[] a = {1, 1, 2, 1, 1};
        double s = 0;
        double lz = Double.POSITIVE_INFINITY;
        for (int g = 0; g < 5; g++) {
            s += a[g] * n.groupNorm(g);
            lz = Math.min(lz, 5 * n.groupNorm(g) / (0.01 * a[g]));
        }
        assertThat(GroupLasso.penalty(n, 0.3, a)).isCloseTo(0.3 / 5 * s, within(1e-15));
        double l = GroupLasso.lambdaToZero(n, 0.01, a);
        assertThat(l).isCloseTo(lz, within(1e-12 * lz));
        // just above lambda_zero one step zeroes a group; just below it none
        Network m = n.copy();
        assertThat(GroupLasso.prox(m, 0.01, l * (1 - 1e-9), a)).isZero();
        m = n.copy();
        assertThat(GroupLasso.prox(m, 0.01, l * (1 + 1e-9), a)).isEqualTo(1);
    }

    @Test
    void keepInputsDropsColumnsAndKeepsTheFunction() {
        Network n = Network.of(5, new int[] {4, 3}, List.of(Activation.TANH, Activation.TANH, Activation.IDENTITY),
            false);
        n.initialize(new SplittableRandom(5));
        n.scaleGroup(1, 0.0);
        n.scaleGroup(3, 0.0);
        Network k = GroupLasso.keepInputs(n, new int[] {0, 2, 4});
        assertThat(k.numInputs()).isEqualTo(3);
        double[] x = {0.3, -0.7, 0.1, 0.9, -0.2};
        double[] xs = {0.3, 0.1, -0.2};
        assertThat(k.energy(xs, k.newWorkspace())).isEqualTo(n.energy(x, n.newWorkspace()));
    }

    /**
     * Proximal gradient with the prox on a convex multi-task least-squares problem with grouped rows, whose
     * group-lasso solution is known in closed form for an orthogonal design (X^T X / m = I):
     * W_g = Z_g max(0, 1 - lambda a_g / (D ||Z_g||)), Z = X^T Y / m. A warm-started path over several lambdas (group
     * lasso, then adaptive weights from it) must match the closed form at every point.
     */
    @Test
    void proximalGradientPathMatchesTheClosedFormOnAnOrthogonalDesign() {
        int d = 6;
        int n1 = 3;
        int m = 8;
        // X: m x d with orthonormal columns scaled so that X^T X / m = I (Hadamard-like +-1 columns)
        double[][] x = new double[m][d];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x[i][j] = Integer.bitCount(i & (j + 1)) % 2 == 0 ? 1 : -1;
            }
        }
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += x[i][j] * x[i][k];
                }
                assertThat(s / m).isEqualTo(j == k ? 1.0 : 0.0);
            }
        }
        // targets from group weights of very different sizes plus noise
        double[] scale = {2.0, 0.05, 1.0, 0.3, 0.0, 0.6};
        SplittableRandom r = new SplittableRandom(9);
        double[][] y = new double[m][n1];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < n1; c++) {
                double v = 0.05 * (r.nextDouble() - 0.5);
                for (int j = 0; j < d; j++) {
                    v += x[i][j] * scale[j] * (c + 1) / 2.0;
                }
                y[i][c] = v;
            }
        }
        double[][] z = new double[d][n1];
        for (int j = 0; j < d; j++) {
            for (int c = 0; c < n1; c++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += x[i][j] * y[i][c];
                }
                z[j][c] = s / m;
            }
        }
        // the weights live in a Network's first layer (group g = row g of W), exactly as in the trainer
        Network net = Network.of(d, new int[] {n1}, List.of(Activation.IDENTITY, Activation.IDENTITY), false);
        double[] p = net.params();
        double lr = 0.05;
        double[] lambdas = {0.05, 0.2, 0.8, 2.0, 6.0};
        for (double lambda : lambdas) {
            for (int phase = 0; phase < 2; phase++) {
                double[] a = phase == 0 ? GroupLasso.unitWeights(d) : GroupLasso.adaptiveWeights(net, 1.0);
                for (int it = 0; it < 4000; it++) {
                    // gradient of (1/2m) ||Y - X W||^2 = X^T X W / m - Z = W - Z
                    for (int g = 0; g < d; g++) {
                        for (int c = 0; c < n1; c++) {
                            int k = net.groupOffset(g) + c;
                            p[k] -= lr * (p[k] - z[g][c]);
                        }
                    }
                    GroupLasso.prox(net, lr, lambda, a);
                }
                for (int g = 0; g < d; g++) {
                    double zn = 0;
                    for (int c = 0; c < n1; c++) {
                        zn += z[g][c] * z[g][c];
                    }
                    zn = Math.sqrt(zn);
                    double f = Double.isInfinite(a[g]) ? 0 : Math.max(0, 1 - lambda * a[g] / (d * zn));
                    for (int c = 0; c < n1; c++) {
                        assertThat(p[net.groupOffset(g) + c]).as("lambda %s phase %s group %s", lambda, phase, g)
                            .isCloseTo(z[g][c] * f, within(1e-10));
                    }
                    if (f == 0) {
                        assertThat(net.groupNorm(g)).isEqualTo(0.0);
                    }
                }
            }
        }
        // at the largest lambda everything but the strongest groups is gone, and the path was monotone
        assertThat(GroupLasso.survivors(net).length).isLessThan(d);
    }

    @Test
    void thePenaltyDConventionsScaleTheGroupWeightsToLambdaOverTheirD() {
        Network n = net(6, 4, 3);
        double sum = 0;
        for (int g = 0; g < 6; g++) {
            sum += n.groupNorm(g);
        }
        double lambda = 0.37;
        int candidates = 22;
        for (PathConfig.PenaltyD d : PathConfig.PenaltyD.values()) {
            double[] a = GroupLasso.unitWeights(6);
            double f = d.weightFactor(6, candidates);
            for (int g = 0; g < 6; g++) {
                a[g] *= f;
            }
            double d0 = switch (d) {
                case CURRENT -> 6;
                case CANDIDATES -> candidates;
                case NONE -> 1;
            };
            assertThat(GroupLasso.penalty(n, lambda, a)).as(d.name()).isCloseTo(lambda / d0 * sum, within(1e-12));
        }
        assertThat(PathConfig.PenaltyD.parse("fixed")).isEqualTo(PathConfig.PenaltyD.CANDIDATES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PathConfig.PenaltyD.parse("half"))
            .hasMessageContaining("penalty-d");
    }

    /** F(x) = 1/2 ||x - v||^2 + t (sum_g a_g ||x_g|| + sum_B b_B ||x_B||) over the first-layer weights. */
    private static double proxObjective(double[] x, double[] v, Network n, double t, double[] a, int[][] blocks,
                                        double[] b) {
        int d = n.numInputs();
        int n1 = n.groupSize();
        double f = 0;
        for (int k = 0; k < d * n1; k++) {
            f += 0.5 * (x[k] - v[k]) * (x[k] - v[k]);
        }
        for (int g = 0; g < d; g++) {
            double s = 0;
            for (int j = 0; j < n1; j++) {
                s += x[n.groupOffset(g) + j] * x[n.groupOffset(g) + j];
            }
            f += t * a[g] * Math.sqrt(s);
        }
        for (int q = 0; q < blocks.length; q++) {
            double s = 0;
            for (int g : blocks[q]) {
                for (int j = 0; j < n1; j++) {
                    s += x[n.groupOffset(g) + j] * x[n.groupOffset(g) + j];
                }
            }
            f += t * b[q] * Math.sqrt(s);
        }
        return f;
    }

    /**
     * Column prox then block prox is the proximal operator of the sum (nested groups): its result minimises F, so no
     * random perturbation lowers F; with a heavy block weight the whole block becomes exactly zero.
     */
    @Test
    void columnThenBlockProxMinimisesTheSparseGroupObjective() {
        for (double bw : new double[] {0.8, 40.0}) {
            Network n = net(5, 3, 7);
            double[] v = n.params().clone();
            double[] a = {1, 2, 1, 0.5, 1};
            int[][] blocks = {{1, 3, 4}};
            double[] b = {bw};
            double lr = 0.1;
            double lambda = 2.0;
            double t = lr * lambda / 5;
            GroupLasso.prox(n, lr, lambda, a);
            int zero = GroupLasso.blockProx(n, lr, lambda, blocks, b, null, 0);
            double[] x = n.params().clone();
            double f0 = proxObjective(x, v, n, t, a, blocks, b);
            SplittableRandom r = new SplittableRandom(3);
            for (int trial = 0; trial < 2000; trial++) {
                double[] y = x.clone();
                for (int k = 0; k < 15; k++) {
                    y[k] += 1e-4 * (r.nextDouble() - 0.5);
                }
                assertThat(proxObjective(y, v, n, t, a, blocks, b)).isGreaterThanOrEqualTo(f0 - 1e-15);
            }
            if (bw > 10) {
                assertThat(zero).isEqualTo(1);
                assertThat(GroupLasso.blockNorm(n, blocks[0])).isZero();
                assertThat(GroupLasso.blockPenalty(n, lambda, blocks, b)).isZero();
            } else {
                assertThat(zero).isZero();
                assertThat(GroupLasso.blockPenalty(n, lambda, blocks, b))
                    .isCloseTo(lambda / 5 * bw * GroupLasso.blockNorm(n, blocks[0]), within(1e-15));
            }
        }
    }
}
