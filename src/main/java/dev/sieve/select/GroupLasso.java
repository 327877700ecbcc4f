package dev.sieve.select;

import dev.sieve.nn.Network;

/**
 * The (adaptive) group-lasso penalty on the first-layer weight columns of an element's network and its proximal
 * operator (DESIGN.md section 5).
 *
 * <p>Group g of an element with D inputs is the column g of its first-layer weight matrix (all weights from input g to
 * the first hidden layer, {@link Network#groupOffset(int)}). The penalty is {@code (lambda / D) sum_g a_g ||w_g||_2};
 * its proximal step with step size {@code lr} (the learning rate of the optimiser step just taken) is the group
 * soft-threshold
 * <pre>
 *   w_g  &lt;-  w_g * max(0, 1 - lr * lambda * a_g / (D * ||w_g||))
 * </pre>
 * so a group whose norm is at most {@code lr lambda a_g / D} becomes exactly zero and any other group keeps its
 * direction and loses exactly that much norm. {@code a_g = 1} is the group lasso; the adaptive weights are
 * {@code a_g = 1 / ||w_hat_g||^gamma}, and a group with {@code w_hat_g = 0} gets {@code a_g = +inf}: it is zero and
 * stays zero.
 */
final class GroupLasso {
    private GroupLasso() {}

