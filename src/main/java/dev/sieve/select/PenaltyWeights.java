package dev.sieve.select;

import dev.sieve.descriptor.SymmetryFunction;
import dev.sieve.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The penalty weights of a path's fits, of three kinds: the group weights of a plain group-lasso fit (ones under the
 * penalty's D convention), the adaptive weights (from the group-lasso or the dense fit, with the correlation and cost
 * factors), and the weights of the triplet blocks (one per angular cutoff). They read the path's current state.
 */
final class PenaltyWeights {
    /** At most this many atoms per element enter the correlation matrix (every k-th beyond). */
    static final int CORRELATION_ROWS = 20000;

    private final PathConfig cfg;
    private final PathData pd;
    private final PathState st;
    /** The measured MD cost model that {@code --cost-weight} weights the adaptive penalty by (null: none). */
    private final CostModel.Params costParams;
    private final CostModel.Geometry costGeometry;
    /** Per element, the |Pearson r| matrix of all candidates on the training atoms (computed when first needed). */
    private double[][] candidateCorrelation;

    PenaltyWeights(PathConfig cfg, PathData pd, PathState st, CostModel.Params costParams,
                   CostModel.Geometry costGeometry) {
        this.cfg = cfg;
        this.pd = pd;
        this.st = st;
        this.costParams = costParams;
        this.costGeometry = costGeometry;
    }

    /** The group-lasso weights (a_g = 1, with the D convention's factor) of the inputs of {@code nets}. */
    double[][] unit(Network[] nets) {
        double[][] ones = new double[nets.length][];
        for (int e = 0; e < nets.length; e++) {
            ones[e] = group(e, GroupLasso.unitWeights(nets[e].numInputs()));
        }
        return ones;
    }

    /**
     * The group weights of element e under the penalty's D convention: the penalty is (lambda / D) sum a_g ||w_g||
     * with D the current input count; a fixed D0 (the candidate count, or 1 for no 1/D) is the same penalty with a_g
     * scaled by D / D0. Scales in place and returns {@code a}; unchanged for {@link PathConfig.PenaltyD#CURRENT}.
     */
    double[] group(int e, double[] a) {
        double f = cfg.penaltyD().weightFactor(a.length, pd.full().numFeatures(e));
        if (f != 1.0) {
            for (int g = 0; g < a.length; g++) {
                a[g] *= f;
            }
        }
        return a;
    }

    /** Adaptive weights of the current features from {@code from} (or from the dense fit), with cost and D factors. */
    double[][] adaptive(Network[] from) {
        int[][] cur = st.cur;
        double[][] a = new double[from.length][];
        for (int e = 0; e < from.length; e++) {
            if (cfg.adaptiveFromDense()) {
                a[e] = new double[cur[e].length];
                for (int i = 0; i < a[e].length; i++) {
                    double n = st.denseNorms[e][cur[e][i]];
                    a[e][i] = n == 0.0 ? Double.POSITIVE_INFINITY : 1.0 / Math.pow(n, cfg.gamma());
                }
            } else {
                a[e] = GroupLasso.adaptiveWeights(from[e], cfg.gamma());
            }
        }
        for (int e = 0; e < a.length; e++) {
            a[e] = costWeights(e, group(e, correlationWeights(e, from[e], a[e])));
        }
        return a;
    }

    /**
     * Correlation-aware adaptive weights: a_g x (1 + kappa m_g), m_g the largest |r| between g and a current function
     * whose column in {@code from} is stronger (see {@link PathConfig#correlationWeight()}).
     */
    private double[] correlationWeights(int e, Network from, double[] a) {
        double kappa = cfg.correlationWeight();
        if (kappa == 0) {
            return a;
        }
        int[][] cur = st.cur;
        if (candidateCorrelation == null) {
            candidateCorrelation = new double[cur.length][];
        }
        if (candidateCorrelation[e] == null) {
            candidateCorrelation[e] = Correlation.pearson(pd.full().featureRows(pd.trainIdx(), e, CORRELATION_ROWS),
                pd.full().numFeatures(e));
        }
        double[] norm = new double[cur[e].length];
        for (int g = 0; g < norm.length; g++) {
            norm[g] = from.groupNorm(g);
        }
        double[] f = correlationFactors(candidateCorrelation[e], pd.full().numFeatures(e), cur[e], norm, kappa);
        double[] out = a.clone();
        for (int g = 0; g < out.length; g++) {
            out[g] *= f[g];
        }
        return out;
    }

