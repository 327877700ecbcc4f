package dev.sieve.descriptor;

import static dev.sieve.descriptor.AngularPairKernels.angularForcesPairs;
import static dev.sieve.descriptor.AngularPairKernels.angularValuesPairs;

import dev.sieve.core.HotKernel;
import dev.sieve.descriptor.DescriptorCalculator.Workspace;
import dev.sieve.math.BulkExp;
import java.util.Arrays;

/**
 * The angular kernels of {@link DescriptorCalculator} for both types (narrow: with the r_jk factor; wide: without):
 * per {@link AngularGroup}, the per-neighbour factors exp(-eta (r - rs)^2) f(r) of its (eta, rs) subgroups, then the
 * nested loop over neighbour pairs for values and derivatives, and the force pass of the fused force kernel over the
 * angular factors the value pass cached. Groups with flat pair kernels hand their pairs to
 * {@link AngularPairKernels}.
 */
final class AngularKernels {
    private static final BulkExp MATH = BulkExp.get();

    private AngularKernels() {}

    /**
     * Adds the group's functions to {@code G} (and their derivatives to {@code dG} unless null) for the first m
     * slots of the workspace; in the fused force kernel's value pass ({@code ws.caching}) it also caches every pair's
     * angular factors for {@link #angularForces}.
     */
    @HotKernel("The nested pair loop keeps some twenty per-pair values (unit vectors, d cos / d r, r_jk factors) in "
        + "registers across its subgroup loop; any piece cut out of it is above C2's 325-byte inline limit, so the "
        + "values would go through memory")
    static void angular(AngularGroup g, int m, int stride, double[] G, double[] dG, int n, Workspace ws) {
        if (ws.caching) {
            ws.pcGroup[g.index] = ws.pcUsed;
        }
        double[] x = ws.x, y = ws.y, z = ws.z, r = ws.r;
        int[] el = ws.el;
        double[] fc = ws.fc, dfc = ws.dfc;
        int coff = g.cutoff * stride;
        double rc = g.rc;
        boolean deriv = dG != null;
        // candidate neighbours: right element, inside the cutoff
        int[] list = ws.list;
        int L = 0;
        for (int s = 0; s < m; s++) {
            list[L] = s;
            L += r[s] < rc && (el[s] == g.e1 || el[s] == g.e2) ? 1 : 0;
        }
        if (L < 2) {
            return;
        }
        int nsub = g.subEta.length;
        double[] a = ws.a, ap = ws.ap;
        int lstride = ws.x.length;
        // per neighbour: exp(-eta (r - rs)^2) * fc and its r-derivative, for every (eta, rs)
        for (int sg = 0; sg < nsub; sg++) {
            double eta = g.subEta[sg], rsh = g.subRs[sg];
            int off = (g.subBase + sg) * lstride;
            double[] arg = ws.arg, exv = ws.ex;
            for (int t = 0; t < L; t++) {
                double d = r[list[t]] - rsh;
                arg[t] = -eta * d * d;
            }
            MATH.expPadded(arg, exv, L);
            for (int t = 0; t < L; t++) {
                int s = list[t];
                double d = r[s] - rsh;
                double ex = exv[t];
                a[off + t] = ex * fc[coff + s];
                ap[off + t] = ex * (dfc[coff + s] - 2.0 * eta * d * fc[coff + s]);
            }
        }
        if (g.pairKernel && !deriv) {
            angularValuesPairs(g, L, G, ws);
            return;
        }
        double[] tv = ws.tv, td = ws.td;
        int[] out = g.out;
        boolean narrow = g.type == SymmetryFunction.ANGULAR_NARROW;
        CutoffFunction cf = g.cutoffFunction;
        int n3 = n * 3;
        for (int ta = 0; ta < L - 1; ta++) {
            int sj = list[ta];
            double rj = r[sj];
            double ij = 1.0 / rj;
            double ujx = ws.ux[sj], ujy = ws.uy[sj], ujz = ws.uz[sj];
            int ej = el[sj];
            for (int tb = ta + 1; tb < L; tb++) {
                int sk = list[tb];
                double rjk = pairDistance(g, sj, sk, ej, ws);
                if (rjk < 0) {
                    continue;
                }
                double rk = r[sk];
                double ik = 1.0 / rk;
                double ukx = ws.ux[sk], uky = ws.uy[sk], ukz = ws.uz[sk];
                double cos = ujx * ukx + ujy * uky + ujz * ukz;
                double fjk = 1, dfjk = 0, vx = 0, vy = 0, vz = 0;
                if (narrow) {
                    vx = x[sk] - x[sj];
                    vy = y[sk] - y[sj];
                    vz = z[sk] - z[sj];
                    fjk = cf.value(rjk);
                    if (deriv) {
                        dfjk = cf.derivative(rjk);
                        double iv = 1.0 / rjk;
                        vx *= iv;
                        vy *= iv;
                        vz *= iv; // unit vector from j to k
                    }
                }
                // d cos / d r_j and d cos / d r_k
                double cjx = 0, cjy = 0, cjz = 0, ckx = 0, cky = 0, ckz = 0;
                if (deriv) {
                    cjx = (ukx - cos * ujx) * ij;
                    cjy = (uky - cos * ujy) * ij;
                    cjz = (ukz - cos * ujz) * ij;
                    ckx = (ujx - cos * ukx) * ik;
                    cky = (ujy - cos * uky) * ik;
                    ckz = (ujz - cos * ukz) * ik;
                }
                // angular factors of every function of the group, shared by all (eta, rs) subgroups:
                // tv[q] = 2^(1-zeta) b^zeta and td[q] = d tv / d cos, with b = 1 + lambda cos (0 if b <= 0)
                if (ws.caching) {
                    // fused force kernel: keep this pair's angular factors for the force pass
                    int nq = g.out.length;
                    int o = ws.pcUsed;
                    if (o + 2 * nq > ws.pc.length) {
                        ws.pc = Arrays.copyOf(ws.pc, Math.max(2 * ws.pc.length, o + 2 * nq + 1024));
                    }
                    powers(g, 1.0 + cos, 1.0 - cos, tv, td, true, ws.ptab);
                    System.arraycopy(tv, 0, ws.pc, o, nq);
                    System.arraycopy(td, 0, ws.pc, o + nq, nq);
                    ws.pcUsed = o + 2 * nq;
                } else {
                    powers(g, 1.0 + cos, 1.0 - cos, tv, td, deriv, ws.ptab);
                }
                for (int sg = 0; sg < nsub; sg++) {
                    int off = (g.subBase + sg) * lstride;
                    double aj = a[off + ta], ak = a[off + tb];
                    double c = fjk, cp = 0;
                    if (narrow) {
                        c = jkFactor(g, sg, rjk, fjk, dfjk, ws.jk);
                        cp = ws.jk[0];
                    }
                    double pr = aj * ak * c;
                    if (pr == 0.0) {
                        continue;
                    }
                    int q0 = g.subStart[sg], q1 = g.subStart[sg + 1];
                    if (!deriv) {
                        for (int q = q0; q < q1; q++) {
                            G[out[q]] += tv[q] * pr;
                        }
                        continue;
                    }
                    // d(pr)/d r_j = (aj' ak c) u_j + (aj ak c') (r_j - r_k)/rjk ; similarly for k
                    double pj = ap[off + ta] * ak * c;
                    double pk = aj * ap[off + tb] * c;
                    double pc = aj * ak * cp;
                    double wjx = pj * ujx - pc * vx, wjy = pj * ujy - pc * vy, wjz = pj * ujz - pc * vz;
                    double wkx = pk * ukx + pc * vx, wky = pk * uky + pc * vy, wkz = pk * ukz + pc * vz;
                    double ujcx = pr * cjx, ujcy = pr * cjy, ujcz = pr * cjz;
                    double ukcx = pr * ckx, ukcy = pr * cky, ukcz = pr * ckz;
                    int bj = sj * n3, bk = sk * n3;
                    for (int q = q0; q < q1; q++) {
                        double t = tv[q];
                        double tp = td[q];
                        int k = out[q];
                        G[k] += t * pr;
                        int oj = bj + 3 * k, ok = bk + 3 * k;
                        dG[oj] += tp * ujcx + t * wjx;
                        dG[oj + 1] += tp * ujcy + t * wjy;
                        dG[oj + 2] += tp * ujcz + t * wjz;
                        dG[ok] += tp * ukcx + t * wkx;
                        dG[ok + 1] += tp * ukcy + t * wky;
                        dG[ok + 2] += tp * ukcz + t * wkz;
                    }
                }
            }
        }
        if (ws.caching) {
            ws.pcEnd[g.index] = ws.pcUsed;
        }
    }

