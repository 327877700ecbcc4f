package dev.sieve.train;

import dev.sieve.nn.BatchWorkspace;
import dev.sieve.core.ChunkedExecutor;
import dev.sieve.nn.Network;
import java.util.Arrays;

/**
 * Loss and gradient of the networks on sets of structures of a scaled {@link TrainingData}.
 *
 * <p>Loss of a set B of structures (no L2 here; see {@link Trainer}):
 * <pre>
 *   L = (1/|B|) sum_s ((E_s - T_s) / N_s)^2  +  beta (1/C) sum_{s, j, c} (F_sjc - Fref_sjc)^2
 * </pre>
 * with E_s = sum of the atomic network outputs, T_s the target (reference energy minus atom energies), the force sum
 * over the force atoms j of each structure and C the number of force components in B. Forces are
 * F_j = -sum_i dE_i/dx_i . dx_i/dr_j through the stored derivatives of the scaled inputs.
 *
 * <p>Gradient by the networks' batched kernels: {@code forwardBatch} and {@code backwardBatch} for the energy term;
 * for the force term {@code inputGradientBatch} gives dE_i/dx_i, hence the forces and the residuals
 * r_jc = dL/dF_jc, and with v_i = sum_{j,c} r_jc dx_i/dr_jc the force part of dL/dp is
 * -sum_i d(dE_i/dx_i . v_i)/dp, accumulated by {@code accumulateInputGradientDotParamGradientBatch} with c_i = -1.
 *
 * <p>Threads and determinism: a set of structures is cut into {@code min(threads, |B|)} contiguous chunks whose
 * boundaries depend only on |B| and the thread count; chunk c is processed by worker c into its own gradient and
 * sums, which are added in chunk order. Within a chunk, structures are taken in order in sub-batches of at most
 * {@link #SUB_ROWS} atom rows per element (at least one whole structure), gathered into contiguous per-element row
 * blocks; workspaces are allocated once, nothing per structure or per atom in the loop.
 */
public final class LossEngine implements AutoCloseable {
    /** Target number of atom rows per element in one forward/backward call (keeps the activations in cache). */
    public static final int SUB_ROWS = 512;

    /**
     * Sums over a set of structures.
     *
     * @param structures number of structures
     * @param sumSqE     sum over structures of the squared per-atom energy error, (eV/atom)^2
     * @param sumSqF     sum of squared force-component errors, (eV/Å)^2
     * @param forceComponents number of force components
     * @param loss       loss (energy + beta * force term), without L2; with a force clip, each force component's
     *                   squared error at most clip^2
     * @param clippedComponents      force components whose error exceeded the clip (0 without a clip)
     * @param maxForceError          largest |force-component error|, eV/Å (0 without forces)
     * @param maxForceErrorStructure the structure (data index) of that error, -1 if none
     * @param sumAbsF    sum of |force-component errors|, eV/Å
     */
    public record Sums(int structures, double sumSqE, double sumSqF, long forceComponents, double loss,
                       long clippedComponents, double maxForceError, int maxForceErrorStructure, double sumAbsF) {
        public Sums(int structures, double sumSqE, double sumSqF, long forceComponents, double loss) {
            this(structures, sumSqE, sumSqF, forceComponents, loss, 0, 0, -1, 0);
        }

        public double forceMae() {
            return forceComponents == 0 ? Double.NaN : sumAbsF / forceComponents;
        }

        public double energyRmseMevPerAtom() {
            return structures == 0 ? Double.NaN : 1e3 * Math.sqrt(sumSqE / structures);
        }

        public double forceRmse() {
            return forceComponents == 0 ? Double.NaN : Math.sqrt(sumSqF / forceComponents);
        }
    }

    private final TrainingData data;
    private final Network[] nets;
    private final double beta;
    private final int threads;
    private final ChunkedExecutor executor;
    private final Worker[] workers;
    private final int ne;

    /**
     * @param nets    one network per element of the data (the live parameters are read on every call)
     * @param beta    force weight (0: energies only, force data ignored)
     * @param threads worker threads
     */
    public LossEngine(TrainingData data, Network[] nets, double beta, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.data = data;
        this.nets = nets;
        this.beta = beta;
        this.threads = threads;
        this.ne = data.ne;
        this.executor = new ChunkedExecutor(threads, "sieve-train");
        this.workers = new Worker[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Worker();
        }
    }

