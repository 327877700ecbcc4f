package dev.sieve.descriptor;

import static dev.sieve.descriptor.AngularKernels.angular;
import static dev.sieve.descriptor.AngularKernels.angularForces;
import static dev.sieve.descriptor.RadialKernels.radial;
import static dev.sieve.descriptor.RadialKernels.radialForces;
import static dev.sieve.descriptor.RadialKernels.radialValuesCached;

import dev.sieve.neighbor.NeighborList;
import java.util.Arrays;
import java.util.List;
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
 * <p>This class is the facade: {@link ElementPlan} (with {@link RadialGroup} and {@link AngularGroup}) is what is
 * computed for each element, and the kernels are {@link RadialKernels}, {@link AngularKernels} and, for the flat
 * pair loops of the wide type, {@link AngularPairKernels}.
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

    public DescriptorCalculator(SymmetryFunctionSet set) {
        this.set = Objects.requireNonNull(set);
        this.elements = set.elements().toArray(new String[0]);
        this.plans = new ElementPlan[elements.length];
        for (int e = 0; e < elements.length; e++) {
            plans[e] = new ElementPlan(set.forElement(elements[e]), set.elements());
        }
        this.maxCutoff = set.maxCutoff();
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
}