    /**
     * The fused force kernel's force pass of a group: contracts every pair's derivatives with dE/dG, over the angular
     * factors {@link #angular} cached, and adds the forces (and virial) of the pair's atoms and of i.
     */
    @HotKernel("The nested pair loop keeps some twenty per-pair values (unit vectors, d cos / d r, r_jk factors) in "
        + "registers across its subgroup loop; any piece cut out of it is above C2's 325-byte inline limit, so the "
        + "values would go through memory")
    static void angularForces(AngularGroup g, int i, int m, int stride, double[] dEdG, Workspace ws, int[] idx,
                              double[] forces, double[] virial, boolean skipSelf) {
        double[] x = ws.x, y = ws.y, z = ws.z, r = ws.r;
        int[] el = ws.el;
        int[] list = ws.list;
        int L = 0;
        for (int s = 0; s < m; s++) {
            list[L] = s;
            L += r[s] < g.rc && (el[s] == g.e1 || el[s] == g.e2) ? 1 : 0;
        }
        if (L < 2) {
            return;
        }
        int nsub = g.subEta.length;
        double[] a = ws.a, ap = ws.ap, tv = ws.tv, td = ws.td;
        int lstride = ws.x.length;
        int[] out = g.out;
        boolean narrow = g.type == SymmetryFunction.ANGULAR_NARROW;
        CutoffFunction cf = g.cutoffFunction;
        double[] acc = ws.fi;
        ws.pcRead = ws.pcGroup[g.index];
        // groups whose functions all have dE/dG = 0 (e.g. removed features) cost nothing
        boolean any = false;
        for (int q : out) {
            any |= dEdG[q] != 0.0;
        }
        if (!any) {
            return;
        }
        if (g.pairKernel) {
            angularForcesPairs(g, i, L, dEdG, ws, idx, forces, virial, skipSelf);
            return;
        }
        for (int ta = 0; ta < L - 1; ta++) {
            int sj = list[ta];
            double ij = 1.0 / r[sj];
            double ujx = ws.ux[sj], ujy = ws.uy[sj], ujz = ws.uz[sj];
            int ej = el[sj];
            int atomJ = idx[ws.entry[sj]];
            for (int tb = ta + 1; tb < L; tb++) {
                int sk = list[tb];
                // the pairs of the value pass (pairDistance), so the cached factors line up
                double rjk = pairDistance(g, sj, sk, ej, ws);
                if (rjk < 0) {
                    continue;
                }
                double ik = 1.0 / r[sk];
                double ukx = ws.ux[sk], uky = ws.uy[sk], ukz = ws.uz[sk];
                double cos = ujx * ukx + ujy * uky + ujz * ukz;
                double fjk = 1, dfjk = 0, vx = 0, vy = 0, vz = 0;
                if (narrow) {
                    vx = x[sk] - x[sj];
                    vy = y[sk] - y[sj];
                    vz = z[sk] - z[sj];
                    fjk = cf.value(rjk);
                    dfjk = cf.derivative(rjk);
                    double iv = 1.0 / rjk;
                    vx *= iv;
                    vy *= iv;
                    vz *= iv;
                }
                double cjx = (ukx - cos * ujx) * ij, cjy = (uky - cos * ujy) * ij, cjz = (ukz - cos * ujz) * ij;
                double ckx = (ujx - cos * ukx) * ik, cky = (ujy - cos * uky) * ik, ckz = (ujz - cos * ukz) * ik;
                int nq = out.length;
                int po = ws.pcRead;
                double[] pcache = ws.pc;
                ws.pcRead = po + 2 * nq;
                double gjx = 0, gjy = 0, gjz = 0, gkx = 0, gky = 0, gkz = 0;
                for (int sg = 0; sg < nsub; sg++) {
                    int off = (g.subBase + sg) * lstride;
                    double aj = a[off + ta], ak = a[off + tb];
                    double c = fjk, cp = 0;
                    if (narrow) {
                        c = jkFactor(g, sg, rjk, fjk, dfjk, ws.jk);
                        cp = ws.jk[0];
                    }
                    double pr = aj * ak * c;
                    if (pr == 0.0) {
                        continue;
                    }
                    double sa = 0.0, sb = 0.0;
                    for (int q = g.subStart[sg], q1 = g.subStart[sg + 1]; q < q1; q++) {
                        double de = dEdG[out[q]];
                        sa += de * pcache[po + nq + q];
                        sb += de * pcache[po + q];
                    }
                    double pj = ap[off + ta] * ak * c;
                    double pk = aj * ap[off + tb] * c;
                    double pc = aj * ak * cp;
                    double apr = sa * pr;
                    gjx += apr * cjx + sb * (pj * ujx - pc * vx);
                    gjy += apr * cjy + sb * (pj * ujy - pc * vy);
                    gjz += apr * cjz + sb * (pj * ujz - pc * vz);
                    gkx += apr * ckx + sb * (pk * ukx + pc * vx);
                    gky += apr * cky + sb * (pk * uky + pc * vy);
                    gkz += apr * ckz + sb * (pk * ukz + pc * vz);
                }
                int atomK = idx[ws.entry[sk]];
                if (!(skipSelf && atomJ == i)) {
                    forces[3 * atomJ] -= gjx;
                    forces[3 * atomJ + 1] -= gjy;
                    forces[3 * atomJ + 2] -= gjz;
                }
                if (!(skipSelf && atomK == i)) {
                    forces[3 * atomK] -= gkx;
                    forces[3 * atomK + 1] -= gky;
                    forces[3 * atomK + 2] -= gkz;
                }
                acc[0] += gjx + gkx;
                acc[1] += gjy + gky;
                acc[2] += gjz + gkz;
                if (virial != null) {
                    virial[0] -= x[sj] * gjx + x[sk] * gkx;
                    virial[1] -= y[sj] * gjy + y[sk] * gky;
                    virial[2] -= z[sj] * gjz + z[sk] * gkz;
                    virial[3] -= x[sj] * gjy + x[sk] * gky;
                    virial[4] -= x[sj] * gjz + x[sk] * gkz;
                    virial[5] -= y[sj] * gjz + y[sk] * gkz;
                }
            }
        }
        if (ws.pcRead != ws.pcEnd[g.index]) {
            throw new IllegalStateException("angular group " + g.index + ": the force pass read " + (ws.pcRead
                - ws.pcGroup[g.index]) + " cached factors, the value pass wrote " + (ws.pcEnd[g.index]
                - ws.pcGroup[g.index]));
        }
    }