    public int threads() {
        return threads;
    }

    /** Loss (without L2) of the structures {@code idx[from..to)}; writes dL/dp into {@code grad[e]} (overwritten). */
    public Sums lossAndGradient(int[] idx, int from, int to, double[][] grad) {
        return run(idx, from, to, grad);
    }

    /** Loss and errors of the structures {@code idx[from..to)} (no gradient). */
    public Sums evaluate(int[] idx, int from, int to) {
        return run(idx, from, to, null);
    }

    public Sums evaluate(int[] idx) {
        return run(idx, 0, idx.length, null, 0);
    }

    /**
     * Loss and errors of the structures {@code idx} with each force component's squared error in the loss clipped at
     * {@code clip^2} (eV/Å; 0: no clip). The error sums are not clipped.
     */
    public Sums evaluate(int[] idx, double clip) {
        return run(idx, 0, idx.length, null, clip);
    }

    private Sums run(int[] idx, int from, int to, double[][] grad) {
        return run(idx, from, to, grad, 0);
    }

    private Sums run(int[] idx, int from, int to, double[][] grad, double clip) {
        if (clip < 0 || grad != null && clip > 0) {
            throw new IllegalArgumentException("force clip must be >= 0 and only without a gradient, got " + clip);
        }
        int b = to - from;
        if (b <= 0) {
            return new Sums(0, 0, 0, 0, 0);
        }
        long comps = 0;
        if (beta > 0) {
            for (int q = from; q < to; q++) {
                comps += 3L * data.nForce[idx[q]];
            }
        }
        final long c = comps;
        int chunks = Math.min(threads, b);
        executor.forEachChunk(b, chunks,
            (t, a, z) -> workers[t].process(idx, from + a, from + z, b, c, grad != null, clip));
        long clipped = 0;
        double sumAbs = 0;
        double maxErr = 0;
        int maxAt = -1;
        double sumE = 0;
        double sumF = 0;
        double lossE = 0;
        double lossF = 0;
        for (int t = 0; t < chunks; t++) {
            sumE += workers[t].sumSqE;
            sumF += workers[t].sumSqF;
            lossE += workers[t].lossE;
            lossF += workers[t].lossF;
            clipped += workers[t].clipped;
            sumAbs += workers[t].sumAbsF;
            if (workers[t].maxErr > maxErr) {
                maxErr = workers[t].maxErr;
                maxAt = workers[t].maxAt;
            }
        }
        if (grad != null) {
            for (int e = 0; e < ne; e++) {
                double[] g = grad[e];
                System.arraycopy(workers[0].grad[e], 0, g, 0, g.length);
                for (int t = 1; t < chunks; t++) {
                    double[] gw = workers[t].grad[e];
                    for (int p = 0; p < g.length; p++) {
                        g[p] += gw[p];
                    }
                }
            }
        }
        double loss = lossE / b + (c > 0 ? beta * lossF / c : 0.0);
        return new Sums(b, sumE, sumF, c, loss, clipped, maxErr, maxAt, sumAbs);
    }

    /** Per-thread buffers. */
    private final class Worker {
        private final float[][] dHolder = new float[1][]; // on-the-fly derivative blocks of one structure
        final BatchWorkspace[] ws = new BatchWorkspace[ne];
        final double[][] xb = new double[ne][];
        final double[][] eb = new double[ne][];
        final double[][] dl = new double[ne][];
        final double[][] dEdx;
        final double[][] v;
        final double[][] grad = new double[ne][];
        final int[] cap = new int[ne];
        final int[] rows = new int[ne];
        double[] negOnes;
        int[] sub = new int[16];
        int[][] rowBase = new int[16][];
        double sumSqE;
        double sumSqF;
        /** The loss sums: weighted by the structures' weights; the energy term per atom or total. */
        double lossE;
        double lossF;
        /** Force clip of the current call: its square (0: none), components beyond it, the largest error and where. */
        double clip2;
        long clipped;
        double sumAbsF;
        double maxErr;
        int maxAt;

