package dev.sieve.train;

import dev.sieve.descriptor.AtomDescriptors;
import dev.sieve.descriptor.DescriptorEngine;
import dev.sieve.neighbor.NeighborList;
import dev.sieve.structure.Structure;
import java.util.Arrays;

/**
 * The (centre, force atom) derivative blocks of one structure, gathered from its descriptors: used when the
 * training data are built ({@link TrainingDataBuilder}) and when they are recomputed on the fly
 * ({@link TrainingData#derivatives}).
 */
final class ForcePairs {
    private ForcePairs() {}

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
    record Pairs(int np, int[] pj, int[] pi, int[] pdo, double[] pd, int len) {}

    static Pairs collect(Structure s, DescriptorEngine engine, AtomDescriptors ad, int[] chosen, int[] nf) {
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
    static int[] order(Pairs pr, int m) {
        return order(pr, starts(pr, m));
    }

    /** The first position of force atom q's pairs in the grouped order, for q = 0..m (start[m] = all pairs). */
    static int[] starts(Pairs pr, int m) {
        int[] start = new int[m + 1];
        for (int p = 0; p < pr.np(); p++) {
            start[pr.pj()[p] + 1]++;
        }
        for (int q = 0; q < m; q++) {
            start[q + 1] += start[q];
        }
        return start;
    }

    /** The grouped order from the {@link #starts} of the groups. */
    static int[] order(Pairs pr, int[] start) {
        int np = pr.np();
        int[] fill = start.clone();
        int[] order = new int[np];
        for (int p = 0; p < np; p++) {
            order[fill[pr.pj()[p]]++] = p;
        }
        return order;
    }
}