    /**
     * Whether the pair (j, k) = (list slots sj, sk; j's element ej) of an angular group counts, for the nested pair
     * loops of both the value and the force pass (so the force pass meets exactly the pairs whose factors the value
     * pass cached, and checks that it read as many as were written): -1 if not (a mixed-element group and k of j's
     * element; the narrow type with r_jk at or beyond the cutoff), else r_jk (narrow type) or 0.
     */
    private static double pairDistance(AngularGroup g, int sj, int sk, int ej, Workspace ws) {
        if (g.e1 != g.e2 && ws.el[sk] == ej) {
            return -1;
        }
        if (g.type != SymmetryFunction.ANGULAR_NARROW) {
            return 0;
        }
        double vx = ws.x[sk] - ws.x[sj], vy = ws.y[sk] - ws.y[sj], vz = ws.z[sk] - ws.z[sj];
        double rjk = Math.sqrt(vx * vx + vy * vy + vz * vz);
        return rjk < g.rc ? rjk : -1;
    }

    /**
     * The r_jk factor of a narrow angular function's (eta, rs) subgroup: returns
     * exp(-eta (r_jk - rs)^2) f(r_jk) and writes its r_jk-derivative to {@code d[0]}.
     */
    private static double jkFactor(AngularGroup g, int sg, double rjk, double fjk, double dfjk, double[] d) {
        double dr = rjk - g.subRs[sg];
        double ex = Math.exp(-g.subEta[sg] * dr * dr);
        d[0] = ex * (dfjk - 2.0 * g.subEta[sg] * dr * fjk);
        return ex * fjk;
    }