    /**
     * The factors 1 + kappa m_g: m_g = max |r(c_g, c_h)| over the current functions h whose column norm is larger
     * (ties: the lower index counts as stronger); 1 for a zero column.
     *
     * @param r    correlation matrix of all candidates, d x d row-major
     * @param c    the current functions (candidate indices)
     * @param norm their column norms
     */
    static double[] correlationFactors(double[] r, int d, int[] c, double[] norm, double kappa) {
        double[] f = new double[c.length];
        for (int g = 0; g < c.length; g++) {
            double m = 0;
            if (norm[g] > 0.0) {
                for (int h = 0; h < c.length; h++) {
                    if (h != g && (norm[h] > norm[g] || norm[h] == norm[g] && h < g)) {
                        m = Math.max(m, Math.abs(r[c[g] * d + c[h]]));
                    }
                }
            }
            f[g] = 1 + kappa * m;
        }
        return f;
    }

    /**
     * Multiplies the adaptive weights of element e by (c_g / mean c)^beta, c_g the marginal cost of the current
     * function g in the current set (its term plus its share of its cutoff's loop, so the last angular function of a
     * cutoff carries the whole triplet loop).
     */
    private double[] costWeights(int e, double[] a) {
        double beta = cfg.costWeight();
        if (beta == 0 || costParams == null) {
            return a;
        }
        // the live functions (with revivable groups, the zero groups are no part of the MD set: a_g = inf anyway)
        int[] live = new int[a.length];
        int nl = 0;
        for (int g = 0; g < a.length; g++) {
            if (a[g] != Double.POSITIVE_INFINITY) {
                live[nl++] = g;
            }
        }
        List<SymmetryFunction> current = new ArrayList<>();
        for (int q = 0; q < nl; q++) {
            current.add(pd.cand().forElement(pd.elements().get(e)).get(st.cur[e][live[q]]));
        }
        double[] c = CostModel.marginal(costParams, current, costGeometry);
        double mean = 0;
        for (double v : c) {
            mean += v / c.length;
        }
        for (int q = 0; q < nl; q++) {
            if (mean > 0 && c[q] > 0) {
                a[live[q]] *= Math.pow(c[q] / mean, beta);
            }
        }
        return a;
    }

    /** Per element, the columns of the current angular functions grouped by cutoff (one triplet loop each). */
    int[][][] tripletBlocks() {
        int[][] cur = st.cur;
        int[][][] out = new int[cur.length][][];
        for (int e = 0; e < cur.length; e++) {
            List<SymmetryFunction> fs = pd.cand().forElement(pd.elements().get(e));
            Map<Double, List<Integer>> byRc = new TreeMap<>();
            for (int i = 0; i < cur[e].length; i++) {
                SymmetryFunction f = fs.get(cur[e][i]);
                if (f.isAngular()) {
                    byRc.computeIfAbsent(f.rc(), k -> new ArrayList<>()).add(i);
                }
            }
            out[e] = byRc.values().stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        }
        return out;
    }

    /**
     * The blocks' weights: tripletWeight x (the loop's modelled cost / the mean marginal cost of the live functions)
     * with a cost model, else tripletWeight x sqrt(block size); adaptive: divided by the block's norm^gamma in the
     * current networks (the group-lasso fit); times the D convention's factor.
     */
    double[][] blocks(int[][][] blocks, boolean adaptive) {
        double[][] b = new double[blocks.length][];
        for (int e = 0; e < blocks.length; e++) {
            List<SymmetryFunction> fs = pd.cand().forElement(pd.elements().get(e));
            double meanCost = costParams == null ? Double.NaN : meanLiveCost(e, fs);
            int[] cur = st.cur[e];
            double f = cfg.penaltyD().weightFactor(cur.length, pd.full().numFeatures(e));
            b[e] = new double[blocks[e].length];
            for (int q = 0; q < blocks[e].length; q++) {
                int[] cols = blocks[e][q];
                double w = cfg.tripletWeight();
                if (costParams != null && meanCost > 0) {
                    double rc = fs.get(cur[cols[0]]).rc();
                    w *= costParams.angularLoop() * costGeometry.t(rc) / meanCost;
                } else {
                    w *= Math.sqrt(cols.length);
                }
                if (adaptive && cfg.gamma() > 0) {
                    double n = GroupLasso.blockNorm(st.nets[e], cols);
                    w = n == 0.0 ? Double.POSITIVE_INFINITY : w / Math.pow(n, cfg.gamma());
                }
                b[e][q] = w * f;
            }
        }
        return b;
    }

    /** The mean marginal cost of element e's live functions (its first current function if none is live). */
    private double meanLiveCost(int e, List<SymmetryFunction> fs) {
        int[] cur = st.cur[e];
        List<SymmetryFunction> live = new ArrayList<>();
        for (int i : GroupLasso.survivors(st.nets[e])) {
            live.add(fs.get(cur[i]));
        }
        double[] c = CostModel.marginal(costParams, live.isEmpty() ? List.of(fs.get(cur[0])) : live, costGeometry);
        return Arrays.stream(c).average().orElse(Double.NaN);
    }
}
