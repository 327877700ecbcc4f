package dev.sieve.descriptor;

import static dev.sieve.descriptor.KernelSums.addSlotForces;
import static dev.sieve.descriptor.KernelSums.dot;

import dev.sieve.descriptor.DescriptorCalculator.Workspace;
import java.util.Arrays;

/**
 * The flat pair kernels of the wide angular type (one neighbour element, integer zetas; see
 * {@link AngularGroup#pairKernel}): the pairs j &lt; k of a group's neighbours laid out as arrays, so that every loop
 * but the gathers is element-wise over all pairs.
 */
final class AngularPairKernels {
    private static final dev.sieve.math.PowerTable POWERS = dev.sieve.math.PowerTable.get();

    private AngularPairKernels() {}

    /**
     * Value pass of a pair-kernel group (wide type, one neighbour element, integer zetas). The pairs
     * j < k of the group's neighbours are laid out as flat arrays, so every loop but the gathers is
     * element-wise over all pairs and long enough for SIMD: cos, the clamped powers (1 ± cos)^(2^l),
     * and per (eta, rs) subgroup aa = a_j a_k. Then G_q += 2^(1-zeta) sum_p aa b_q^zeta, a sum in a
     * fixed order (four interleaved partial sums), whatever the hardware does. In the fused force
     * kernel the pair arrays stay for the force pass.
     */
    static void angularValuesPairs(AngularGroup g, int L, double[] G, Workspace ws) {
        int P = pairSetup(g, L, ws);
        int nsub = g.subEta.length;
        for (int sg = 0; sg < nsub; sg++) {
            double[] aa = ws.aaS[sg];
            for (int q = g.subStart[sg], q1 = g.subStart[sg + 1]; q < q1; q++) {
                G[g.out[q]] += g.pref[q] * dot(aa, factor(g, q, P, ws), P);
            }
        }
        ws.pairsGroup = ws.caching ? g : null;
    }

    /**
     * Force pass of a pair-kernel group. With the functions' dE/dG folded into sb = sum_q dE_q f_q
     * and sa = sum_q dE_q f_q' (f = angular factor, ' = d/dcos), and summed over the (eta, rs)
     * subgroups: apr = sum sa a_j a_k, e = sum sb a_j' a_k, h = sum sb a_j a_k', every pair adds
     * dE/dr_j = apr (u_k - cos u_j)/r_j + e u_j and dE/dr_k = apr (u_j - cos u_k)/r_k + h u_k to its
     * neighbours' accumulators, which go to the forces once per neighbour.
     */
    static void angularForcesPairs(AngularGroup g, int i, int L, double[] dEdG, Workspace ws, int[] idx,
                                   double[] forces, double[] virial, boolean skipSelf) {
        int P = ws.pairsGroup == g ? ws.pairs : pairSetup(g, L, ws);
        ws.pairsGroup = null;
        int nq = g.out.length;
        double[] wq = ws.wq, vq = ws.vq;
        for (int q = 0; q < nq; q++) {
            double de = dEdG[g.out[q]];
            wq[q] = de * g.pref[q];
            vq[q] = de * g.prefDeriv[q];
        }
        double[] a = ws.a, ap = ws.ap;
        double[] sp = ws.sa, sm = ws.sm, sb = ws.sb, aprT = ws.aprT, eT = ws.eT, fT = ws.fT;
        double[] apa = ws.apa, aap = ws.aap, ibP = ws.ibP, ibM = ws.ibM;
        Arrays.fill(aprT, 0, P, 0.0);
        Arrays.fill(eT, 0, P, 0.0);
        Arrays.fill(fT, 0, P, 0.0);
        int lstride = ws.x.length;
        int nsub = g.subEta.length;
        for (int sg = 0; sg < nsub; sg++) {
            Arrays.fill(sb, 0, P, 0.0);
            Arrays.fill(sp, 0, P, 0.0);
            Arrays.fill(sm, 0, P, 0.0);
            boolean any = false;
            for (int q = g.subStart[sg], q1 = g.subStart[sg + 1]; q < q1; q++) {
                double w = wq[q], v = vq[q];
                if (w == 0.0 && v == 0.0) {
                    continue;
                }
                any = true;
                double[] bz = factor(g, q, P, ws);
                double[] s2 = g.lambda[q] > 0 ? sp : sm;
                for (int p = 0; p < P; p++) {
                    double b = bz[p];
                    sb[p] += w * b;
                    s2[p] += v * b;
                }
            }
            if (!any) {
                continue;
            }
            int off = (g.subBase + sg) * lstride;
            for (int ta = 0, p0 = 0; ta < L - 1; p0 += L - 1 - ta, ta++) {
                double aj = a[off + ta], apj = ap[off + ta];
                int base = p0 - ta - 1 - off;
                for (int tb = off + ta + 1, end = off + L; tb < end; tb++) {
                    apa[base + tb] = apj * a[tb];
                    aap[base + tb] = aj * ap[tb];
                }
            }
            double[] aa = ws.aaS[sg];
            for (int p = 0; p < P; p++) {
                double sa = sp[p] * ibP[p] + sm[p] * ibM[p];
                aprT[p] += sa * aa[p];
                eT[p] += sb[p] * apa[p];
                fT[p] += sb[p] * aap[p];
            }
        }
        double[] lx = ws.lux, ly = ws.luy, lz = ws.luz, lir = ws.lir, cs = ws.cs;
        double[] gsx = ws.gsx, gsy = ws.gsy, gsz = ws.gsz;
        Arrays.fill(gsx, 0, L, 0.0);
        Arrays.fill(gsy, 0, L, 0.0);
        Arrays.fill(gsz, 0, L, 0.0);
        // pairs come row by row (j = ta, k = ta + 1 .. L - 1, pair p = base + tb): k's share goes to its accumulator,
        // j's is summed in registers (two interleaved halves) and added once per row
        for (int ta = 0, p0 = 0; ta < L - 1; p0 += L - 1 - ta, ta++) {
            double ujx = lx[ta], ujy = ly[ta], ujz = lz[ta], ij = lir[ta];
            int base = p0 - ta - 1;
            double sx = 0, sy = 0, sz = 0, se = 0;
            for (int tb = ta + 1; tb < L; tb++) {
                int p = base + tb;
                double ct = cs[p], apr = aprT[p];
                double ukx = lx[tb], uky = ly[tb], ukz = lz[tb];
                double ck = apr * lir[tb];
                double d = fT[p] - ck * ct;
                gsx[tb] += ck * ujx + d * ukx;
                gsy[tb] += ck * ujy + d * uky;
                gsz[tb] += ck * ujz + d * ukz;
                sx += apr * ukx;
                sy += apr * uky;
                sz += apr * ukz;
                se += eT[p] - ij * apr * ct;
            }
            gsx[ta] += ij * sx + se * ujx;
            gsy[ta] += ij * sy + se * ujy;
            gsz[ta] += ij * sz + se * ujz;
        }
        addSlotForces(i, ws.list, L, idx, forces, virial, skipSelf, ws);
    }