    /**
     * Angular factors of all functions of a group for one neighbour pair. Integer zetas use a
     * table of b^(2^i) (repeated squaring, computed once per pair and sign of lambda) and
     * multiply the entries of the set bits; other zetas use Math.pow. b^(zeta-1) = b^zeta / b.
     */
    private static void powers(AngularGroup g, double bplus, double bminus, double[] tv, double[] td, boolean deriv,
                               double[] tab) {
        int nb = g.maxBit + 1;
        if (nb > 0) {
            double p = bplus > 0 ? bplus : 0.0;
            double m = bminus > 0 ? bminus : 0.0;
            tab[0] = p;
            tab[nb] = m;
            for (int i = 1; i < nb; i++) {
                p *= p;
                m *= m;
                tab[i] = p;
                tab[nb + i] = m;
            }
        }
        double ip = deriv && bplus > 0 ? 1.0 / bplus : 0.0;
        double im = deriv && bminus > 0 ? 1.0 / bminus : 0.0;
        int n = g.out.length;
        if (g.allInteger) {
            // table entries are 0 when b <= 0, so no branch is needed
            for (int q = 0; q < n; q++) {
                boolean plus = g.lambda[q] > 0;
                int[] bits = g.zetaBits[q];
                int off = plus ? 0 : nb;
                double bz = tab[off + bits[0]];
                for (int i = 1; i < bits.length; i++) {
                    bz *= tab[off + bits[i]];
                }
                tv[q] = g.pref[q] * bz;
                // d/dcos of 2^(1-zeta) (1 + lambda cos)^zeta = 2^(1-zeta) zeta lambda b^(zeta-1)
                td[q] = g.prefDeriv[q] * bz * (plus ? ip : im);
            }
            return;
        }
        for (int q = 0; q < n; q++) {
            boolean plus = g.lambda[q] > 0;
            double b = plus ? bplus : bminus;
            if (b <= 0.0) {
                tv[q] = 0.0;
                td[q] = 0.0;
                continue;
            }
            double bz;
            int[] bits = g.zetaBits[q];
            if (bits == null) {
                bz = Math.pow(b, g.zeta[q]);
            } else {
                int off = plus ? 0 : nb;
                bz = tab[off + bits[0]];
                for (int i = 1; i < bits.length; i++) {
                    bz *= tab[off + bits[i]];
                }
            }
            tv[q] = g.pref[q] * bz;
            td[q] = g.prefDeriv[q] * bz * (plus ? ip : im);
        }
    }
}
