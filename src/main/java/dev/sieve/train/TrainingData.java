package dev.sieve.train;

import dev.sieve.core.Seeds;

import dev.sieve.descriptor.AtomDescriptors;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.core.InputException;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.nn.FeatureStatistics;
import dev.sieve.nn.FeatureStatisticsAccumulator;
import dev.sieve.nn.Scaling;
import dev.sieve.nn.ScalingMode;
import dev.sieve.structure.Structure;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Structures prepared for training: the raw symmetry functions of every atom, computed once, and (for force
 * training) the sparse SF derivatives that the forces on a subset of atoms need.
 *
 * <p>Layout per structure s: {@code x[s]} holds one row of {@code nf[e]} features per atom, the atoms grouped by
 * element (element 0 rows first, each group in file order), so the atoms of one element are contiguous rows; element
 * e's group starts at {@code xOff[s][e]} (in doubles) and has {@code counts[s][e]} rows. {@link #scale} replaces the
 * raw values by the scaled network inputs (and the derivatives by derivatives of the scaled inputs).
 *
 * <p>Force data (only when built with {@code forceAtoms != 0} and the structure has reference forces): the forces on
 * {@code nForce[s]} atoms, the "force atoms" (all atoms of structures with at most {@code forceAtoms} atoms, else a
 * random subset of {@code forceAtoms} drawn with the seed). For force atom j, its pairs
 * {@code pairStart[s][j] .. pairStart[s][j+1]} list every atom i whose features depend on j's position (j itself
 * included): the element {@code pairElem}, the row {@code pairRow} of i inside its element group, and at
 * {@code pairD[s][pairDOff[s][p] + c*nf + k]} the derivative dG_ik / dr_jc (periodic images of j summed). So
 * F_jc = -sum_pairs sum_k dE_i/dG_ik dG_ik/dr_jc. Only those blocks are kept, not the derivatives of every atom,
 * and in single precision (relative rounding 1e-7, far below any force error a potential reaches; the loss and its
 * gradient use the stored values consistently): memory per structure is about
 * {@code forceAtoms * (neighbours + 1) * nf * 3 * 4} bytes (32 force atoms of a 256-atom Al cell with thesis22:
 * 32 * 70 * 22 * 12 B = 0.6 MB, instead of 9.4 MB for the double derivatives of all atoms).
 */
public final class TrainingData {
    /** Default number of force atoms per structure: all atoms up to this size, else a random subset of this size. */
    public static final int DEFAULT_FORCE_ATOMS = 32;

    final SymmetryFunctionSet set;
    final List<String> elements;
    final int ne;
    final int[] nf;
    final int size;
    final List<Structure> structures;
    final int[] atoms;
    final int[][] counts;
    final double[] energy;
    final double[][] x;
    final int[][] xOff;
    // forces
    final boolean hasForceData;
    final int[] nForce;
    final int[][] forceAtom;
    final double[][] fRef;
    final int[][] pairStart;
    final int[][] pairElem;
    final int[][] pairRow;
    final int[][] pairDOff;
    final float[][] pairD;
    /** Energy minus the reference energies of the atoms (set by {@link #setAtomEnergies}). */
    final double[] target;
    /** Loss weight of each structure (1 unless {@link #setWeights}). */
    final double[] weight;
    /** Energy term per atom (true, the default) or of the total energy. */
    boolean perAtomEnergy = true;
    private boolean scaled;
    /** On-the-fly derivatives: how to recompute the blocks (null: they are stored in pairD). */
    private OnTheFly onTheFly;

    /**
     * The recipe of the derivative blocks when they are recomputed per use: the engine of the original set,
     * its feature counts, the current features' indices in it (identity until {@link #subset}) and the
     * scaling factors of the current features (null until {@link #scale}).
     */
    private record OnTheFly(DescriptorEngine engine, int[] nfRaw, int[][] keep, double[][] fac) {}