    /**
     * Lays out the pairs j < k of the group's L list entries: indices, cos(theta_jk), the clamped
     * powers (1 ± cos)^(2^l) for the levels the group needs, 1/(1 ± cos) (any finite value where
     * the clamped base is 0: it only multiplies a zero power) and a_j a_k per (eta, rs) subgroup.
     * Returns the number of pairs.
     */
    private static int pairSetup(AngularGroup g, int L, Workspace ws) {
        int P = L * (L - 1) / 2;
        ws.ensurePairs(P, g.subEta.length);
        int[] list = ws.list;
        double[] lx = ws.lux, ly = ws.luy, lz = ws.luz, lir = ws.lir, r = ws.r;
        for (int t = 0; t < L; t++) {
            int s = list[t];
            lx[t] = ws.ux[s];
            ly[t] = ws.uy[s];
            lz[t] = ws.uz[s];
            lir[t] = 1.0 / r[s];
        }
        // row by row (j = ta, k = ta + 1 .. L - 1, pair p = rowBase + tb): contiguous in tb, so every loop is SIMD
        double[] cs = ws.cs;
        for (int ta = 0, p0 = 0; ta < L - 1; p0 += L - 1 - ta, ta++) {
            double ujx = lx[ta], ujy = ly[ta], ujz = lz[ta];
            int base = p0 - ta - 1;
            for (int tb = ta + 1; tb < L; tb++) {
                cs[base + tb] = ujx * lx[tb] + ujy * ly[tb] + ujz * lz[tb];
            }
        }
        if (g.usesPlus) {
            powers(cs, 1.0, ws.pwP, ws.ibP, g.maxBitPlus, P);
        }
        if (g.usesMinus) {
            powers(cs, -1.0, ws.pwM, ws.ibM, g.maxBitMinus, P);
        }
        double[] a = ws.a;
        int lstride = ws.x.length;
        for (int sg = 0; sg < g.subEta.length; sg++) {
            int off = (g.subBase + sg) * lstride;
            double[] aa = ws.aaS[sg];
            for (int ta = 0, p0 = 0; ta < L - 1; p0 += L - 1 - ta, ta++) {
                double aj = a[off + ta];
                int base = p0 - ta - 1 - off;
                for (int tb = off + ta + 1, end = off + L; tb < end; tb++) {
                    aa[base + tb] = aj * a[tb];
                }
            }
        }
        ws.pairs = P;
        return P;
    }

    /** pw[l][p] = max(1 + sign cos_p, 0)^(2^l) for l <= maxBit, and ib[p] = 1 / pw[0][p] (finite). */
    private static void powers(double[] cs, double sign, double[][] pw, double[] ib, int maxBit, int P) {
        POWERS.fill(cs, sign, pw, ib, maxBit, P);
    }

    /** b^zeta of function q for all P pairs: a power-table row for one set bit, else their product in ws.bz. */
    private static double[] factor(AngularGroup g, int q, int P, Workspace ws) {
        double[][] pw = g.lambda[q] > 0 ? ws.pwP : ws.pwM;
        int[] bits = g.zetaBits[q];
        if (bits.length == 1) {
            return pw[bits[0]];
        }
        double[] bz = ws.bz;
        System.arraycopy(pw[bits[0]], 0, bz, 0, P);
        for (int k = 1; k < bits.length; k++) {
            double[] f = pw[bits[k]];
            for (int p = 0; p < P; p++) {
                bz[p] *= f[p];
            }
        }
        return bz;
    }
}