    /** Group-lasso weights: all 1. */
    public static double[] unitWeights(int d) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }

    /**
     * Adaptive weights {@code 1 / ||w_hat_g||^gamma} from the groups of {@code hat} (+inf for a zero group).
     *
     * @param gamma exponent, &gt;= 0 (0: weight 1 for every non-zero group, the plain group lasso)
     */
    public static double[] adaptiveWeights(Network hat, double gamma) {
        double[] a = new double[hat.numInputs()];
        for (int g = 0; g < a.length; g++) {
            double n = hat.groupNorm(g);
            a[g] = n == 0.0 ? Double.POSITIVE_INFINITY : 1.0 / Math.pow(n, gamma);
        }
        return a;
    }

    /** The penalty {@code (lambda / D) sum_g a_g ||w_g||} (a zero group contributes 0, also with a_g = inf). */
    public static double penalty(Network net, double lambda, double[] a) {
        int d = net.numInputs();
        double s = 0.0;
        for (int g = 0; g < d; g++) {
            double n = net.groupNorm(g);
            if (n > 0.0) {
                s += a[g] * n;
            }
        }
        return lambda / d * s;
    }

    /**
     * Applies the proximal step to every group of {@code net}.
     *
     * @param lr     step size (learning rate of the preceding optimiser step)
     * @param lambda penalty strength
     * @param a      group weights (length D)
     * @return the number of groups that are zero afterwards
     */
    public static int prox(Network net, double lr, double lambda, double[] a) {
        return prox(net, lr, lambda, a, null, 0);
    }

    /**
     * The proximal step in the optimizer's metric: group g's threshold is {@code lr lambda a_g s_g / D} with s_g the
     * mean of the optimizer's step scales ({@link dev.sieve.train.optim.Optimizer#stepScale}) over the group's weights, so
     * with Adam a group survives when its loss gradient outweighs lambda a_g / D (the group lasso's optimality
     * condition), not when Adam's unit-size steps outweigh the plain threshold.
     *
     * @param opt the optimizer whose step scales set the metric; null: the plain step (scale 1)
     * @return the number of groups that are zero afterwards
     */
    public static int prox(Network net, double lr, double lambda, double[] a, dev.sieve.train.optim.Optimizer opt, int e) {
        int d = net.numInputs();
        double[] p = net.params();
        int n1 = net.groupSize();
        int zero = 0;
        for (int g = 0; g < d; g++) {
            int o = net.groupOffset(g);
            double s = 0.0;
            double sc = 0.0;
            for (int j = 0; j < n1; j++) {
                s += p[o + j] * p[o + j];
                sc += opt == null ? 1.0 : opt.stepScale(e, o + j);
            }
            double norm = Math.sqrt(s);
            double t = opt == null ? lr * lambda * a[g] / d : lr * lambda * a[g] * (sc / n1) / d;
            if (norm <= t || norm == 0.0) {
                java.util.Arrays.fill(p, o, o + n1, 0.0);
                zero++;
            } else if (t > 0.0) {
                double f = 1.0 - t / norm;
                for (int j = 0; j < n1; j++) {
                    p[o + j] *= f;
                }
            }
        }
        return zero;
    }

    /**
     * The smallest lambda at which a single proximal step of size {@code lr} would zero some group of {@code net}
     * ({@code min_g D ||w_g|| / (lr a_g)} over the non-zero groups); +inf if every group is zero.
     */
    public static double lambdaToZero(Network net, double lr, double[] a) {
        int d = net.numInputs();
        double best = Double.POSITIVE_INFINITY;
        for (int g = 0; g < d; g++) {
            double n = net.groupNorm(g);
            if (n > 0.0) {
                best = Math.min(best, d * n / (lr * a[g]));
            }
        }
        return best;
    }

    /** Indices of the non-zero groups, ascending. */
    public static int[] survivors(Network net) {
        int d = net.numInputs();
        int c = 0;
        int[] k = new int[d];
        for (int g = 0; g < d; g++) {
            if (net.groupNorm(g) > 0.0) {
                k[c++] = g;
            }
        }
        return java.util.Arrays.copyOf(k, c);
    }

    /**
     * A network with only the inputs {@code keep} (ascending): their first-layer groups in that order, every other
     * parameter copied.
     */
    public static Network keepInputs(Network net, int[] keep) {
        int[] sizes = net.sizes();
        int n1 = sizes[1];
        int first = net.biasOffset(1); // = D * n1
        double[] src = net.params();
        sizes[0] = keep.length;
        double[] p = new double[keep.length * n1 + src.length - first];
        for (int i = 0; i < keep.length; i++) {
            System.arraycopy(src, net.groupOffset(keep[i]), p, i * n1, n1);
        }
        System.arraycopy(src, first, p, keep.length * n1, src.length - first);
        dev.sieve.nn.Activation[] acts = new dev.sieve.nn.Activation[net.numLayers()];
        for (int l = 1; l <= acts.length; l++) {
            acts[l - 1] = net.activation(l);
        }
        return new Network(sizes, acts, net.normalizeNodes(), p);
    }

    /**
     * The block penalty {@code (lambda / D) sum_B b_B ||W_B||_F} over blocks of columns (the columns of a block
     * together: all angular functions that share one triplet loop). Zero blocks contribute 0.
     *
     * @param blocks per block, the column indices
     * @param b      per block, its weight
     */
    public static double blockPenalty(Network net, double lambda, int[][] blocks, double[] b) {
        int d = net.numInputs();
        double s = 0.0;
        for (int q = 0; q < blocks.length; q++) {
            double n = blockNorm(net, blocks[q]);
            if (n > 0.0) {
                s += b[q] * n;
            }
        }
        return lambda / d * s;
    }

    /** The Frobenius norm of the columns {@code cols} of the first layer. */
    public static double blockNorm(Network net, int[] cols) {
        double[] p = net.params();
        int n1 = net.groupSize();
        double s = 0.0;
        for (int g : cols) {
            int o = net.groupOffset(g);
            for (int j = 0; j < n1; j++) {
                s += p[o + j] * p[o + j];
            }
        }
        return Math.sqrt(s);
    }

    /**
     * The block soft-threshold, applied after the column prox ({@link #prox}): for nested groups (every column in at
     * most one block) this composition, leaves first, is the exact proximal operator of the sum of both penalties
     * (Jenatton et al., JMLR 2011). Threshold of block B: {@code lr lambda b_B s_B / D}, s_B the mean step scale of
     * its weights (1 with {@code opt} null).
     *
     * @return the number of blocks that are zero afterwards
     */
    public static int blockProx(Network net, double lr, double lambda, int[][] blocks, double[] b,
                                dev.sieve.train.optim.Optimizer opt, int e) {
        int d = net.numInputs();
        double[] p = net.params();
        int n1 = net.groupSize();
        int zero = 0;
        for (int q = 0; q < blocks.length; q++) {
            double s = 0.0;
            double sc = 0.0;
            for (int g : blocks[q]) {
                int o = net.groupOffset(g);
                for (int j = 0; j < n1; j++) {
                    s += p[o + j] * p[o + j];
                    sc += opt == null ? 1.0 : opt.stepScale(e, o + j);
                }
            }
            int m = blocks[q].length * n1;
            if (m == 0) {
                continue;
            }
            double norm = Math.sqrt(s);
            double t = lr * lambda * b[q] * (sc / m) / d;
            if (norm <= t || norm == 0.0) {
                for (int g : blocks[q]) {
                    int o = net.groupOffset(g);
                    java.util.Arrays.fill(p, o, o + n1, 0.0);
                }
                zero++;
            } else if (t > 0.0) {
                double f = 1.0 - t / norm;
                for (int g : blocks[q]) {
                    int o = net.groupOffset(g);
                    for (int j = 0; j < n1; j++) {
                        p[o + j] *= f;
                    }
                }
            }
        }
        return zero;
    }
}
