package dev.sieve.train.optim;

import dev.sieve.core.InputException;
import dev.sieve.core.Seeds;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Levenberg-Marquardt (Gauss-Newton with adaptive damping) over the residuals of the training loss: all energy
 * residuals (per-atom energy errors / sqrt(structures)) and a random set of force residuals (sqrt(beta / components)
 * x force errors, {@code forceFraction} of the force atoms' components, drawn anew each iteration), so that the sum of
 * squared residuals is the loss of {@link dev.sieve.train.LossEngine} on those rows. One epoch is one iteration:
 * A = J^T J and g = J^T r are accumulated in blocks of rows without storing J, then
 * (A + mu (diag A + d0)) delta = g is solved by Cholesky (EJML) and the step is taken if it lowers the sum of squares
 * on the same rows (mu / 3), else mu grows (x 2, then x 4, ...) for up to {@code trials} tries. No learning rate.
 *
 * <p>Cost per iteration: rows x n^2 for A (n weights in all), n^3 / 3 for each solve, and one pass over the rows per
 * trial. Memory: about 2 n^2 doubles. Deterministic (single-threaded linear algebra, rows in a fixed order).
 */
public final class LevenbergMarquardt implements Optimizer {
    public static final String NAME = "lm";
    private static final int BLOCK = 64;

    private final LmSettings ls;
    private final int n;
    private double mu;
    private long steps;
    private double lastLoss = Double.NaN;

    public LevenbergMarquardt(OptimizerSettings settings, int[] sizes) {
        this.ls = settings.lm();
        int total = 0;
        for (int s : sizes) {
            total += s;
        }
        this.n = total;
        this.mu = ls.mu0();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean wholeEpoch() {
        return true;
    }

    /** The rows of one iteration: energies of structures, and force components (structure, atom, component). */
    record Rows(int[] energies, int[] fk, int[] fj, int[] fc, double eWeight, double fWeight) {}

    /** A least-squares problem by rows: row i's residual (reference - prediction) and, if h is not null, dPred/dw. */
    interface Problem {
        int rows();

        double residual(int i, double[] h);
    }

    @Override
    public double step(Batch b) {
        JacobianRows jr = b.jacobians();
        Rows rows = rows(b, jr);
        Problem pb = problem(jr, rows);
        double[][] params = b.params();
        double[] w = flatten(params);
        double loss = iterate(pb, w, params);
        steps++;
        return loss;
    }

    /** One LM iteration on {@code pb} from the parameters w (= params flattened); returns the final sum of squares. */
    double iterate(Problem pb, double[] w, double[][] params) {
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        DMatrixRMaj g = new DMatrixRMaj(n, 1);
        double loss0 = accumulate(pb, a, g);
        double d0 = 0;
        for (int i = 0; i < n; i++) {
            d0 += a.get(i, i);
        }
        d0 = Math.max(1e-300, 1e-9 * d0 / n);
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        DMatrixRMaj delta = new DMatrixRMaj(n, 1);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        for (int t = 0; t < ls.trials(); t++) {
            m.setTo(a);
            for (int i = 0; i < n; i++) {
                m.set(i, i, a.get(i, i) + mu * (a.get(i, i) + d0));
            }
            if (!chol.setA(m)) {
                mu *= 2;
                continue;
            }
            chol.solve(g, delta);
            double[] trial = w.clone();
            for (int i = 0; i < n; i++) {
                trial[i] += delta.get(i);
            }
            unflatten(trial, params);
            double loss1 = sumOfSquares(pb);
            if (loss1 < loss0) {
                mu = Math.max(mu / 3, 1e-12);
                lastLoss = loss1;
                return loss1;
            }
            mu *= 2 << t; // 2, 4, 8, ... times larger
        }
        unflatten(w, params); // no trial lowered the loss: keep the weights
        lastLoss = loss0;
        return loss0;
    }

    private Rows rows(Batch b, JacobianRows jr) {
        int[] s = b.structures();
        double beta = b.forceWeight();
        long comps = 0;
        long[] cum = new long[s.length + 1];
        for (int i = 0; i < s.length; i++) {
            jr.load(s[i]);
            cum[i + 1] = cum[i] + (beta > 0 ? 3L * jr.forceAtoms() : 0);
        }
        comps = cum[s.length];
        int nf = (int) Math.min(comps, Math.round(ls.forceFraction() * comps));
        SplittableRandom r = Seeds.stream(b.seed(), Seeds.LM + b.epoch());
        long[] picks = new long[nf];
        for (int i = 0; i < nf; i++) {
            picks[i] = r.nextLong(comps);
        }
        Arrays.sort(picks); // rows grouped by structure: one forward pass per structure
        int[] fk = new int[nf];
        int[] fj = new int[nf];
        int[] fc = new int[nf];
        for (int i = 0, si = 0; i < nf; i++) {
            while (cum[si + 1] <= picks[i]) {
                si++;
            }
            int comp = (int) (picks[i] - cum[si]);
            fk[i] = s[si];
            fj[i] = comp / 3;
            fc[i] = comp % 3;
        }
        int[] es = s.clone();
        Arrays.sort(es);
        return new Rows(es, fk, fj, fc, 1.0 / Math.sqrt(es.length), nf == 0 ? 0 : Math.sqrt(beta / nf));
    }

    private static Problem problem(JacobianRows jr, Rows rows) {
        return new Problem() {
            int loaded = -1;

            @Override
            public int rows() {
                return rows.energies().length + rows.fk().length;
            }

            @Override
            public double residual(int i, double[] h) {
                int ne = rows.energies().length;
                int k = i < ne ? rows.energies()[i] : rows.fk()[i - ne];
                if (k != loaded || i == 0 || i == ne) {
                    jr.load(k);
                    loaded = k;
                }
                if (i < ne) {
                    double scale = rows.eWeight() * Math.sqrt(jr.weight(k)) / (jr.perAtomEnergy() ? jr.atoms(k) : 1);
                    double e = h == null ? jr.energy() : jr.energyRow(h);
                    if (h != null) {
                        for (int p = 0; p < h.length; p++) {
                            h[p] *= scale;
                        }
                    }
                    return (jr.target(k) - e) * scale;
                }
                int j = rows.fj()[i - ne];
                int c = rows.fc()[i - ne];
                double f = h == null ? jr.force(j, c) : jr.forceRow(j, c, h);
                double fw = rows.fWeight() * Math.sqrt(jr.weight(k));
                if (h != null) {
                    for (int p = 0; p < h.length; p++) {
                        h[p] *= fw;
                    }
                }
                return (jr.referenceForce(j, c) - f) * fw;
            }
        };
    }

    /** A += J^T J, g += J^T r over all rows (blocks of {@value #BLOCK}); returns the sum of squared residuals. */
    private double accumulate(Problem pb, DMatrixRMaj a, DMatrixRMaj g) {
        int m = pb.rows();
        DMatrixRMaj hb = new DMatrixRMaj(BLOCK, n);
        DMatrixRMaj rb = new DMatrixRMaj(BLOCK, 1);
        double[] h = new double[n];
        double ss = 0;
        for (int i0 = 0; i0 < m; i0 += BLOCK) {
            int bn = Math.min(BLOCK, m - i0);
            if (bn != hb.numRows) {
                hb.reshape(bn, n);
                rb.reshape(bn, 1);
            }
            for (int q = 0; q < bn; q++) {
                double r = pb.residual(i0 + q, h);
                if (!Double.isFinite(r)) {
                    throw new InputException("Levenberg-Marquardt: a residual of row " + (i0 + q) + " is " + r
                        + "; the networks diverged");
                }
                ss += r * r;
                System.arraycopy(h, 0, hb.data, q * n, n);
                rb.data[q] = r;
            }
            CommonOps_DDRM.multAddTransA(hb, hb, a);
            CommonOps_DDRM.multAddTransA(hb, rb, g);
        }
        return ss;
    }

    private static double sumOfSquares(Problem pb) {
        double ss = 0;
        for (int i = 0; i < pb.rows(); i++) {
            double r = pb.residual(i, null);
            ss += r * r;
        }
        return Double.isFinite(ss) ? ss : Double.POSITIVE_INFINITY;
    }

    private double[] flatten(double[][] params) {
        double[] w = new double[n];
        for (int e = 0, o = 0; e < params.length; e++) {
            System.arraycopy(params[e], 0, w, o, params[e].length);
            o += params[e].length;
        }
        return w;
    }

    private static void unflatten(double[] w, double[][] params) {
        for (int e = 0, o = 0; e < params.length; e++) {
            System.arraycopy(w, o, params[e], 0, params[e].length);
            o += params[e].length;
        }
    }

    /** The damping now. */
    double mu() {
        return mu;
    }

    @Override
    public OptimizerState state() {
        return new OptimizerState(NAME, steps, Map.of("mu", new double[][] {{mu}}));
    }

    @Override
    public void restore(OptimizerState s) {
        double[][] m = {new double[1]};
        s.copyInto("mu", m);
        mu = m[0][0];
        steps = s.steps();
    }
}
