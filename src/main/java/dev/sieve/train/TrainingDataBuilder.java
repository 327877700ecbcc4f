package dev.sieve.train;

import dev.sieve.core.InputException;
import dev.sieve.core.Seeds;
import dev.sieve.descriptor.AtomDescriptors;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.structure.Structure;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Computes a {@link TrainingData} store: the raw symmetry functions of every structure and, for force training, the
 * derivative blocks of the force atoms (stored, or only their indices when they are recomputed on the fly).
 */
final class TrainingDataBuilder {
    private TrainingDataBuilder() {}

    /**
     * Computes the raw SFs of every structure (in parallel over structures on {@code engine}'s threads).
     *
     * @param what       a label for messages (e.g. the file name)
     * @param forceAtoms 0: no force data; &gt; 0: force atoms per structure (all atoms if the structure has at most
     *                   this many); structures without reference forces get none
     * @param seed       seed of the force-atom choice (structure k uses a stream split from it by k)
     */
    static TrainingData build(String what, List<Structure> structures, SymmetryFunctionSet set,
                                     DescriptorEngine engine, int forceAtoms, long seed) {
        return build(what, structures, set, engine, forceAtoms, seed, DerivativeStorage.STORED);
    }

    /**
     * As {@link #build(String, List, SymmetryFunctionSet, DescriptorEngine, int, long)}, with the force derivatives
     * stored or recomputed per use ({@link DerivativeStorage}; AUTO decides from an estimate of the stored size).
     */
    static TrainingData build(String what, List<Structure> structures, SymmetryFunctionSet set,
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
        int ne = d.ne;
        boolean lazy = forceAtoms > 0 && (storage == DerivativeStorage.ON_THE_FLY
            || storage == DerivativeStorage.AUTO && estimatedDerivativeBytes(structures, engine, forceAtoms, d.nf)
            > DerivativeStorage.AUTO_HEAP_SHARE * Runtime.getRuntime().maxMemory());
        if (lazy) {
            int[][] keep = new int[ne][];
            for (int e = 0; e < ne; e++) {
                keep[e] = new int[d.nf[e]];
                for (int k = 0; k < keep[e].length; k++) {
                    keep[e][k] = k;
                }
            }
            // a one-thread engine of its own: recomputation runs on the callers' threads
            d.onTheFly = new TrainingData.OnTheFly(new DescriptorEngine(set, 1), d.nf.clone(), keep, null);
        }
        int n = structures.size();
        int tasks = Math.min(n, engine.threads());
        engine.parallel(tasks, t -> {
            for (int k = (int) ((long) n * t / tasks); k < (int) ((long) n * (t + 1) / tasks); k++) {
                fill(d, k, engine, forceAtoms, seed);
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

    /** Structure k's features and (when it has reference forces and forces are trained) its force data. */
    private static void fill(TrainingData d, int k, DescriptorEngine engine, int forceAtoms, long seed) {
        Structure s = d.structures.get(k);
        d.atoms[k] = s.size();
        d.energy[k] = s.energy();
        if (!Double.isFinite(d.energy[k])) {
            throw new InputException(s.origin() + ": energy is " + d.energy[k]);
        }
        boolean forces = forceAtoms > 0 && s.hasForces();
        // computeSerial: this runs inside one of the engine's tasks (parallel over structures)
        AtomDescriptors ad = engine.computeSerial(s, forces);
        int[] row = storeFeatures(d, k, ad);
        if (!forces) {
            d.nForce[k] = 0;
            return;
        }
        int[] chosen = chooseForceAtoms(s.size(), forceAtoms, Seeds.perItem(seed, k));
        d.fRef[k] = forceReferences(s, chosen);
        ForcePairs.Pairs pairs = ForcePairs.collect(s, engine, ad, chosen, d.nf);
        storePairs(d, k, pairs, ad.element(), row, chosen);
        if (d.onTheFly != null) {
            d.pairD[k] = null; // recomputed per use (derivatives)
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

    /** Stores the atoms' feature rows grouped by element; returns each atom's row within its element. */
    private static int[] storeFeatures(TrainingData d, int k, AtomDescriptors ad) {
        int ne = d.ne;
        int[] nf = d.nf;
        int n = d.atoms[k];
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
        d.counts[k] = cnt;
        d.xOff[k] = off;
        d.x[k] = xs;
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

    /** Groups the pairs by force atom (counting sort, stable in i) and stores their blocks as [c][k] floats. */
    private static void storePairs(TrainingData d, int k, ForcePairs.Pairs pr, int[] el, int[] row, int[] chosen) {
        int m = chosen.length;
        int np = pr.np();
        int[] start = ForcePairs.starts(pr, m);
        int[] order = ForcePairs.order(pr, start);
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
            int nfe = d.nf[el[i]];
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
        d.nForce[k] = m;
        d.forceAtom[k] = chosen;
        d.pairStart[k] = start;
        d.pairElem[k] = gElem;
        d.pairRow[k] = gRow;
        d.pairDOff[k] = gOff;
        d.pairD[k] = gD;
    }
}