    private TrainingData(SymmetryFunctionSet set, List<Structure> structures, boolean forces) {
        this.set = set;
        this.elements = set.elements();
        this.ne = elements.size();
        this.nf = new int[ne];
        for (int e = 0; e < ne; e++) {
            nf[e] = set.size(elements.get(e));
        }
        this.structures = List.copyOf(structures);
        this.size = structures.size();
        this.atoms = new int[size];
        this.counts = new int[size][];
        this.energy = new double[size];
        this.target = new double[size];
        this.weight = new double[size];
        Arrays.fill(weight, 1.0);
        this.x = new double[size][];
        this.xOff = new int[size][];
        this.hasForceData = forces;
        this.nForce = new int[size];
        this.forceAtom = new int[size][];
        this.fRef = new double[size][];
        this.pairStart = new int[size][];
        this.pairElem = new int[size][];
        this.pairRow = new int[size][];
        this.pairDOff = new int[size][];
        this.pairD = new float[size][];
    }

    /**
     * Computes the raw SFs of every structure (in parallel over structures on {@code engine}'s threads).
     *
     * @param what       a label for messages (e.g. the file name)
     * @param forceAtoms 0: no force data; &gt; 0: force atoms per structure (all atoms if the structure has at most
     *                   this many); structures without reference forces get none
     * @param seed       seed of the force-atom choice (structure k uses a stream split from it by k)
     */
    public static TrainingData build(String what, List<Structure> structures, SymmetryFunctionSet set,
                                     DescriptorEngine engine, int forceAtoms, long seed) {
        return build(what, structures, set, engine, forceAtoms, seed, DerivativeStorage.STORED);
    }

    /**
     * As {@link #build(String, List, SymmetryFunctionSet, DescriptorEngine, int, long)}, with the force derivatives
     * stored or recomputed per use ({@link DerivativeStorage}; AUTO decides from an estimate of the stored size).
     */
    public static TrainingData build(String what, List<Structure> structures, SymmetryFunctionSet set,
                                     DescriptorEngine engine, int forceAtoms, long seed, DerivativeStorage storage) {
        if (structures.isEmpty()) {
            throw new InputException(what + ": no structures");
        }
        for (Structure s : structures) {
            if (!s.hasEnergy()) {
                throw new InputException(s.origin() + ": structure has no energy; training needs reference energies");
            }
            if (s.size() == 0) {
                throw new InputException(s.origin() + ": structure has no atoms");
            }
            checkPhysical(s);
            engine.elementIndices(s); // unknown elements: one message naming structure and element
        }
        TrainingData d = new TrainingData(set, structures, forceAtoms > 0);
        boolean lazy = forceAtoms > 0 && (storage == DerivativeStorage.ON_THE_FLY
            || storage == DerivativeStorage.AUTO && estimatedDerivativeBytes(structures, engine, forceAtoms, d.nf)
            > DerivativeStorage.AUTO_HEAP_SHARE * Runtime.getRuntime().maxMemory());
        if (lazy) {
            int[][] keep = new int[d.ne][];
            for (int e = 0; e < d.ne; e++) {
                keep[e] = new int[d.nf[e]];
                for (int k = 0; k < keep[e].length; k++) {
                    keep[e][k] = k;
                }
            }
            // a one-thread engine of its own: recomputation runs on the callers' threads
            d.onTheFly = new OnTheFly(new DescriptorEngine(set, 1), d.nf.clone(), keep, null);
        }
        int n = structures.size();
        int tasks = Math.min(n, engine.threads());
        engine.parallel(tasks, t -> {
            for (int k = (int) ((long) n * t / tasks); k < (int) ((long) n * (t + 1) / tasks); k++) {
                d.prepare(k, engine, forceAtoms, seed);
            }
        });
        return d;
    }

    /** Largest |energy| per atom (eV) and |force component| (eV/Å) taken as physical reference data. */
    static final double MAX_REFERENCE = 1e6;

    /** Rejects reference energies and forces so large that the loss would overflow (naming structure and atom). */
    private static void checkPhysical(Structure s) {
        double e = s.energy();
        if (!Double.isFinite(e) || !(Math.abs(e / s.size()) <= MAX_REFERENCE)) {
            throw new InputException(s.origin() + ": energy " + e + " eV is not physical (more than " + MAX_REFERENCE
                + " eV per atom in magnitude); the training loss would overflow");
        }
        if (s.hasForces()) {
            double[] f = s.forces();
            for (int q = 0; q < f.length; q++) {
                if (!Double.isFinite(f[q]) || !(Math.abs(f[q]) <= MAX_REFERENCE)) {
                    throw new InputException(s.origin() + ": force " + f[q] + " eV/Å on atom " + q / 3 + " is not "
                        + "physical (more than " + MAX_REFERENCE + " eV/Å in magnitude)");
                }
            }
        }
    }

