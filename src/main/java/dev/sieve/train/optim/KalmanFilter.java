package dev.sieve.train.optim;

import dev.sieve.core.InputException;
import dev.sieve.core.Seeds;
import dev.sieve.math.PackedSymmetric;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The extended Kalman filter of n2p2 (Singraber et al., JCTC 15, 3075 (2019); n2p2's {@code KalmanFilter}, standard
 * type). Each observation y (a structure's total energy, or one force component of one atom) with residual
 * xi = y_ref - y and Jacobian row h = dy/dw updates
 * <pre>
 *   eta = min(etamax, eta exp(etatau)),  X = P h,  a = h.X + 1/eta,
 *   P = P - X X^T / a + q I,  w = w + X xi / a,  q = max(qmin, q exp(-qtau))
 * </pre>
 * with P(0) = I / epsilon, q(0) = q0, eta(0) = eta0, and qtau, etatau per update = the settings / updates per epoch.
 *
 * <p>An epoch is n2p2's: {@code energyFraction} x (training structures) energy updates and {@code forceFraction} x
 * (force components of all training atoms) force updates, in a random order; energy candidates are the structures in
 * the epoch's order, a force candidate is a random component of a random force atom (structures weighted by their
 * force atoms), taken when its error exceeds {@code forceThreshold} x the training force RMSE, else the largest of
 * {@code trials} candidates (n2p2 selection mode 2). Observations are in n2p2's atomic units (total energies in
 * Hartree, forces in Hartree/Bohr times {@code forceWeight}), so n2p2's settings carry over.
 *
 * <p>Cost per update: a forward pass of the structure (energy: one backward pass; force: an input gradient and one
 * second-order pass, about three energy evaluations) plus about 1.5 n^2 multiply-adds over the packed lower
 * triangle of P for the n weights of a filter (element-decoupled filters: the sum over elements). Memory: n(n+1)/2
 * doubles per filter. Deterministic: the
 * order and the candidates come from seed stream {@link Seeds#KALMAN}{@code + epoch}.
 */
public final class KalmanFilter implements Optimizer {
    public static final String NAME = "kalman";
    /** Hartree per eV (CODATA 2018), n2p2's energy unit of the published models. */
    public static final double HARTREE_PER_EV = dev.sieve.core.Units.HARTREE_PER_EV;
    /** Bohr per Ångström (CODATA 2018). */
    public static final double BOHR_PER_ANGSTROM = dev.sieve.core.Units.BOHR_PER_ANGSTROM;

    private final KalmanSettings ks;
    private final int[] sizes;
    /** Per filter: first parameter (in the concatenated row), size, covariance (packed lower triangle, row i at i(i+1)/2). */
    private final int[] fOff;
    private final int[] fLen;
    private final double[][] p;
    /** Per filter: X = P h of the last update, kept for its downdate until the next update's product. */
    private final double[][] x;
    /**
     * Per filter: 1/a and q of a downdate not yet applied to P (NaN: none). The downdate of one update is applied in
     * the same pass over P as the product of the next (each entry read and written once), bit-identical to applying
     * it at once; {@link #flush} applies it at the end of an epoch and before P is read.
     */
    private final double[] pendingC;
    private final double[] pendingQ;
    private final PackedSymmetric kernels = PackedSymmetric.get();
    private double[] row;
    private double[][] part;
    private dev.sieve.core.ChunkedExecutor exec;
    private double eta;
    private double q;
    private long steps;
    private long perEpoch;
    private double sumSqResidual;
    private long residuals;

    public KalmanFilter(OptimizerSettings settings, int[] sizes) {
        this.ks = settings.kalman();
        this.sizes = sizes.clone();
        int total = 0;
        for (int s : sizes) {
            total += s;
        }
        int nf = ks.perElement() ? sizes.length : 1;
        fOff = new int[nf];
        fLen = new int[nf];
        p = new double[nf][];
        for (int f = 0, o = 0; f < nf; f++) {
            fOff[f] = o;
            fLen[f] = ks.perElement() ? sizes[f] : total;
            o += fLen[f];
            long n = fLen[f];
            if (n * (n + 1) / 2 > Integer.MAX_VALUE - 8) {
                throw new InputException("the Kalman filter's covariance for " + n + " weights needs " + n * (n + 1) / 2
                    + " numbers, more than one array can hold; use the element strategy or a smaller network");
            }
            p[f] = new double[(int) (n * (n + 1) / 2)];
            for (long i = 0; i < n; i++) {
                p[f][(int) (i * (i + 1) / 2 + i)] = 1.0 / ks.epsilon();
            }
        }
        x = new double[nf][];
        pendingC = new double[nf];
        pendingQ = new double[nf];
        for (int f = 0; f < nf; f++) {
            x[f] = new double[fLen[f]];
        }
        Arrays.fill(pendingC, Double.NaN);
        eta = ks.eta0();
        q = ks.q0();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean wholeEpoch() {
        return true;
    }

    /** The covariance of filter f as a full row-major matrix (a copy). */
    double[] covariance(int f) {
        flush(false);
        int n = fLen[f];
        double[] full = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = p[f][i * (i + 1) / 2 + j];
                full[i * n + j] = v;
                full[j * n + i] = v;
            }
        }
        return full;
    }

    @Override
    public double step(Batch b) {
        exec = b.executor();
        JacobianRows jr = b.jacobians();
        if (row == null) {
            row = new double[jr.size()];
        }
        int[] structures = b.structures();
        long comps = 0;
        long[] cum = new long[structures.length + 1];
        for (int i = 0; i < structures.length; i++) {
            jr.load(structures[i]);
            cum[i + 1] = cum[i] + 3L * jr.forceAtoms();
            comps += 3L * jr.atoms(structures[i]);
        }
        int nE = (int) Math.round(ks.energyFraction() * structures.length);
        int nF = cum[structures.length] == 0 ? 0 : (int) Math.round(ks.forceFraction() * comps);
        perEpoch = nE + nF;
        SplittableRandom r = Seeds.stream(b.seed(), Seeds.KALMAN + b.epoch());
        int[] tasks = new int[nE + nF]; // >= 0: energy update of structures[task]; -1: a force update
        for (int i = 0; i < tasks.length; i++) {
            tasks[i] = i < nE ? i : -1;
        }
        Seeds.shuffle(tasks, r);
        double rmse = ks.maeScale() ? Math.sqrt(Math.PI / 2) * b.trainForceMae() : b.trainForceRmse();
        sumSqResidual = 0;
        residuals = 0;
        double[][] params = b.params();
        for (int t : tasks) {
            if (t >= 0) {
                energyUpdate(jr, structures[t], params);
            } else {
                forceUpdate(jr, structures, cum, r, rmse, params);
            }
        }
        flush(true);
        return residuals == 0 ? Double.NaN : sumSqResidual / residuals;
    }

    private void energyUpdate(JacobianRows jr, int k, double[][] params) {
        jr.load(k);
        double e = jr.energyRow(row);
        double u = HARTREE_PER_EV * Math.sqrt(jr.weight(k));
        double xi = (jr.target(k) - e) * u;
        checkFinite(xi, "energy", jr.origin(k));
        scale(row, u);
        update(params, xi, k, "energy");
    }

    private void forceUpdate(JacobianRows jr, int[] structures, long[] cum, SplittableRandom r, double rmse,
                             double[][] params) {
        int bestK = -1;
        int bestJ = 0;
        int bestC = 0;
        double bestErr = -1;
        for (int trial = 0; trial < ks.trials(); trial++) {
            long pick = r.nextLong(cum[cum.length - 1]);
            int i = Arrays.binarySearch(cum, pick);
            i = i >= 0 ? i : -i - 2;
            while (cum[i + 1] == cum[i]) {
                i++; // skip structures without force atoms (equal cumulative counts)
            }
            int k = structures[i];
            int comp = (int) (pick - cum[i]);
            jr.load(k);
            double err = Math.abs(jr.referenceForce(comp / 3, comp % 3) - jr.force(comp / 3, comp % 3));
            if (ks.forceCap() > 0 && err > ks.forceCap() * rmse) {
                continue; // an outlier of the data: not a candidate
            }
            if (err > bestErr) {
                bestErr = err;
                bestK = k;
                bestJ = comp / 3;
                bestC = comp % 3;
            }
            if (!(err <= ks.forceThreshold() * rmse)) {
                break; // above the threshold (or no RMSE known): take it
            }
        }
        if (bestK < 0) {
            return; // every candidate was an outlier: no update
        }
        jr.load(bestK);
        double f = jr.forceRow(bestJ, bestC, row);
        double w = ks.forceWeight() * HARTREE_PER_EV / BOHR_PER_ANGSTROM * Math.sqrt(jr.weight(bestK));
        double xi = (jr.referenceForce(bestJ, bestC) - f) * w;
        checkFinite(xi, "force", jr.origin(bestK));
        scale(row, w);
        update(params, xi, bestK, "force");
    }

    private static void scale(double[] a, double s) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= s;
        }
    }

    private void checkFinite(double xi, String what, String structure) {
        if (!Double.isFinite(xi)) {
            throw new InputException(structure + ": Kalman filter " + what + " residual is " + xi + " at update "
                + (steps + 1) + "; the networks diverged (a smaller kalman-etamax or a larger kalman-epsilon helps)");
        }
    }

    /** One scalar observation with residual xi and Jacobian row {@link #row} (n2p2's order of operations). */
    private void update(double[][] params, double xi, int k, String what) {
        sumSqResidual += xi * xi;
        residuals++;
        double etatau = ks.etatau() / perEpoch;
        if (eta < ks.etamax()) {
            eta *= Math.exp(etatau);
        }
        for (int f = 0; f < p.length; f++) {
            double share = share(f, k, what);
            if (share != 0) {
                updateFilter(f, params, xi * share, k, what);
            }
        }
        if (q > ks.qmin()) {
            q *= Math.exp(-ks.qtau() / perEpoch);
        }
        steps++;
    }

    /** The part of a residual assigned to filter f: all of it for a combined filter. */
    private double share(int f, int k, String what) {
        if (p.length == 1) {
            return 1.0;
        }
        // element-decoupled: the residual shared by the element's part of the Jacobian row (n2p2 shares energies
        // by atom counts; the row norm share is the same for one element and a stable choice for several)
        double part = 0;
        double all = 0;
        for (int g = 0; g < p.length; g++) {
            double s = 0;
            for (int i = fOff[g]; i < fOff[g] + fLen[g]; i++) {
                s += Math.abs(row[i]);
            }
            all += s;
            if (g == f) {
                part = s;
            }
        }
        return all == 0 ? 0 : part / all;
    }

    private void updateFilter(int f, double[][] params, double xi, int k, String what) {
        int n = fLen[f];
        int o = fOff[f];
        double[] pf = p[f];
        double[] xf = x[f];
        int chunks = chunks(n);
        // X = P h over the lower triangle (each entry read once), fused with the pending downdate of the previous
        // update; rows in chunks of equal area, each chunk into its own partial vector, summed in chunk order: the
        // same bits for the same thread count
        int[] bounds = bounds(n, chunks);
        double c = pendingC[f];
        double qq = pendingQ[f];
        if (chunks > 1) {
            exec.forEachTask(chunks, t -> product(pf, xf, c, qq, o, bounds[t], bounds[t + 1], part[t]));
        } else {
            product(pf, xf, c, qq, o, 0, n, part[0]);
        }
        pendingC[f] = Double.NaN;
        for (int t0 = 0; t0 < chunks; t0++) {
            // entry i gets contributions from its own chunk and the later ones (rows below it)
            for (int i = bounds[t0]; i < bounds[t0 + 1]; i++) {
                double v = part[t0][i];
                for (int t = t0 + 1; t < chunks; t++) {
                    v += part[t][i];
                }
                xf[i] = v;
            }
        }
        double a = 0;
        for (int i = 0; i < n; i++) {
            a += row[o + i] * xf[i];
        }
        if (!(a >= 0) || !Double.isFinite(a)) {
            throw new InputException("Kalman filter: the covariance lost positive definiteness (h.P.h = " + a
                + ") at update " + (steps + 1) + ", a " + what + " update of training structure " + k
                + "; try a larger kalman-epsilon or smaller kalman-etamax");
        }
        a += 1.0 / eta;
        double inva = 1.0 / a;
        pendingC[f] = inva;
        pendingQ[f] = q;
        double g = xi * inva;
        for (int e = 0, base = 0; e < params.length; e++) {
            double[] pe = params[e];
            for (int m = 0; m < pe.length; m++) {
                int cc = base + m - o;
                if (cc >= 0 && cc < n) {
                    pe[m] += xf[cc] * g;
                }
            }
            base += pe.length;
        }
    }

    /** Rows [from, to) of P h into out, after the pending downdate (c = 1/a, q) if c is not NaN. */
    private void product(double[] pf, double[] xf, double c, double qq, int o, int from, int to, double[] out) {
        if (Double.isNaN(c)) {
            kernels.multiply(pf, row, o, from, to, out);
        } else {
            kernels.downdateMultiply(pf, xf, c, qq, row, o, from, to, out);
        }
    }

    /**
     * Applies the pending downdates to P (end of an epoch, before P is read or saved), on the step's threads if
     * {@code parallel}; an element-wise operation, so the bits do not depend on the split.
     */
    private void flush(boolean parallel) {
        for (int f = 0; f < p.length; f++) {
            double c = pendingC[f];
            if (Double.isNaN(c)) {
                continue;
            }
            double[] pf = p[f];
            double[] xf = x[f];
            double qq = pendingQ[f];
            int n = fLen[f];
            int chunks = parallel ? chunks(n) : 1;
            int[] bounds = bounds(n, chunks);
            if (chunks > 1) {
                exec.forEachTask(chunks, t -> kernels.downdate(pf, xf, c, qq, bounds[t], bounds[t + 1]));
            } else {
                kernels.downdate(pf, xf, c, qq, 0, n);
            }
            pendingC[f] = Double.NaN;
        }
    }

    /**
     * One scalar observation with residual {@code xi} and Jacobian row {@code h} (concatenated over elements), for
     * tests; {@code updatesPerEpoch} scales qtau and etatau as in an epoch of that many updates.
     */
    void observe(double[][] params, double[] h, double xi, long updatesPerEpoch) {
        row = h.clone();
        perEpoch = updatesPerEpoch;
        update(params, xi, -1, "test");
    }

    /** For tests: the executor of the parallel covariance update. */
    void useExecutor(dev.sieve.core.ChunkedExecutor e) {
        exec = e;
    }

    double eta() {
        return eta;
    }

    double q() {
        return q;
    }

    private int chunks(int n) {
        if (exec == null || exec.threads() == 1 || n < 256) {
            return 1;
        }
        return Math.min(exec.threads(), n / 128);
    }

    /** Row boundaries splitting the lower triangle of n rows into {@code chunks} parts of about equal area. */
    private int[] bounds(int n, int chunks) {
        if (part == null || part.length < chunks || part[0].length < n) {
            part = new double[Math.max(chunks, 1)][n];
        }
        int[] b = new int[chunks + 1];
        for (int c = 1; c < chunks; c++) {
            b[c] = (int) Math.round(n * Math.sqrt((double) c / chunks));
        }
        b[chunks] = n;
        return b;
    }

    /** Mean squared residual (n2p2 units) of the last epoch's updates. */
    public double lastMeanSquaredResidual() {
        return residuals == 0 ? Double.NaN : sumSqResidual / residuals;
    }

    public long steps() {
        return steps;
    }

    @Override
    public OptimizerState state() {
        flush(false);
        Map<String, double[][]> m = new LinkedHashMap<>();
        m.put("P", p);
        m.put("eta_q", new double[][] {{eta, q}});
        return new OptimizerState(NAME, steps, m);
    }

    @Override
    public void restore(OptimizerState s) {
        Arrays.fill(pendingC, Double.NaN);
        s.copyInto("P", p);
        double[][] eq = new double[][] {new double[2]};
        s.copyInto("eta_q", eq);
        eta = eq[0][0];
        q = eq[0][1];
        steps = s.steps();
    }
}