        Worker() {
            boolean forces = beta > 0 && data.hasForceData;
            dEdx = forces ? new double[ne][] : null;
            v = forces ? new double[ne][] : null;
            int maxCap = 0;
            for (int e = 0; e < ne; e++) {
                int mx = 0;
                for (int k = 0; k < data.size; k++) {
                    mx = Math.max(mx, data.counts[k][e]);
                }
                cap[e] = Math.max(SUB_ROWS, mx);
                maxCap = Math.max(maxCap, cap[e]);
                ws[e] = nets[e].newBatchWorkspace(cap[e]);
                xb[e] = new double[cap[e] * data.nf[e]];
                eb[e] = new double[cap[e]];
                dl[e] = new double[cap[e]];
                grad[e] = new double[nets[e].numParams()];
                if (forces) {
                    dEdx[e] = new double[cap[e] * data.nf[e]];
                    v[e] = new double[cap[e] * data.nf[e]];
                }
            }
            negOnes = new double[maxCap];
            Arrays.fill(negOnes, -1.0);
            for (int q = 0; q < rowBase.length; q++) {
                rowBase[q] = new int[ne];
            }
        }

        void process(int[] idx, int from, int to, int batch, long comps, boolean withGrad, double clip) {
            clip2 = clip * clip;
            clipped = 0;
            sumAbsF = 0;
            maxErr = 0;
            maxAt = -1;
            sumSqE = 0;
            sumSqF = 0;
            lossE = 0;
            lossF = 0;
            if (withGrad) {
                for (int e = 0; e < ne; e++) {
                    Arrays.fill(grad[e], 0.0);
                }
            }
            int q = from;
            while (q < to) {
                Arrays.fill(rows, 0);
                int k = 0;
                while (q < to) {
                    int s = idx[q];
                    if (k > 0) {
                        boolean fits = true;
                        for (int e = 0; e < ne; e++) {
                            if (rows[e] + data.counts[s][e] > cap[e]) {
                                fits = false;
                                break;
                            }
                        }
                        if (!fits) {
                            break;
                        }
                    }
                    if (k == sub.length) {
                        sub = Arrays.copyOf(sub, 2 * k);
                        rowBase = Arrays.copyOf(rowBase, 2 * k);
                        for (int r = k; r < rowBase.length; r++) {
                            rowBase[r] = new int[ne];
                        }
                    }
                    sub[k] = s;
                    for (int e = 0; e < ne; e++) {
                        int n = data.counts[s][e];
                        int nfe = data.nf[e];
                        rowBase[k][e] = rows[e];
                        System.arraycopy(data.x[s], data.xOff[s][e], xb[e], rows[e] * nfe, n * nfe);
                        rows[e] += n;
                    }
                    k++;
                    q++;
                }
                subBatch(k, batch, comps, withGrad);
            }
        }

        /** Energy term of the k structures of a sub-batch, then (when trained) the force term. */
        private void subBatch(int k, int batch, long comps, boolean withGrad) {
            energyTerm(k, batch, withGrad);
            if (dEdx == null || comps == 0) {
                return;
            }
            forceTerm(k, comps, withGrad);
        }

        private void energyTerm(int k, int batch, boolean withGrad) {
            for (int e = 0; e < ne; e++) {
                if (rows[e] > 0) {
                    nets[e].forwardBatch(xb[e], 0, data.nf[e], rows[e], eb[e], 0, ws[e]);
                }
            }
            for (int q = 0; q < k; q++) {
                int s = sub[q];
                double en = 0;
                for (int e = 0; e < ne; e++) {
                    int r0 = rowBase[q][e];
                    int r1 = r0 + data.counts[s][e];
                    for (int r = r0; r < r1; r++) {
                        en += eb[e][r];
                    }
                }
                double n = data.atoms[s];
                double err = (en - data.target[s]) / n;
                sumSqE += err * err;
                double w = data.weight[s];
                double le = data.perAtomEnergy ? err : en - data.target[s];
                lossE += w * le * le;
                if (withGrad) {
                    double g = data.perAtomEnergy ? 2.0 * w * err / (n * batch) : 2.0 * w * le / batch;
                    for (int e = 0; e < ne; e++) {
                        int r0 = rowBase[q][e];
                        Arrays.fill(dl[e], r0, r0 + data.counts[s][e], g);
                    }
                }
            }
            if (withGrad) {
                for (int e = 0; e < ne; e++) {
                    if (rows[e] > 0) {
                        nets[e].backwardBatch(dl[e], 0, rows[e], ws[e], grad[e]);
                    }
                }
            }
        }

