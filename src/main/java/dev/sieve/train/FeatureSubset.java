package dev.sieve.train;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Feature removal: a {@link TrainingData} store narrowed to some of its feature columns. */
final class FeatureSubset {
    private FeatureSubset() {}

    /**
     * A copy that keeps only the feature columns {@code keep[e]} (ascending indices into element e's current
     * features) of every element, with the matching columns of the force derivatives; scaled state, targets and force
     * data are carried over, so the copy is exactly the data that the kept symmetry functions alone would give (used by
     * feature selection to stop computing removed features). The symmetry-function set is narrowed the same way.
     */
    static TrainingData select(TrainingData in, int[][] keep) {
        if (keep.length != in.ne) {
            throw new IllegalArgumentException("need " + in.ne + " index arrays, got " + keep.length);
        }
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int e = 0; e < in.ne; e++) {
            for (int i = 0; i < keep[e].length; i++) {
                if (keep[e][i] < 0 || keep[e][i] >= in.nf[e] || i > 0 && keep[e][i] <= keep[e][i - 1]) {
                    throw new IllegalArgumentException("bad feature indices for " + in.elements.get(e) + ": "
                        + Arrays.toString(keep[e]));
                }
            }
            m.put(in.elements.get(e), keep[e]);
        }
        TrainingData d = new TrainingData(in.set.select(in.set.name(), m), in.structures, in.hasForceData);
        d.perAtomEnergy = in.perAtomEnergy;
        if (in.onTheFly != null) {
            int[][] rk = new int[in.ne][];
            double[][] rf = in.onTheFly.fac() == null ? null : new double[in.ne][];
            for (int e = 0; e < in.ne; e++) {
                rk[e] = new int[keep[e].length];
                if (rf != null) {
                    rf[e] = new double[keep[e].length];
                }
                for (int i = 0; i < keep[e].length; i++) {
                    rk[e][i] = in.onTheFly.keep()[e][keep[e][i]];
                    if (rf != null) {
                        rf[e][i] = in.onTheFly.fac()[e][keep[e][i]];
                    }
                }
            }
            d.onTheFly = new TrainingData.OnTheFly(in.onTheFly.engine(), in.onTheFly.nfRaw(), rk, rf);
        }
        for (int k = 0; k < in.size; k++) {
            copyStructure(in, d, k, keep);
        }
        d.scaled = in.scaled;
        return d;
    }

    /** Structure k of {@code in} into {@code d}: the kept feature columns and derivative columns. */
    private static void copyStructure(TrainingData in, TrainingData d, int k, int[][] keep) {
        d.atoms[k] = in.atoms[k];
        d.counts[k] = in.counts[k];
        d.energy[k] = in.energy[k];
        d.target[k] = in.target[k];
        d.weight[k] = in.weight[k];
        int[] off = new int[in.ne];
        int o = 0;
        for (int e = 0; e < in.ne; e++) {
            off[e] = o;
            o += in.counts[k][e] * keep[e].length;
        }
        double[] xs = new double[o];
        for (int e = 0; e < in.ne; e++) {
            int[] ke = keep[e];
            for (int r = 0; r < in.counts[k][e]; r++) {
                int src = in.xOff[k][e] + r * in.nf[e];
                int dst = off[e] + r * ke.length;
                for (int i = 0; i < ke.length; i++) {
                    xs[dst + i] = in.x[k][src + ke[i]];
                }
            }
        }
        d.x[k] = xs;
        d.xOff[k] = off;
        d.nForce[k] = in.nForce[k];
        if (in.pairElem[k] == null) {
            return;
        }
        int np = in.pairElem[k].length;
        int[] gOff = new int[np + 1];
        for (int p = 0; p < np; p++) {
            gOff[p + 1] = gOff[p] + 3 * keep[in.pairElem[k][p]].length;
        }
        float[] gD = in.onTheFly != null ? null : new float[gOff[np]];
        for (int p = 0; p < np && gD != null; p++) {
            int[] ke = keep[in.pairElem[k][p]];
            int src = in.pairDOff[k][p];
            int nfOld = (in.pairDOff[k][p + 1] - src) / 3;
            int nfNew = ke.length;
            // layout [c][k]: three rows of nf derivatives per pair
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < nfNew; i++) {
                    gD[gOff[p] + c * nfNew + i] = in.pairD[k][src + c * nfOld + ke[i]];
                }
            }
        }
        d.forceAtom[k] = in.forceAtom[k];
        d.fRef[k] = in.fRef[k];
        d.pairStart[k] = in.pairStart[k];
        d.pairElem[k] = in.pairElem[k];
        d.pairRow[k] = in.pairRow[k];
        d.pairDOff[k] = gOff;
        d.pairD[k] = gD;
    }
}