    private void prepare(int k, DescriptorEngine engine, int forceAtoms, long seed) {
        Structure s = structures.get(k);
        atoms[k] = s.size();
        energy[k] = s.energy();
        if (!Double.isFinite(energy[k])) {
            throw new InputException(s.origin() + ": energy is " + energy[k]);
        }
        boolean forces = forceAtoms > 0 && s.hasForces();
        // computeSerial: this runs inside one of the engine's tasks (parallel over structures)
        AtomDescriptors ad = engine.computeSerial(s, forces);
        int[] row = storeFeatures(k, ad);
        if (!forces) {
            nForce[k] = 0;
            return;
        }
        int[] chosen = chooseForceAtoms(s.size(), forceAtoms, Seeds.perItem(seed, k));
        fRef[k] = forceReferences(s, chosen);
        Pairs pairs = collectPairs(s, engine, ad, chosen, nf);
        storePairs(k, pairs, ad.element(), row, chosen);
        if (onTheFly != null) {
            pairD[k] = null; // recomputed per use (derivatives)
        }
    }

    /**
     * Bytes the stored derivative blocks would take: force atoms x (mean neighbours + 1) x features x 12, the mean
     * neighbour count from up to 8 structures spread over the list.
     */
    static long estimatedDerivativeBytes(List<Structure> structures, DescriptorEngine engine, int forceAtoms,
                                         int[] nf) {
        int maxNf = 0;
        for (int f : nf) {
            maxNf = Math.max(maxNf, f);
        }
        int n = structures.size();
        int samples = Math.min(8, n);
        double nb = 0;
        long atoms = 0;
        for (int t = 0; t < samples; t++) {
            Structure s = structures.get((int) ((long) n * t / samples));
            NeighborList nl = engine.neighbors(s);
            nb += nl.size();
            atoms += s.size();
        }
        double meanNb = nb / Math.max(1, atoms);
        double bytes = 0;
        for (Structure s : structures) {
            if (s.hasForces()) {
                bytes += Math.min(s.size(), forceAtoms) * (meanNb + 1) * maxNf * 12.0;
            }
        }
        return (long) bytes;
    }

    /** True if the force derivatives are recomputed per use instead of stored. */
    public boolean derivativesOnTheFly() {
        return onTheFly != null;
    }

    /**
     * The derivative blocks of structure k in the layout of {@code pairD[k]} (see the class comment): the stored
     * array, or, on the fly, the blocks recomputed into {@code holder[0]} (grown as needed) with the very operations
     * of the stored path (double derivatives rounded to float, times the scaling factor rounded to float), so
     * training is bit-identical either way. Null for a structure without force data.
     */
    float[] derivatives(int k, float[][] holder) {
        if (onTheFly == null || pairElem[k] == null) {
            return pairD[k];
        }
        OnTheFly r = onTheFly;
        Structure s = structures.get(k);
        AtomDescriptors ad = r.engine().computeSerial(s, true);
        Pairs pr = collectPairs(s, r.engine(), ad, forceAtom[k], r.nfRaw());
        int[] order = pairOrder(pr, forceAtom[k].length);
        int np = pr.np();
        int len = pairDOff[k][np];
        if (holder[0] == null || holder[0].length < len) {
            holder[0] = new float[Math.max(len, holder[0] == null ? 0 : holder[0].length * 3 / 2)];
        }
        float[] out = holder[0];
        double[] pd = pr.pd();
        int[] el = ad.element();
        for (int q = 0; q < np; q++) {
            int p = order[q];
            int e = el[pr.pi()[p]];
            int[] ke = r.keep()[e];
            double[] f = r.fac() == null ? null : r.fac()[e];
            int nfe = ke.length;
            int src = pr.pdo()[p];
            int w = pairDOff[k][q];
            for (int c = 0; c < 3; c++) {
                for (int t = 0; t < nfe; t++) {
                    float v = (float) pd[src + 3 * ke[t] + c];
                    out[w + c * nfe + t] = f == null ? v : (float) (v * f[t]);
                }
            }
        }
        return out;
    }