        /** Force errors of the force atoms, and (withGrad) their parameter gradient through dE/dG. */
        private void forceTerm(int k, long comps, boolean withGrad) {
            for (int e = 0; e < ne; e++) {
                if (rows[e] > 0) {
                    nets[e].inputGradientBatch(rows[e], ws[e], dEdx[e], 0, data.nf[e]);
                    if (withGrad) {
                        Arrays.fill(v[e], 0, rows[e] * data.nf[e], 0.0);
                    }
                }
            }
            double rScale = 2.0 * beta / comps;
            for (int q = 0; q < k; q++) {
                forceRows(q, rScale, withGrad);
            }
            if (withGrad) {
                for (int e = 0; e < ne; e++) {
                    if (rows[e] > 0) {
                        nets[e].accumulateInputGradientDotParamGradientBatch(v[e], 0, data.nf[e], negOnes, 0, rows[e],
                            ws[e], grad[e], null, 0);
                    }
                }
            }
        }

        /** The force rows of structure q of the sub-batch. */
        private void forceRows(int q, double rScale, boolean withGrad) {
            int s = sub[q];
            int m = data.nForce[s];
            int[] ps = data.pairStart[s];
            int[] pe = data.pairElem[s];
            int[] pr = data.pairRow[s];
            int[] po = data.pairDOff[s];
            float[] d = data.derivatives(s, dHolder);
            double[] fr = data.fRef[s];
            int[] rb = rowBase[q];
            double w = data.weight[s];
            double rs = rScale * w;
            for (int j = 0; j < m; j++) {
                double fx = 0;
                double fy = 0;
                double fz = 0;
                for (int p = ps[j]; p < ps[j + 1]; p++) {
                    int e = pe[p];
                    int nfe = data.nf[e];
                    double[] gx = dEdx[e];
                    int xo = (rb[e] + pr[p]) * nfe;
                    int o = po[p];
                    int oy = o + nfe;
                    int oz = o + 2 * nfe;
                    for (int kk = 0; kk < nfe; kk++) {
                        double gk = gx[xo + kk];
                        fx += gk * d[o + kk];
                        fy += gk * d[oy + kk];
                        fz += gk * d[oz + kk];
                    }
                }
                double dx = -fx - fr[3 * j];
                double dy = -fy - fr[3 * j + 1];
                double dz = -fz - fr[3 * j + 2];
                double dx2 = dx * dx;
                double dy2 = dy * dy;
                double dz2 = dz * dz;
                double d2 = dx2 + dy2 + dz2;
                sumSqF += d2;
                sumAbsF += Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                double m2 = Math.max(dx2, Math.max(dy2, dz2));
                if (m2 > maxErr * maxErr) {
                    maxErr = Math.sqrt(m2);
                    maxAt = s;
                }
                if (clip2 > 0 && m2 > clip2) {
                    clipped += (dx2 > clip2 ? 1 : 0) + (dy2 > clip2 ? 1 : 0) + (dz2 > clip2 ? 1 : 0);
                    d2 = Math.min(dx2, clip2) + Math.min(dy2, clip2) + Math.min(dz2, clip2);
                }
                lossF += w * d2;
                if (!withGrad) {
                    continue;
                }
                double rx = rs * dx;
                double ry = rs * dy;
                double rz = rs * dz;
                for (int p = ps[j]; p < ps[j + 1]; p++) {
                    int e = pe[p];
                    int nfe = data.nf[e];
                    double[] vv = v[e];
                    int xo = (rb[e] + pr[p]) * nfe;
                    int o = po[p];
                    int oy = o + nfe;
                    int oz = o + 2 * nfe;
                    for (int kk = 0; kk < nfe; kk++) {
                        vv[xo + kk] += rx * d[o + kk] + ry * d[oy + kk] + rz * d[oz + kk];
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        executor.close();
    }
}
