package dev.sieve.descriptor;

import dev.sieve.math.BulkExp;
import dev.sieve.neighbor.NeighborList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes the raw symmetry functions of one atom, and optionally their derivatives with respect
 * to the positions of the atom's neighbours and of the atom itself, for a
 * {@link SymmetryFunctionSet}. This is the hot kernel: it works on caller-owned arrays and a
 * per-thread {@link Workspace}, and allocates nothing per atom.
 *
 * <p>Work is shared wherever functions allow it: every distinct cutoff (radius, type, alpha) is
 * evaluated once per neighbour; radial functions with the same neighbour element and cutoff form
 * one loop over neighbours; angular functions with the same type, neighbour elements and cutoff
 * form one loop over neighbour pairs, in which functions with the same (eta, rs) share the
 * exponential and cutoff products (for the wide type the exponential factorises, so it is
 * computed once per neighbour, not per pair), and each (zeta, lambda) costs only an integer power
 * by repeated squaring.
 *
 * <p>Output layout for a central atom i of element e with {@code m = nl.count(i)} neighbour entries
 * and {@code n = numFeatures(e)} functions:
 * <ul>
 *   <li>{@code G[k]}, k in n2p2's sorted order (the network input order);</li>
 *   <li>{@code dG[(s * n + k) * 3 + c]} = dG_k / d x_c of derivative slot s (0 <= s < m'), and for
 *       s = m' the derivative with respect to the central atom's own position (= minus the sum of the
 *       others). Slots are the atom's neighbour entries closer than {@link #cutoff()}, in list order:
 *       for a list built with exactly this cutoff, m' = m and slot s is entry {@code nl.start(i) + s};
 *       for a Verlet list with a skin, {@link Workspace#entry} maps slots to entries. The array needs
 *       at most {@code (m + 1) * n * 3} doubles.
 *       The derivative with respect to an atom moved with all its periodic images is the sum over
 *       the entries that are images of it (plus slot m for the central atom).</li>
 * </ul>
 */
public final class DescriptorCalculator {
    /** Flat pair kernels for the angular groups they apply to ({@code -Dsieve.pairKernel=false} keeps the nested pair loop, for comparisons). */
    static final boolean PAIR_KERNEL = !"false".equals(System.getProperty("sieve.pairKernel"));
    private final SymmetryFunctionSet set;
    private final String[] elements;
    private final ElementPlan[] plans;
    private final double maxCutoff;
    private final BulkExp math;

    public DescriptorCalculator(SymmetryFunctionSet set) {
        this.set = Objects.requireNonNull(set);
        this.elements = set.elements().toArray(new String[0]);
        this.plans = new ElementPlan[elements.length];
        for (int e = 0; e < elements.length; e++) {
            plans[e] = new ElementPlan(set.forElement(elements[e]), set.elements());
        }
        this.maxCutoff = set.maxCutoff();
        this.math = BulkExp.get();
    }

    public SymmetryFunctionSet set() {
        return set;
    }

    /** Element symbols, indexed as in {@link #elementIndex}. */
    public List<String> elements() {
        return List.of(elements);
    }

    /** Index of an element symbol in the set, or -1. */
    public int elementIndex(String symbol) {
        for (int e = 0; e < elements.length; e++) {
            if (elements[e].equals(symbol)) {
                return e;
            }
        }
        return -1;
    }

    public int numFeatures(int element) {
        return plans[element].n;
    }

    /** Exponentials per neighbour the radial functions of an element take (shifted families share them). */
    int radialExponentials(int element) {
        int c = 0;
        for (RadialGroup g : plans[element].radial) {
            c += g.stepCoef.length;
            for (int d : g.step) {
                c += d < 0 ? 1 : 0;
            }
        }
        return c;
    }

    /** Largest number of features of any element. */
    public int maxFeatures() {
        int m = 0;
        for (ElementPlan p : plans) {
            m = Math.max(m, p.n);
        }
        return m;
    }

    /** Neighbour-list cutoff needed (Å). */
    public double cutoff() {
        return maxCutoff;
    }

    /** Number of doubles {@code dG} needs for an atom with {@code neighbours} list entries. */
    public int derivativeSize(int element, int neighbours) {
        return (neighbours + 1) * plans[element].n * 3;
    }

    /**
     * Per-thread scratch space; grows as needed. After {@link #compute}, {@link #slots()} and
     * {@link #entry(int)} tell which neighbour-list entry each derivative slot belongs to.
     */
    public static final class Workspace {
        /** Spare entries of the exp scratch arrays, so the SIMD exp can finish with a full vector. */
        static final int PAD = 8;
        /** Positions to form the pair vectors from (null: read the list's vectors), and the lattice shifts. */
        double[] px;
        double[] psx;
        double[] psy;
        double[] psz;

        /**
         * Makes the kernels form every pair vector from {@code positions} (x_j - x_i + the entry's lattice shift, as
         * {@link NeighborList#refresh} does) instead of reading the list's stored vectors; null restores reading
         * the list. {@code shifts} is {@link NeighborList#latticeShifts} of the list (null: no periodic images).
         */
        public void usePositions(double[] positions, double[][] shifts) {
            px = positions;
            psx = shifts == null ? null : shifts[0];
            psy = shifts == null ? null : shifts[1];
            psz = shifts == null ? null : shifts[2];
        }
        /** Number of derivative slots (neighbour entries within the cutoff) of the last computed atom. */
        public int slots() {
            return slots;
        }

        /** Neighbour-list entry (index into the list's arrays) of derivative slot s of the last atom. */
        public int entry(int s) {
            return entry[s];
        }

        double[][] rq = new double[0][0]; // a radial group's recurrence step factors
        double[] x = new double[0];
        double[] y = new double[0];
        double[] z = new double[0];
        double[] r = new double[0];
        int[] el = new int[0];
        double[] fc = new double[0];   // [cutoff][slot] (+ PAD)
        double[] dfc = new double[0];
        double[] cr = new double[0];   // a shorter cutoff's neighbours: r, f, f', slot
        double[] cf = new double[0];
        double[] cdf = new double[0];
        int[] cidx = new int[0];
        int[] list = new int[0];       // angular candidate slots
        double[] a = new double[0];    // [subgroup][list position]: exp * fc
        double[] ap = new double[0];   // derivative of a w.r.t. r
        double[] ux = new double[0];   // unit vectors to the neighbours
        double[] uy = new double[0];
        double[] uz = new double[0];
        double[] tr = new double[0];   // gathered radial neighbours: r, fc, dfc, slot
        double[] tf = new double[0];
        double[] tdf = new double[0];
        int[] ts = new int[0];
        double[] arg = new double[0];  // exp arguments and results
        double[] ex = new double[0];
        int[] entry = new int[0];      // neighbour-list entry of each derivative slot
        double[] rex = new double[0];  // radial exponentials cached by the fused force kernel
        double[] pc = new double[4096]; // angular factors per pair cached by the fused force kernel
        int pcUsed;
        int pcRead;
        int[] pcGroup = new int[0];
        int[] pcEnd = new int[0];     // ... and where it ends
        boolean caching;
        final double[] fi = new double[3]; // force accumulator of the central atom
        final double[] jk = new double[1]; // derivative returned by jkFactor
        int slots;
        double[] tv = new double[0];   // angular factors per function of a group
        double[] td = new double[0];
        double[] ptab = new double[64]; // b^(2^i) for both signs of lambda
        // pair kernel (wide type, one neighbour element, integer zeta): list-ordered copies ...
        double[] lux = new double[0];
        double[] luy = new double[0];
        double[] luz = new double[0];
        double[] lir = new double[0];  // 1 / r of list entries
        double[] gsx = new double[0];  // dE_i/dr of every list entry (force pass)
        double[] gsy = new double[0];
        double[] gsz = new double[0];
        double[] wq = new double[0];   // dE/dG 2^(1-zeta) per function of the group
        double[] wr = new double[0];   // dE/dG per function of a radial group
        double[] vq = new double[0];   // dE/dG 2^(1-zeta) zeta lambda
        // ... and arrays over the pairs j < k
        double[] cs = new double[0];   // cos(theta_jk)
        double[][] pwP = new double[0][];  // (1 + cos)^(2^level), clamped at 0
        double[][] pwM = new double[0][];  // (1 - cos)^(2^level)
        double[] ibP = new double[0];  // 1 / (1 + cos)
        double[] ibM = new double[0];
        double[] bz = new double[0];   // b^zeta of one function (several set bits)
        double[][] aaS = new double[0][]; // [subgroup][pair] a_j a_k
        double[] apa = new double[0];  // a_j' a_k
        double[] aap = new double[0];  // a_j a_k'
        double[] sa = new double[0];   // sum over lambda = +1 functions of dE/dG 2^(1-zeta) zeta lambda b^zeta
        double[] sm = new double[0];   // the same for lambda = -1
        double[] sb = new double[0];   // sum of dE/dG times the angular factor
        double[] aprT = new double[0];
        double[] eT = new double[0];
        double[] fT = new double[0];
        int pairs;                     // pairs laid out by the last value pass ...
        AngularGroup pairsGroup;       // ... of this group, kept for the fused force pass (else null)
        int levels;

        void ensure(int m, int cutoffs, int subgroups, int maxGroup) {
            if (x.length < m) {
                int cap = Math.max(m, x.length * 3 / 2 + 8);
                x = new double[cap];
                y = new double[cap];
                z = new double[cap];
                r = new double[cap];
                el = new int[cap];
                list = new int[cap];
                ux = new double[cap];
                uy = new double[cap];
                uz = new double[cap];
                tr = new double[cap + PAD];
                tf = new double[cap + PAD];
                tdf = new double[cap + PAD];
                ts = new int[cap];
                entry = new int[cap];
                arg = new double[cap + PAD];
                ex = new double[cap + PAD];
                cr = new double[cap + PAD];
                cf = new double[cap + PAD];
                cdf = new double[cap + PAD];
                cidx = new int[cap];
            }
            int cap = Math.max(x.length, m);
            if (fc.length < cutoffs * cap + PAD) {
                fc = new double[cutoffs * cap + PAD];
                dfc = new double[cutoffs * cap + PAD];
            }
            if (tv.length < maxGroup) {
                tv = new double[maxGroup];
                td = new double[maxGroup];
            }
            if (a.length < subgroups * cap) {
                a = new double[subgroups * cap];
                ap = new double[subgroups * cap];
            }
        }

        /** Sizes the pair kernel's per-neighbour arrays for lists of up to {@code cap} entries. */
        void ensureRows(int cap, int levels, int maxGroup) {
            if (lux.length < cap) {
                int c = Math.max(cap, lux.length * 3 / 2);
                lux = new double[c];
                luy = new double[c];
                luz = new double[c];
                lir = new double[c];
                gsx = new double[c];
                gsy = new double[c];
                gsz = new double[c];
            }
            if (wq.length < maxGroup) {
                wq = new double[maxGroup];
                vq = new double[maxGroup];
            }
            this.levels = Math.max(this.levels, levels);
        }

        /** Sizes the pair arrays for P pairs and nsub subgroups. */
        void ensurePairs(int P, int nsub) {
            if (cs.length < P || pwP.length < levels || aaS.length < nsub) {
                int c = Math.max(P, cs.length * 3 / 2);
                int lv = Math.max(levels, 1);
                cs = new double[c];
                ibP = new double[c];
                ibM = new double[c];
                bz = new double[c];
                apa = new double[c];
                aap = new double[c];
                sa = new double[c];
                sm = new double[c];
                sb = new double[c];
                aprT = new double[c];
                eT = new double[c];
                fT = new double[c];
                pwP = new double[lv][c];
                pwM = new double[lv][c];
                aaS = new double[Math.max(nsub, aaS.length)][c];
                pairsGroup = null;
            }
        }
    }

    /**
     * Symmetry functions (and derivatives when {@code dG != null}) of atom {@code i}.
     *
     * @param i         central atom
     * @param element   element index of atom i (see {@link #elementIndex})
     * @param atomElem  element index of every atom of the structure (-1 for elements the set
     *                  does not know: such neighbours are ignored)
     * @param nl        neighbour list built with a cutoff >= {@link #cutoff()}
     * @param G         output, at least {@code numFeatures(element)} long
     * @param dG        output or null, at least {@link #derivativeSize} long (overwritten)
     * @param ws        scratch space of the calling thread
     */
    public void compute(int i, int element, int[] atomElem, NeighborList nl, double[] G, double[] dG, Workspace ws) {
        ElementPlan p = plans[element];
        boolean deriv = dG != null;
        int m = prepare(i, p, atomElem, nl, ws, deriv);
        int n = p.n;
        Arrays.fill(G, 0, n, 0.0);
        if (deriv) {
            Arrays.fill(dG, 0, (m + 1) * n * 3, 0.0);
        }
        int stride = ws.x.length;
        for (RadialGroup g : p.radial) {
            radial(g, m, stride, G, dG, n, ws);
        }
        for (AngularGroup g : p.angular) {
            angular(g, m, stride, G, dG, n, ws);
        }
        if (deriv) {
            int self = m * n * 3;
            int len = n * 3;
            for (int s = 0; s < m; s++) {
                int off = s * len;
                for (int q = 0; q < len; q++) {
                    dG[self + q] -= dG[off + q];
                }
            }
        }
    }

    /** The energy of one atom as a function of its raw symmetry functions. */
    @FunctionalInterface
    public interface AtomicGradient {
        /** Returns the atom's energy for raw {@code g} and writes dE/dG (raw) into {@code dEdG}. */
        double apply(double[] g, double[] dEdG);
    }

    /**
     * The fused force kernel for MD: computes atom i's symmetry functions into {@code G}, asks
     * {@code grad} for the atom's energy and dE/dG, then adds the forces −dE_i/dr of every atom
     * (neighbours and i itself) to {@code forces} without storing the SF derivatives: each radial
     * neighbour and each angular pair is contracted with dE/dG on the fly, reusing the cutoff values
     * and exponentials of the value pass. Equal to contracting {@link #compute}'s derivatives.
     *
     * @param forces          forces to add to (3N, indexed by atom)
     * @param virial          if non-null, adds Σ r_ij ⊗ f_j (xx, yy, zz, xy, xz, yz)
     * @param skipSelfImages  leave out the forces on periodic images of i itself (n2p2 nnp-predict's convention)
     * @return the atom's energy from {@code grad}
     */
    public double computeForces(int i, int element, int[] atomElem, NeighborList nl, double[] G, double[] dEdG,
                                AtomicGradient grad, double[] forces, double[] virial, boolean skipSelfImages,
                                Workspace ws) {
        ElementPlan p = plans[element];
        int m = prepare(i, p, atomElem, nl, ws, true);
        int n = p.n;
        Arrays.fill(G, 0, n, 0.0);
        int stride = ws.x.length;
        if (ws.rex.length < p.radialCount * m) {
            ws.rex = new double[p.radialCount * Math.max(m, 16) * 3 / 2 + Workspace.PAD];
        }
        int rbase = 0;
        for (RadialGroup g : p.radial) {
            rbase = radialValuesCached(g, m, stride, G, ws, rbase);
        }
        ws.caching = true;
        ws.pcUsed = 0;
        if (ws.pcGroup.length < p.angular.length) {
            ws.pcGroup = new int[p.angular.length];
            ws.pcEnd = new int[p.angular.length];
        }
        try {
            for (AngularGroup g : p.angular) {
                angular(g, m, stride, G, null, n, ws);
            }
        } finally {
            ws.caching = false;
        }
        double energy = grad.apply(G, dEdG);
        ws.pcRead = 0;
        int[] idx = nl.indexArray();
        double[] acc = ws.fi;
        acc[0] = 0;
        acc[1] = 0;
        acc[2] = 0;
        rbase = 0;
        for (RadialGroup g : p.radial) {
            rbase = radialForces(g, i, m, stride, dEdG, ws, rbase, idx, forces, virial, skipSelfImages);
        }
        for (AngularGroup g : p.angular) {
            angularForces(g, i, m, stride, dEdG, ws, idx, forces, virial, skipSelfImages);
        }
        forces[3 * i] += acc[0];
        forces[3 * i + 1] += acc[1];
        forces[3 * i + 2] += acc[2];
        return energy;
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

    private int radialValuesCached(RadialGroup g, int m, int stride, double[] G, Workspace ws, int rbase) {
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

    private static int radialForces(RadialGroup g, int i, int m, int stride, double[] dEdG, Workspace ws, int rbase,
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

    /**
     * Adds dE_i/dr of derivative slots {@code slots[t]}, (ws.gsx, ws.gsy, ws.gsz)[t] for t < count, as forces: minus
     * it on the slot's atom (unless that is an image of i itself and {@code skipSelf}), plus it on i (through ws.fi),
     * and its virial term. i's share and the virial are summed in registers and added once (a sum through memory
     * would chain every slot's store to the next one's load).
     */
    private static void addSlotForces(int i, int[] slots, int count, int[] idx, double[] forces, double[] virial,
                                      boolean skipSelf, Workspace ws) {
        double[] gsx = ws.gsx, gsy = ws.gsy, gsz = ws.gsz;
        double[] x = ws.x, y = ws.y, z = ws.z;
        int[] entry = ws.entry;
        double fx = 0, fy = 0, fz = 0;
        dev.sieve.core.Virial.Sum vs = new dev.sieve.core.Virial.Sum();
        for (int t = 0; t < count; t++) {
            int s = slots[t];
            double gx = gsx[t], gy = gsy[t], gz = gsz[t];
            int j = idx[entry[s]];
            if (!(skipSelf && j == i)) {
                forces[3 * j] -= gx;
                forces[3 * j + 1] -= gy;
                forces[3 * j + 2] -= gz;
            }
            fx += gx;
            fy += gy;
            fz += gz;
            vs.subtractOuter(x[s], y[s], z[s], gx, gy, gz);
        }
        double[] acc = ws.fi;
        acc[0] += fx;
        acc[1] += fy;
        acc[2] += fz;
        vs.addTo(virial);
    }

    private static void angularForces(AngularGroup g, int i, int m, int stride, double[] dEdG, Workspace ws, int[] idx,
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
     * Gathers atom i's neighbour entries within the cutoff into the workspace and evaluates every
     * distinct cutoff function on them; returns the number of derivative slots.
     */
    private int prepare(int i, ElementPlan p, int[] atomElem, NeighborList nl, Workspace ws, boolean deriv) {
        int s0 = nl.start(i);
        int m = nl.end(i) - s0;
        ws.ensure(m, p.cutoffs.length, p.subgroupCount, p.maxAngularGroup);
        ws.ensureRows(m, p.powerLevels, p.maxAngularGroup);
        double[] x = ws.x, y = ws.y, z = ws.z, r = ws.r;
        int[] el = ws.el;
        int[] idx = nl.indexArray();
        double[] ndx = nl.dxArray(), ndy = nl.dyArray(), ndz = nl.dzArray(), nr = nl.rArray();
        // neighbour entries within the largest cutoff, in list order (all of them for a list built
        // with this cutoff; a Verlet list with a skin has more, which are skipped here)
        int[] entry = ws.entry;
        int cnt = 0;
        double rmax = maxCutoff;
        // branch-free compaction: every entry is written at position cnt, which advances only for
        // entries inside the cutoff (a Verlet list's skin entries are overwritten by the next one)
        double[] ux = ws.ux, uy = ws.uy, uz = ws.uz;
        // the pair vectors from the noted positions (as NeighborList.refresh forms them) or the list's
        double[] px = ws.px;
        double[] sx = ws.psx, sy = ws.psy, sz = ws.psz;
        double xi = px == null ? 0 : px[3 * i], yi = px == null ? 0 : px[3 * i + 1], zi = px == null ? 0 : px[3 * i + 2];
        for (int e = s0, end = s0 + m; e < end; e++) {
            int j = idx[e];
            double dx, dy, dz, re;
            if (px != null) {
                dx = px[3 * j] - xi;
                dy = px[3 * j + 1] - yi;
                dz = px[3 * j + 2] - zi;
                if (sx != null) {
                    dx += sx[e];
                    dy += sy[e];
                    dz += sz[e];
                }
                re = Math.sqrt(dx * dx + dy * dy + dz * dz);
            } else {
                dx = ndx[e];
                dy = ndy[e];
                dz = ndz[e];
                re = nr[e];
            }
            x[cnt] = dx;
            y[cnt] = dy;
            z[cnt] = dz;
            r[cnt] = re;
            el[cnt] = atomElem[j];
            entry[cnt] = e;
            cnt += re < rmax ? 1 : 0;
        }
        m = cnt;
        // unit vectors of the kept entries in a separate, SIMD pass (no divisions for the skin's entries)
        for (int s = 0; s < m; s++) {
            double inv = 1.0 / r[s];
            ux[s] = x[s] * inv;
            uy[s] = y[s] * inv;
            uz[s] = z[s] * inv;
        }
        ws.slots = cnt;
        // cutoff values, once per distinct cutoff and neighbour inside it (a shorter cutoff's values are computed on
        // its own neighbours, gathered, and put back at their slots; the slots beyond it are never read)
        double[] fc = ws.fc, dfc = ws.dfc;
        int stride = ws.x.length;
        for (int c = 0; c < p.cutoffs.length; c++) {
            CutoffFunction f = p.cutoffs[c];
            int off = c * stride;
            if (f.rc() >= rmax) {
                f.evaluatePadded(r, m, fc, deriv ? dfc : null, off);
                continue;
            }
            double rcc = f.rc();
            double[] cr = ws.cr, cf = ws.cf, cdf = ws.cdf;
            int[] cs = ws.cidx;
            int k = 0;
            for (int s = 0; s < m; s++) {
                cs[k] = s;
                cr[k] = r[s];
                k += r[s] < rcc ? 1 : 0;
            }
            f.evaluatePadded(cr, k, cf, deriv ? cdf : null, 0);
            for (int t = 0; t < k; t++) {
                fc[off + cs[t]] = cf[t];
            }
            if (deriv) {
                for (int t = 0; t < k; t++) {
                    dfc[off + cs[t]] = cdf[t];
                }
            }
        }
        return m;
    }

    private void radial(RadialGroup g, int m, int stride, double[] G, double[] dG, int n, Workspace ws) {
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

    private void angular(AngularGroup g, int m, int stride, double[] G, double[] dG, int n, Workspace ws) {
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
            math.expPadded(arg, exv, L);
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
     * Value pass of a pair-kernel group (wide type, one neighbour element, integer zetas). The pairs
     * j < k of the group's neighbours are laid out as flat arrays, so every loop but the gathers is
     * element-wise over all pairs and long enough for SIMD: cos, the clamped powers (1 ± cos)^(2^l),
     * and per (eta, rs) subgroup aa = a_j a_k. Then G_q += 2^(1-zeta) sum_p aa b_q^zeta, a sum in a
     * fixed order (four interleaved partial sums), whatever the hardware does. In the fused force
     * kernel the pair arrays stay for the force pass.
     */
    private static void angularValuesPairs(AngularGroup g, int L, double[] G, Workspace ws) {
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
    private static void angularForcesPairs(AngularGroup g, int i, int L, double[] dEdG, Workspace ws, int[] idx,
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

    private static final dev.sieve.math.BulkDot DOT = dev.sieve.math.BulkDot.get();
    private static final dev.sieve.math.RadialSums RADIAL = dev.sieve.math.RadialSums.get();
    private static final dev.sieve.math.PowerTable POWERS = dev.sieve.math.PowerTable.get();

    /** sum_p x[p] y[p] for p < n in a fixed order ({@link dev.sieve.math.BulkDot}), whatever the hardware. */
    static double dot(double[] x, double[] y, int n) {
        return DOT.dot(x, y, n);
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

    /** Bit positions set in e (ascending). */
    static int[] bits(int e) {
        int[] b = new int[Integer.bitCount(e)];
        int k = 0;
        for (int i = 0; i < 31; i++) {
            if ((e & (1 << i)) != 0) {
                b[k++] = i;
            }
        }
        return b;
    }

    // ---------------------------------------------------------------- plans

    private static final class RadialGroup {
        int e1;
        int cutoff;
        double rc;
        double[] eta;
        double[] eta2; // 2 eta
        double[] rs;
        int[] out;
        // shifted functions of one eta by recurrence (see planSteps): function q > 0 with step[q] = d >= 0 has
        // exp(-eta (r - rs_q)^2) = (exp(-eta (r - rs_{q-1})^2) * exp(stepCoef[d] r)) * stepConst[q]
        int[] step;
        double[] stepCoef;
        double[] stepConst;
    }

    /**
     * Plans the exponentials of a radial group. Functions with one eta and shifts rs_0 &lt; rs_1 &lt; ... (n2p2's
     * shifted grids) need not each call exp: with D = rs_{q} - rs_{q-1},
     * exp(-eta (r - rs_q)^2) = exp(-eta (r - rs_{q-1})^2) exp(2 eta D r) exp(-2 eta D rs_{q-1} - eta D^2), and
     * exp(2 eta D r) is shared by every step of the same D (equal to 1e-12 relative; a grid rounded to a few digits
     * has two or three). Used where it saves exponentials and every factor stays far from overflow and underflow
     * (exponents within 600); the values differ from separate exponentials by about 1e-14 relative.
     */
    private static void planSteps(RadialGroup g) {
        int n = g.eta.length;
        g.step = new int[n];
        Arrays.fill(g.step, -1);
        g.stepConst = new double[n];
        List<Double> coefs = new ArrayList<>();
        for (int a = 0; a < n; ) {
            int b = a + 1;
            while (b < n && g.eta[b] == g.eta[a]) {
                b++;
            }
            // functions a .. b-1 share eta, sorted by rs
            double eta = g.eta[a];
            boolean safe = eta > 0 && b - a > 2;
            int[] st = new int[b - a];
            List<Double> fc = new ArrayList<>(), fd = new ArrayList<>();
            for (int q = a; q < b && safe; q++) {
                double rs = g.rs[q];
                double far = Math.max(rs * rs, (g.rc - rs) * (g.rc - rs));
                safe = rs >= 0 && eta * far <= 600;
                if (q > a && safe) {
                    double d = rs - g.rs[q - 1];
                    int k = -1;
                    for (int u = 0; u < fd.size() && k < 0; u++) {
                        if (Math.abs(fd.get(u) - d) <= 1e-12 * Math.max(1.0, d)) {
                            k = u;
                        }
                    }
                    if (k < 0) {
                        k = fd.size();
                        fd.add(d);
                        fc.add(2.0 * eta * d);
                    }
                    double dd = fd.get(k);
                    safe = d > 0 && 2.0 * eta * dd * g.rc <= 600 && 2.0 * eta * dd * g.rs[q - 1] + eta * dd * dd <= 600;
                    st[q - a] = k;
                }
            }
            if (safe && 1 + fd.size() < b - a) {
                for (int q = a + 1; q < b; q++) {
                    int k = st[q - a];
                    double dd = fd.get(k);
                    g.step[q] = coefs.size() + k;
                    g.stepConst[q] = StrictMath.exp(-2.0 * eta * dd * g.rs[q - 1] - eta * dd * dd);
                }
                coefs.addAll(fc);
            }
            a = b;
        }
        g.stepCoef = new double[coefs.size()];
        for (int k = 0; k < coefs.size(); k++) {
            g.stepCoef[k] = coefs.get(k);
        }
    }

    /**
     * The exponentials exp(-eta_q (r_t - rs_q)^2) of function q of a radial group into ex[0 .. T), where ex holds
     * those of function q - 1 when q is a recurrence step; the step factors of the group's T neighbours must be in
     * ws.rq (see {@link #stepFactors}).
     */
    private void radialExps(RadialGroup g, int q, double[] tr, int T, double[] ex, Workspace ws) {
        int d = g.step[q];
        if (d < 0) {
            double et = g.eta[q], rsh = g.rs[q];
            double[] arg = ws.arg;
            for (int t = 0; t < T; t++) {
                double x = tr[t] - rsh;
                arg[t] = -et * x * x;
            }
            math.expPadded(arg, ex, T);
            return;
        }
        double[] f = ws.rq[d];
        double c = g.stepConst[q];
        for (int t = 0; t < T; t++) {
            ex[t] = ex[t] * f[t] * c;
        }
    }

    /** exp(stepCoef[d] r_t) for every step factor d of the group into ws.rq[d]. */
    private void stepFactors(RadialGroup g, double[] tr, int T, Workspace ws) {
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
            math.expPadded(arg, ws.rq[d], T);
        }
    }

    private static final class AngularGroup {
        int type;
        int e1;
        int e2;
        int cutoff;
        double rc;
        CutoffFunction cutoffFunction;
        int subBase;          // index of the first (eta, rs) subgroup in the workspace
        double[] subEta;
        double[] subRs;
        int[] subStart;       // functions of subgroup sg: subStart[sg] .. subStart[sg+1]-1
        double[] zeta;
        int[] izeta;          // integer zeta, or -1 when zeta is not an integer (then Math.pow)
        double[] lambda;
        double[] pref;        // 2^(1 - zeta)
        double[] prefDeriv;   // 2^(1 - zeta) zeta lambda
        int[][] zetaBits;     // set bits of integer zeta, or null for non-integer zeta
        int index;            // position in the element's angular groups
        int maxBit = -1;      // highest bit of any integer zeta
        boolean allInteger;   // every zeta is an integer (table path only)
        boolean pairKernel;    // wide type, one neighbour element, integer zetas: flat pair kernels
        int maxBitPlus = -1;  // the same over the functions with lambda > 0 ...
        int maxBitMinus = -1; // ... and lambda < 0 (the pair kernel's power tables go no higher)
        boolean usesPlus;     // some function has lambda > 0
        boolean usesMinus;    // some function has lambda < 0
        int[] out;
    }

    private static final class ElementPlan {
        final int n;
        final CutoffFunction[] cutoffs;
        final RadialGroup[] radial;
        final AngularGroup[] angular;
        final int subgroupCount;
        final int maxAngularGroup;
        final int powerLevels;
        final int radialCount;

        ElementPlan(List<SymmetryFunction> sfs, List<String> elements) {
            n = sfs.size();
            Map<String, Integer> cutIdx = new LinkedHashMap<>();
            List<CutoffFunction> cuts = new ArrayList<>();
            Map<String, List<Integer>> radialKeys = new LinkedHashMap<>();
            Map<String, List<Integer>> angularKeys = new LinkedHashMap<>();
            for (int k = 0; k < n; k++) {
                SymmetryFunction f = sfs.get(k);
                String ck = f.cutoff() + "|" + f.rc() + "|" + f.alpha();
                int ci = cutIdx.computeIfAbsent(ck, key -> {
                    cuts.add(new CutoffFunction(f.cutoff(), f.rc(), f.alpha()));
                    return cuts.size() - 1;
                });
                if (f.isRadial()) {
                    radialKeys.computeIfAbsent(f.e1() + "|" + ci, key -> new ArrayList<>()).add(k);
                } else {
                    angularKeys.computeIfAbsent(f.type() + "|" + f.e1() + "|" + f.e2() + "|" + ci,
                        key -> new ArrayList<>()).add(k);
                }
            }
            cutoffs = cuts.toArray(new CutoffFunction[0]);
            radial = new RadialGroup[radialKeys.size()];
            int gi = 0;
            for (List<Integer> ks : radialKeys.values()) {
                SymmetryFunction f0 = sfs.get(ks.get(0));
                RadialGroup g = new RadialGroup();
                g.e1 = elements.indexOf(f0.e1());
                g.cutoff = cutIdx.get(f0.cutoff() + "|" + f0.rc() + "|" + f0.alpha());
                g.rc = f0.rc();
                g.eta = new double[ks.size()];
                g.rs = new double[ks.size()];
                g.out = new int[ks.size()];
                // functions of one eta together (in order of first appearance), by ascending shift within it
                List<Integer> order = new ArrayList<>(ks);
                List<Double> etas = new ArrayList<>();
                for (int k : ks) {
                    if (!etas.contains(sfs.get(k).eta())) {
                        etas.add(sfs.get(k).eta());
                    }
                }
                order.sort(java.util.Comparator.<Integer>comparingInt(k -> etas.indexOf(sfs.get(k).eta()))
                    .thenComparingDouble(k -> sfs.get(k).rs()));
                for (int q = 0; q < order.size(); q++) {
                    SymmetryFunction f = sfs.get(order.get(q));
                    g.eta[q] = f.eta();
                    g.rs[q] = f.rs();
                    g.out[q] = order.get(q);
                }
                g.eta2 = new double[g.eta.length];
                for (int q = 0; q < g.eta.length; q++) {
                    g.eta2[q] = 2.0 * g.eta[q];
                }
                planSteps(g);
                radial[gi++] = g;
            }
            angular = new AngularGroup[angularKeys.size()];
            gi = 0;
            int sub = 0;
            for (List<Integer> ks : angularKeys.values()) {
                SymmetryFunction f0 = sfs.get(ks.get(0));
                AngularGroup g = new AngularGroup();
                g.type = f0.type();
                g.index = gi;
                g.e1 = elements.indexOf(f0.e1());
                g.e2 = elements.indexOf(f0.e2());
                g.cutoff = cutIdx.get(f0.cutoff() + "|" + f0.rc() + "|" + f0.alpha());
                g.rc = f0.rc();
                g.cutoffFunction = cutoffs[g.cutoff];
                // subgroups by (eta, rs); functions keep their relative order within a subgroup
                Map<String, List<Integer>> subs = new LinkedHashMap<>();
                for (int k : ks) {
                    SymmetryFunction f = sfs.get(k);
                    subs.computeIfAbsent(f.eta() + "|" + f.rs(), key -> new ArrayList<>()).add(k);
                }
                int ns = subs.size();
                g.subBase = sub;
                sub += ns;
                g.subEta = new double[ns];
                g.subRs = new double[ns];
                g.subStart = new int[ns + 1];
                int total = ks.size();
                g.zeta = new double[total];
                g.izeta = new int[total];
                g.lambda = new double[total];
                g.pref = new double[total];
                g.prefDeriv = new double[total];
                g.zetaBits = new int[total][];
                g.out = new int[total];
                int q = 0;
                int sg = 0;
                for (List<Integer> members : subs.values()) {
                    SymmetryFunction fs = sfs.get(members.get(0));
                    g.subEta[sg] = fs.eta();
                    g.subRs[sg] = fs.rs();
                    g.subStart[sg] = q;
                    for (int k : members) {
                        SymmetryFunction f = sfs.get(k);
                        g.zeta[q] = f.zeta();
                        g.izeta[q] = f.zeta() == Math.rint(f.zeta()) && f.zeta() <= 1 << 20 ? (int) f.zeta() : -1;
                        g.lambda[q] = f.lambda();
                        g.pref[q] = Math.pow(2.0, 1.0 - f.zeta());
                        g.prefDeriv[q] = g.pref[q] * f.zeta() * f.lambda();
                        if (g.izeta[q] >= 1) {
                            g.zetaBits[q] = bits(g.izeta[q]);
                            int hb = 31 - Integer.numberOfLeadingZeros(g.izeta[q]);
                            g.maxBit = Math.max(g.maxBit, hb);
                            if (f.lambda() > 0) {
                                g.maxBitPlus = Math.max(g.maxBitPlus, hb);
                            } else {
                                g.maxBitMinus = Math.max(g.maxBitMinus, hb);
                            }
                        }
                        g.out[q] = k;
                        q++;
                    }
                    sg++;
                }
                g.subStart[ns] = q;
                g.allInteger = true;
                for (int[] zb : g.zetaBits) {
                    g.allInteger &= zb != null;
                }
                for (double l : g.lambda) {
                    g.usesPlus |= l > 0;
                    g.usesMinus |= !(l > 0);
                }
                g.pairKernel = PAIR_KERNEL && g.allInteger && g.e1 == g.e2 && g.type == SymmetryFunction.ANGULAR_WIDE;
                angular[gi++] = g;
            }
            subgroupCount = sub;
            int mg = 0;
            for (AngularGroup g : angular) {
                mg = Math.max(mg, g.out.length);
            }
            maxAngularGroup = mg;
            int levels = 0;
            for (AngularGroup g : angular) {
                levels = Math.max(levels, g.maxBit + 1);
            }
            powerLevels = levels;
            int rc = 0;
            for (RadialGroup g : radial) {
                rc += g.eta.length;
            }
            radialCount = rc;
        }
    }
}