    /** Stores the atoms' feature rows grouped by element; returns each atom's row within its element. */
    private int[] storeFeatures(int k, AtomDescriptors ad) {
        int n = atoms[k];
        int[] el = ad.element();
        int[] cnt = new int[ne];
        for (int i = 0; i < n; i++) {
            cnt[el[i]]++;
        }
        int[] off = new int[ne];
        int o = 0;
        for (int e = 0; e < ne; e++) {
            off[e] = o;
            o += cnt[e] * nf[e];
        }
        double[] xs = new double[o];
        int[] row = new int[n];
        int[] next = new int[ne];
        for (int i = 0; i < n; i++) {
            int e = el[i];
            row[i] = next[e]++;
            System.arraycopy(ad.values(), ad.offset()[i], xs, off[e] + row[i] * nf[e], nf[e]);
        }
        counts[k] = cnt;
        xOff[k] = off;
        x[k] = xs;
        return row;
    }

    /** The force atoms of a structure of n atoms: all when n &lt;= m, else m drawn with the per-structure seed. */
    private static int[] chooseForceAtoms(int n, int forceAtoms, long itemSeed) {
        int m = Math.min(n, forceAtoms);
        int[] chosen = new int[m];
        if (m == n) {
            for (int i = 0; i < n; i++) {
                chosen[i] = i;
            }
            return chosen;
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(itemSeed);
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        chosen = Arrays.copyOf(perm, m);
        Arrays.sort(chosen);
        return chosen;
    }

    private static double[] forceReferences(Structure s, int[] chosen) {
        int m = chosen.length;
        double[] f = new double[3 * m];
        for (int q = 0; q < m; q++) {
            for (int c = 0; c < 3; c++) {
                f[3 * q + c] = s.forces()[3 * chosen[q] + c];
                if (!Double.isFinite(f[3 * q + c])) {
                    throw new InputException(s.origin() + ": force on atom " + chosen[q] + " is " + f[3 * q + c]);
                }
            }
        }
        return f;
    }

    /**
     * The (centre i, force atom q) pairs with a derivative block dG_i/dr_q, in i-major order, images of q summed.
     *
     * @param np  number of pairs
     * @param pj  force atom (local index) of each pair
     * @param pi  centre atom of each pair
     * @param pdo offset of each pair's [k][c] block in pd
     * @param pd  the derivative blocks
     * @param len used length of pd
     */
    private record Pairs(int np, int[] pj, int[] pi, int[] pdo, double[] pd, int len) {}

    private static Pairs collectPairs(Structure s, DescriptorEngine engine, AtomDescriptors ad, int[] chosen, int[] nf) {
        int n = s.size();
        int m = chosen.length;
        int[] local = new int[n];
        Arrays.fill(local, -1);
        for (int q = 0; q < m; q++) {
            local[chosen[q]] = q;
        }
        int[] el = ad.element();
        // the list is rebuilt (deterministic, same order as the one computeSerial used): it is not returned
        NeighborList nl = engine.neighbors(s);
        int[] idx = nl.indexArray();
        int[] pj = new int[64];
        int[] pi = new int[64];
        int[] pdo = new int[65];
        double[] pd = new double[1024];
        int np = 0;
        int dlen = 0;
        int[] mark = new int[m];
        Arrays.fill(mark, -1);
        double[] dv = ad.derivatives();
        for (int i = 0; i < n; i++) {
            int nfe = nf[el[i]];
            int cnn = nl.count(i);
            int s0 = nl.start(i);
            long base = ad.dOffset()[i];
            int firstPair = np;
            for (int sl = 0; sl <= cnn; sl++) {
                int q = local[sl < cnn ? idx[s0 + sl] : i];
                if (q < 0) {
                    continue;
                }
                int p = mark[q];
                if (p < firstPair) {
                    // new pair
                    if (np == pj.length) {
                        pj = Arrays.copyOf(pj, 2 * np);
                        pi = Arrays.copyOf(pi, 2 * np);
                        pdo = Arrays.copyOf(pdo, 2 * np + 1);
                    }
                    p = np++;
                    mark[q] = p;
                    pj[p] = q;
                    pi[p] = i;
                    pdo[p] = dlen;
                    if (pd.length < dlen + 3 * nfe) {
                        pd = Arrays.copyOf(pd, Math.max(2 * pd.length, dlen + 3 * nfe));
                    }
                    dlen += 3 * nfe;
                    Arrays.fill(pd, pdo[p], dlen, 0.0);
                }
                int src = (int) (base + (long) sl * nfe * 3);
                int dst = pdo[p];
                for (int t = 0; t < 3 * nfe; t++) {
                    pd[dst + t] += dv[src + t];
                }
            }
        }
        return new Pairs(np, pj, pi, pdo, pd, dlen);
    }

    /** The pairs grouped by force atom (counting sort, stable in i): position r holds pair order[r]. */
    private static int[] pairOrder(Pairs pr, int m) {
        int np = pr.np();
        int[] fill = new int[m + 1];
        for (int p = 0; p < np; p++) {
            fill[pr.pj()[p] + 1]++;
        }
        for (int q = 0; q < m; q++) {
            fill[q + 1] += fill[q];
        }
        int[] order = new int[np];
        for (int p = 0; p < np; p++) {
            order[fill[pr.pj()[p]]++] = p;
        }
        return order;
    }

    /** Groups the pairs by force atom (counting sort, stable in i) and stores their blocks as [c][k] floats. */
    private void storePairs(int k, Pairs pr, int[] el, int[] row, int[] chosen) {
        int m = chosen.length;
        int np = pr.np();
        int[] start = new int[m + 1];
        for (int p = 0; p < np; p++) {
            start[pr.pj()[p] + 1]++;
        }
        for (int q = 0; q < m; q++) {
            start[q + 1] += start[q];
        }
        int[] order = pairOrder(pr, m);
        int[] gElem = new int[np];
        int[] gRow = new int[np];
        int[] gOff = new int[np + 1];
        float[] gD = new float[pr.len()];
        double[] pd = pr.pd();
        int w = 0;
        for (int r = 0; r < np; r++) {
            int p = order[r];
            int i = pr.pi()[p];
            gElem[r] = el[i];
            gRow[r] = row[i];
            gOff[r] = w;
            int nfe = nf[el[i]];
            // transpose the block from [k][c] to [c][k]: three contiguous rows of nf derivatives
            int src = pr.pdo()[p];
            for (int kk = 0; kk < nfe; kk++) {
                gD[w + kk] = (float) pd[src + 3 * kk];
                gD[w + nfe + kk] = (float) pd[src + 3 * kk + 1];
                gD[w + 2 * nfe + kk] = (float) pd[src + 3 * kk + 2];
            }
            w += 3 * nfe;
        }
        gOff[np] = w;
        nForce[k] = m;
        forceAtom[k] = chosen;
        pairStart[k] = start;
        pairElem[k] = gElem;
        pairRow[k] = gRow;
        pairDOff[k] = gOff;
        pairD[k] = gD;
    }

    public int size() {
        return size;
    }

    public List<String> elements() {
        return elements;
    }

    public SymmetryFunctionSet symmetryFunctions() {
        return set;
    }

    /**
     * For each structure of {@code idx}, how many of its feature values lie outside the range (per element and
     * feature, minimum to maximum) that the structures of {@code ref} span: n2p2's extrapolation count, with the
     * range of the reference structures instead of a scaling file.
     */
    public int[] outsideRange(int[] ref, int[] idx) {
        double[][] lo = new double[ne][];
        double[][] hi = new double[ne][];
        for (int e = 0; e < ne; e++) {
            lo[e] = new double[nf[e]];
            hi[e] = new double[nf[e]];
            Arrays.fill(lo[e], Double.POSITIVE_INFINITY);
            Arrays.fill(hi[e], Double.NEGATIVE_INFINITY);
        }
        for (int s : ref) {
            for (int e = 0; e < ne; e++) {
                int n = nf[e];
                for (int a = 0, o = xOff[s][e]; a < counts[s][e]; a++, o += n) {
                    for (int k = 0; k < n; k++) {
                        double v = x[s][o + k];
                        lo[e][k] = Math.min(lo[e][k], v);
                        hi[e][k] = Math.max(hi[e][k], v);
                    }
                }
            }
        }
        int[] out = new int[idx.length];
        for (int q = 0; q < idx.length; q++) {
            int s = idx[q];
            int c = 0;
            for (int e = 0; e < ne; e++) {
                int n = nf[e];
                for (int a = 0, o = xOff[s][e]; a < counts[s][e]; a++, o += n) {
                    for (int k = 0; k < n; k++) {
                        double v = x[s][o + k];
                        c += v < lo[e][k] || v > hi[e][k] ? 1 : 0;
                    }
                }
            }
            out[q] = c;
        }
        return out;
    }

    /**
     * Element e's feature rows (copies) of the atoms of the structures {@code idx}, at most about {@code maxRows}
     * (every k-th atom beyond that), in structure and atom order.
     */
    public java.util.List<double[]> featureRows(int[] idx, int e, int maxRows) {
        int n = nf[e];
        long total = 0;
        for (int s : idx) {
            total += counts[s][e];
        }
        long stride = Math.max(1, (total + maxRows - 1) / Math.max(1, maxRows));
        java.util.List<double[]> rows = new java.util.ArrayList<>();
        long k = 0;
        for (int s : idx) {
            for (int a = 0, o = xOff[s][e]; a < counts[s][e]; a++, o += n, k++) {
                if (k % stride == 0) {
                    rows.add(Arrays.copyOfRange(x[s], o, o + n));
                }
            }
        }
        return rows;
    }

    public int numFeatures(int e) {
        return nf[e];
    }

    public Structure structure(int k) {
        return structures.get(k);
    }

    public int atoms(int k) {
        return atoms[k];
    }

    public int count(int k, int e) {
        return counts[k][e];
    }

    /** Number of force atoms of structure k (0 without force data). */
    public int forceAtoms(int k) {
        return nForce[k];
    }

    /** True if any structure carries force data. */
    public boolean anyForces() {
        for (int k = 0; k < size; k++) {
            if (nForce[k] > 0) {
                return true;
            }
        }
        return false;
    }

    /** Bytes held for features and derivatives (approximate). */
    public long memoryBytes() {
        long b = 0;
        for (int k = 0; k < size; k++) {
            b += 8L * x[k].length;
            if (pairElem[k] != null) {
                b += 12L * pairElem[k].length + (pairD[k] != null ? 4L * pairD[k].length : 0);
            }
        }
        return b;
    }

    /** Receives one feature row: {@code x[off .. off + numFeatures(e))}. */
    @FunctionalInterface
    public interface RowVisitor {
        void row(double[] x, int off);
    }

    /**
     * Visits the feature rows (scaled once {@link #scale} ran) of every atom of element e in the structures {@code idx},
     * in structure order and atom order; the arrays are the data's own and must not be modified.
     */
    public void forEachRow(int e, int[] idx, RowVisitor visitor) {
        for (int k : idx) {
            for (int r = 0; r < counts[k][e]; r++) {
                visitor.row(x[k], xOff[k][e] + r * nf[e]);
            }
        }
    }

    /** Raw-feature statistics of element e over the structures {@code idx}, or null if they have no atom of e. */
    public FeatureStatistics statistics(int e, int[] idx) {
        if (scaled) {
            throw new IllegalStateException("statistics must be taken before scaling");
        }
        FeatureStatisticsAccumulator acc = new FeatureStatisticsAccumulator(nf[e]);
        for (int k : idx) {
            for (int r = 0; r < counts[k][e]; r++) {
                acc.add(x[k], xOff[k][e] + r * nf[e]);
            }
        }
        return acc.count() == 0 ? null : acc.result();
    }

    /**
     * Fits one scaling per element on the structures {@code idx} (the training split). An element without training
     * atoms is an InputException; a constant feature a {@link dev.sieve.nn.ConstantFeatureException}.
     */
    public List<Scaling> fitScaling(int[] idx, ScalingMode mode, double smin, double smax) {
        List<Scaling> out = new ArrayList<>();
        for (int e = 0; e < ne; e++) {
            FeatureStatistics st = statistics(e, idx);
            if (st == null) {
                throw new InputException("the training split has no " + elements.get(e) + " atom; every element of "
                    + "the symmetry-function set " + elements + " needs training data");
            }
            out.add(mode == ScalingMode.NONE ? Scaling.identity(elements.get(e), nf[e])
                : new Scaling(elements.get(e), mode, smin, smax, st));
        }
        return out;
    }

    /**
     * Indices of the features of element e that are constant on {@code idx} for {@code mode} (range 0 for range
     * modes, sigma 0 for sigma modes); empty if none.
     */
    public int[] constantFeatures(int e, int[] idx, ScalingMode mode) {
        FeatureStatistics st = statistics(e, idx);
        if (st == null) {
            return new int[0];
        }
        List<Integer> l = new ArrayList<>();
        for (int k = 0; k < nf[e]; k++) {
            boolean bad = mode.usesRange() && !(st.max(k) - st.min(k) > 0.0)
                || mode.usesSigma() && !(st.sigma(k) > 0.0);
            if (bad) {
                l.add(k);
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Replaces raw features by scaled inputs and raw derivatives by derivatives of the scaled inputs. Once. */
    public void scale(List<Scaling> scalings) {
        if (scaled) {
            throw new IllegalStateException("already scaled");
        }
        for (int e = 0; e < ne; e++) {
            if (scalings.get(e).numFeatures() != nf[e]) {
                throw new IllegalArgumentException("scaling of " + elements.get(e) + " has "
                    + scalings.get(e).numFeatures() + " features, data " + nf[e]);
            }
        }
        double[][] fac = new double[ne][];
        for (int e = 0; e < ne; e++) {
            fac[e] = scalings.get(e).factors();
        }
        if (onTheFly != null) {
            onTheFly = new OnTheFly(onTheFly.engine(), onTheFly.nfRaw(), onTheFly.keep(), fac);
        }
        for (int k = 0; k < size; k++) {
            for (int e = 0; e < ne; e++) {
                scalings.get(e).scaleRows(x[k], xOff[k][e], counts[k][e]);
            }
            if (pairD[k] != null) {
                float[] d = pairD[k];
                for (int p = 0; p < pairElem[k].length; p++) {
                    double[] f = fac[pairElem[k][p]];
                    int o = pairDOff[k][p];
                    int n = f.length;
                    for (int kk = 0; kk < n; kk++) {
                        d[o + kk] = (float) (d[o + kk] * f[kk]);
                        d[o + n + kk] = (float) (d[o + n + kk] * f[kk]);
                        d[o + 2 * n + kk] = (float) (d[o + 2 * n + kk] * f[kk]);
                    }
                }
            }
        }
        scaled = true;
    }

    /**
     * Per-element reference energies by weighted least squares on the structures {@code idx}: minimises
     * sum_s ((E_s - sum_e n_se mu_e) / N_s)^2, the same per-atom weighting as the loss. Solved through the normal
     * equations with a tiny ridge (1e-12 of the trace) so compositions that do not determine every mu (e.g. one
     * fixed stoichiometry) still give a finite, minimum-norm-like answer.
     */
    public double[] fitAtomEnergies(int[] idx) {
        double[][] a = new double[ne][ne + 1];
        for (int k : idx) {
            double w = 1.0 / ((double) atoms[k] * atoms[k]);
            for (int e = 0; e < ne; e++) {
                for (int f = 0; f < ne; f++) {
                    a[e][f] += w * counts[k][e] * counts[k][f];
                }
                a[e][ne] += w * counts[k][e] * energy[k];
            }
        }
        double tr = 0;
        for (int e = 0; e < ne; e++) {
            tr += a[e][e];
        }
        for (int e = 0; e < ne; e++) {
            a[e][e] += 1e-12 * tr;
        }
        // Gaussian elimination with partial pivoting
        for (int c = 0; c < ne; c++) {
            int piv = c;
            for (int r = c + 1; r < ne; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                    piv = r;
                }
            }
            double[] t = a[c];
            a[c] = a[piv];
            a[piv] = t;
            if (a[c][c] == 0.0) {
                continue;
            }
            for (int r = c + 1; r < ne; r++) {
                double f = a[r][c] / a[c][c];
                for (int q = c; q <= ne; q++) {
                    a[r][q] -= f * a[c][q];
                }
            }
        }
        double[] mu = new double[ne];
        for (int r = ne - 1; r >= 0; r--) {
            double v = a[r][ne];
            for (int q = r + 1; q < ne; q++) {
                v -= a[r][q] * mu[q];
            }
            mu[r] = a[r][r] == 0.0 ? 0.0 : v / a[r][r];
        }
        return mu;
    }

    /** Sets the training targets E_s - sum_e n_se mu_e. */
    public void setAtomEnergies(double[] mu) {
        for (int k = 0; k < size; k++) {
            double t = energy[k];
            for (int e = 0; e < ne; e++) {
                t -= counts[k][e] * mu[e];
            }
            target[k] = t;
        }
    }

    /** Sets the loss weight of every structure (all finite and >= 0). */
    public void setWeights(double[] w) {
        if (w.length != size) {
            throw new IllegalArgumentException("need " + size + " weights, got " + w.length);
        }
        System.arraycopy(w, 0, weight, 0, size);
    }

    /** The loss weight of structure k. */
    public double weight(int k) {
        return weight[k];
    }

    /** Energy term of the loss per atom (default) or of the total energy. */
    public void setPerAtomEnergy(boolean perAtom) {
        perAtomEnergy = perAtom;
    }

    /**
     * A copy that keeps only the feature columns {@code keep[e]} (ascending indices into element e's current
     * features) of every element, with the matching columns of the force derivatives; scaled state, targets and force
     * data are carried over, so the copy is exactly the data that the kept symmetry functions alone would give (used by
     * feature selection to stop computing removed features). The symmetry-function set is narrowed the same way.
     */
    public TrainingData selectFeatures(int[][] keep) {
        if (keep.length != ne) {
            throw new IllegalArgumentException("need " + ne + " index arrays, got " + keep.length);
        }
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int e = 0; e < ne; e++) {
            for (int i = 0; i < keep[e].length; i++) {
                if (keep[e][i] < 0 || keep[e][i] >= nf[e] || i > 0 && keep[e][i] <= keep[e][i - 1]) {
                    throw new IllegalArgumentException("bad feature indices for " + elements.get(e) + ": "
                        + Arrays.toString(keep[e]));
                }
            }
            m.put(elements.get(e), keep[e]);
        }
        TrainingData d = new TrainingData(set.select(set.name(), m), structures, hasForceData);
        d.perAtomEnergy = perAtomEnergy;
        if (onTheFly != null) {
            int[][] rk = new int[ne][];
            double[][] rf = onTheFly.fac() == null ? null : new double[ne][];
            for (int e = 0; e < ne; e++) {
                rk[e] = new int[keep[e].length];
                if (rf != null) {
                    rf[e] = new double[keep[e].length];
                }
                for (int i = 0; i < keep[e].length; i++) {
                    rk[e][i] = onTheFly.keep()[e][keep[e][i]];
                    if (rf != null) {
                        rf[e][i] = onTheFly.fac()[e][keep[e][i]];
                    }
                }
            }
            d.onTheFly = new OnTheFly(onTheFly.engine(), onTheFly.nfRaw(), rk, rf);
        }
        for (int k = 0; k < size; k++) {
            d.atoms[k] = atoms[k];
            d.counts[k] = counts[k];
            d.energy[k] = energy[k];
            d.target[k] = target[k];
            d.weight[k] = weight[k];
            int[] off = new int[ne];
            int o = 0;
            for (int e = 0; e < ne; e++) {
                off[e] = o;
                o += counts[k][e] * keep[e].length;
            }
            double[] xs = new double[o];
            for (int e = 0; e < ne; e++) {
                int[] ke = keep[e];
                for (int r = 0; r < counts[k][e]; r++) {
                    int src = xOff[k][e] + r * nf[e];
                    int dst = off[e] + r * ke.length;
                    for (int i = 0; i < ke.length; i++) {
                        xs[dst + i] = x[k][src + ke[i]];
                    }
                }
            }
            d.x[k] = xs;
            d.xOff[k] = off;
            d.nForce[k] = nForce[k];
            if (pairElem[k] == null) {
                continue;
            }
            int np = pairElem[k].length;
            int[] gOff = new int[np + 1];
            for (int p = 0; p < np; p++) {
                gOff[p + 1] = gOff[p] + 3 * keep[pairElem[k][p]].length;
            }
            float[] gD = onTheFly != null ? null : new float[gOff[np]];
            for (int p = 0; p < np && gD != null; p++) {
                int[] ke = keep[pairElem[k][p]];
                int src = pairDOff[k][p];
                int nfOld = (pairDOff[k][p + 1] - src) / 3;
                int nfNew = ke.length;
                // layout [c][k]: three rows of nf derivatives per pair
                for (int c = 0; c < 3; c++) {
                    for (int i = 0; i < nfNew; i++) {
                        gD[gOff[p] + c * nfNew + i] = pairD[k][src + c * nfOld + ke[i]];
                    }
                }
            }
            d.forceAtom[k] = forceAtom[k];
            d.fRef[k] = fRef[k];
            d.pairStart[k] = pairStart[k];
            d.pairElem[k] = pairElem[k];
            d.pairRow[k] = pairRow[k];
            d.pairDOff[k] = gOff;
            d.pairD[k] = gD;
        }
        d.scaled = scaled;
        return d;
    }
}
