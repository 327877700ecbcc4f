package dev.sieve.descriptor;

import static dev.sieve.descriptor.KernelSums.addSlotForces;
import static dev.sieve.descriptor.KernelSums.dot;

import dev.sieve.descriptor.DescriptorCalculator.Workspace;
import dev.sieve.math.BulkExp;

/**
 * The radial kernels of {@link DescriptorCalculator}: per {@link RadialGroup} (one neighbour element and cutoff), the
 * values and derivatives of its functions, and the value and force passes of the fused force kernel. The
 * exponentials of shifted families come from the recurrence steps the plan chose ({@link RadialGroup#planSteps}).
 */
final class RadialKernels {
    private static final BulkExp MATH = BulkExp.get();
    private static final dev.sieve.math.RadialSums RADIAL = dev.sieve.math.RadialSums.get();

    private RadialKernels() {}

    /** Gathers a radial group's neighbours into ws.tr/tf/tdf/ts; returns their count. */
    private static int gatherRadial(RadialGroup g, int m, int stride, Workspace ws) {
        double[] r = ws.r;
        int[] el = ws.el;
        int coff = g.cutoff * stride;
        int T = 0;
        double[] tr = ws.tr, tf = ws.tf, tdf = ws.tdf, fc = ws.fc, dfc = ws.dfc;
        int[] ts = ws.ts;
        for (int s = 0; s < m; s++) {
            tr[T] = r[s];
            tf[T] = fc[coff + s];
            tdf[T] = dfc[coff + s];
            ts[T] = s;
            T += el[s] == g.e1 && r[s] < g.rc ? 1 : 0;
        }
        return T;
    }

    /**
     * The fused force kernel's value pass of a group: adds its functions to {@code G} and keeps their exponentials in
     * ws.rex from {@code rbase} on; returns where the next group's exponentials start.
     */
    static int radialValuesCached(RadialGroup g, int m, int stride, double[] G, Workspace ws, int rbase) {
        int T = gatherRadial(g, m, stride, ws);
        double[] tr = ws.tr, tf = ws.tf, rex = ws.rex;
        int cnt = g.eta.length;
        stepFactors(g, tr, T, ws);
        for (int q = 0; q < cnt; q++) {
            int off = rbase + q * T;
            radialExps(g, q, tr, T, ws.ex, ws);
            System.arraycopy(ws.ex, 0, rex, off, T);
            G[g.out[q]] += dot(ws.ex, tf, T);
        }
        return rbase + cnt * T;
    }

    /** The force pass of a group over the exponentials {@link #radialValuesCached} kept; returns the next rbase. */
    static int radialForces(RadialGroup g, int i, int m, int stride, double[] dEdG, Workspace ws, int rbase,
                            int[] idx, double[] forces, double[] virial, boolean skipSelf) {
        int T = gatherRadial(g, m, stride, ws);
        int cnt = g.eta.length;
        // dE/dr per neighbour: the functions' terms over the cached exponentials, summed in function order
        if (ws.wr.length < cnt) {
            ws.wr = new double[cnt];
        }
        double[] cs = ws.arg, wr = ws.wr;
        for (int q = 0; q < cnt; q++) {
            wr[q] = dEdG[g.out[q]];
        }
        RADIAL.forceFactors(T, cnt, wr, g.eta2, g.rs, ws.rex, rbase, ws.tr, ws.tf, ws.tdf, cs);
        double[] gx = ws.gsx, gy = ws.gsy, gz = ws.gsz;
        for (int t = 0; t < T; t++) {
            double c = cs[t];
            int s = ws.ts[t];
            gx[t] = c * ws.ux[s]; // dE_i/dr_j
            gy[t] = c * ws.uy[s];
            gz[t] = c * ws.uz[s];
        }
        addSlotForces(i, ws.ts, T, idx, forces, virial, skipSelf, ws);
        return rbase + cnt * T;
    }

    /** Adds the group's functions to {@code G} (and their derivatives to {@code dG} unless null). */
    static void radial(RadialGroup g, int m, int stride, double[] G, double[] dG, int n, Workspace ws) {
        double[] r = ws.r;
        int[] el = ws.el;
        double[] fc = ws.fc, dfc = ws.dfc;
        int coff = g.cutoff * stride;
        double rc = g.rc;
        int e1 = g.e1;
        // gather the neighbours of this group into compact arrays
        double[] tr = ws.tr, tf = ws.tf, tdf = ws.tdf, ex = ws.ex;
        int[] ts = ws.ts;
        int T = 0;
        for (int s = 0; s < m; s++) {
            if (el[s] == e1 && r[s] < rc) {
                tr[T] = r[s];
                tf[T] = fc[coff + s];
                tdf[T] = dfc[coff + s];
                ts[T] = s;
                T++;
            }
        }
        if (T == 0) {
            return;
        }
        double[] eta = g.eta, rs = g.rs;
        int[] out = g.out;
        int cnt = eta.length;
        double[] ux = ws.ux, uy = ws.uy, uz = ws.uz;
        int n3 = n * 3;
        stepFactors(g, tr, T, ws);
        for (int q = 0; q < cnt; q++) {
            double et = eta[q], rsh = rs[q];
            radialExps(g, q, tr, T, ex, ws);
            int k = out[q];
            G[k] += dot(ex, tf, T); // the order of radialValuesCached: the same bits
            if (dG != null) {
                double et2 = 2.0 * et;
                for (int t = 0; t < T; t++) {
                    double gp = ex[t] * (tdf[t] - et2 * (tr[t] - rsh) * tf[t]);
                    int s = ts[t];
                    int o = s * n3 + 3 * k;
                    dG[o] += gp * ux[s];
                    dG[o + 1] += gp * uy[s];
                    dG[o + 2] += gp * uz[s];
                }
            }
        }
    }

    /**
     * The exponentials exp(-eta_q (r_t - rs_q)^2) of function q of a radial group into ex[0 .. T), where ex holds
     * those of function q - 1 when q is a recurrence step; the step factors of the group's T neighbours must be in
     * ws.rq (see {@link #stepFactors}).
     */
    private static void radialExps(RadialGroup g, int q, double[] tr, int T, double[] ex, Workspace ws) {
        int d = g.step[q];
        if (d < 0) {
            double et = g.eta[q], rsh = g.rs[q];
            double[] arg = ws.arg;
            for (int t = 0; t < T; t++) {
                double x = tr[t] - rsh;
                arg[t] = -et * x * x;
            }
            MATH.expPadded(arg, ex, T);
            return;
        }
        double[] f = ws.rq[d];
        double c = g.stepConst[q];
        for (int t = 0; t < T; t++) {
            ex[t] = ex[t] * f[t] * c;
        }
    }

    /** exp(stepCoef[d] r_t) for every step factor d of the group into ws.rq[d]. */
    private static void stepFactors(RadialGroup g, double[] tr, int T, Workspace ws) {
        int D = g.stepCoef.length;
        if (D == 0) {
            return;
        }
        if (ws.rq.length < D || ws.rq[0].length < T + Workspace.PAD) {
            ws.rq = new double[Math.max(D, ws.rq.length)][Math.max(T, ws.x.length) + Workspace.PAD];
        }
        double[] arg = ws.arg;
        for (int d = 0; d < D; d++) {
            double k = g.stepCoef[d];
            for (int t = 0; t < T; t++) {
                arg[t] = k * tr[t];
            }
            MATH.expPadded(arg, ws.rq[d], T);
        }
    }
}
