package dev.sieve.train;

import dev.sieve.descriptor.AtomDescriptors;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.descriptor.SymmetryFunctionSet;
import dev.sieve.structure.Structure;
import java.util.Arrays;
import java.util.List;

/**
 * Structures prepared for training: the raw symmetry functions of every atom, computed once, and (for force
 * training) the sparse SF derivatives that the forces on a subset of atoms need.
 *
 * <p>This class is the store only (arrays and read access). The preparation produces it and writes into it, in one
 * direction: {@link TrainingDataBuilder} computes the descriptors, {@link DataScaling} scales them,
 * {@link EnergyTargets} sets targets and weights, {@link FeatureSubset} makes a narrower copy, all driven by
 * {@link DataPreparation}; the store calls none of them.
 *
 * <p>Layout per structure s: {@code x[s]} holds one row of {@code nf[e]} features per atom, the atoms grouped by
 * element (element 0 rows first, each group in file order), so the atoms of one element are contiguous rows; element
 * e's group starts at {@code xOff[s][e]} (in doubles) and has {@code counts[s][e]} rows. {@link DataScaling#scale}
 * replaces the raw values by the scaled network inputs (and the derivatives by derivatives of the scaled inputs).
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
    /** Energy minus the reference energies of the atoms (set by {@link EnergyTargets#setAtomEnergies}). */
    final double[] target;
    /** Loss weight of each structure (1 unless {@link EnergyTargets#setWeights}). */
    final double[] weight;
    /** Energy term per atom (true, the default) or of the total energy. */
    boolean perAtomEnergy = true;
    /** Set by {@link DataScaling#scale}: the rows hold scaled network inputs. */
    boolean scaled;
    /** On-the-fly derivatives: how to recompute the blocks (null: they are stored in pairD). */
    OnTheFly onTheFly;

    /**
     * The recipe of the derivative blocks when they are recomputed per use: the engine of the original set,
     * its feature counts, the current features' indices in it (identity until {@link FeatureSubset#select}) and the
     * scaling factors of the current features (null until {@link DataScaling#scale}).
     */
    record OnTheFly(DescriptorEngine engine, int[] nfRaw, int[][] keep, double[][] fac) {}

    TrainingData(SymmetryFunctionSet set, List<Structure> structures, boolean forces) {
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
        ForcePairs.Pairs pr = ForcePairs.collect(s, r.engine(), ad, forceAtom[k], r.nfRaw());
        int[] order = ForcePairs.order(pr, forceAtom[k].length);
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
     * Visits the feature rows (scaled once {@link DataScaling#scale} ran) of every atom of element e in the structures
     * {@code idx}, in structure order and atom order; the arrays are the data's own and must not be modified.
     */
    public void forEachRow(int e, int[] idx, RowVisitor visitor) {
        for (int k : idx) {
            for (int r = 0; r < counts[k][e]; r++) {
                visitor.row(x[k], xOff[k][e] + r * nf[e]);
            }
        }
    }

    /** The loss weight of structure k. */
    public double weight(int k) {
        return weight[k];
    }
}
