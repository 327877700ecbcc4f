package dev.sieve.select.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * {@code cur}: greedy deterministic CUR column selection on the feature matrix, the iterative variant of Imbalzano et
 * al., J. Chem. Phys. 148, 241730 (2018). X = training atoms of the element x its scaled candidate features, columns
 * centred on the training atoms. Repeat until c columns are picked:
 * <ol>
 *   <li>leverage score of column j: {@code pi_j = sum_{i < k} v_ij^2} over the top-k right singular vectors v_i of X
 *       (k = 1 by default, as in the paper's greedy selection);</li>
 *   <li>pick the column of highest leverage (equal scores: the lower index);</li>
 *   <li>orthogonalise every remaining column against the picked one, {@code x_l <- x_l - x_j (x_j . x_l) / |x_j|^2},
 *       and recompute.</li>
 * </ol>
 * Everything runs on the D x D Gram matrix {@code C = X^T X} (the right singular vectors of X are the eigenvectors of
 * C, and the orthogonalisation is {@code C <- C - C[:,j] C[j,:] / C_jj}), so the atoms are read once. A column whose
 * remaining norm has fallen below 1e-10 of its original (a linear combination of the picked ones) is exhausted: it is
 * picked only after every other column, in index order. The sets of one element are nested.
 */
public final class CurSelection implements SelectionMethod.Ranking {
    public static final String NAME = "cur";
    static final double EXHAUSTED = 1e-10;

    private final int k;

    /** @param k number of right singular vectors in the leverage score (&gt;= 1) */
    public CurSelection(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        this.k = k;
    }

    public CurSelection() {
        this(1);
    }

    @Override
    public int[] rank(Element in, int n) {
        return rank(in.rows().centredGram(), n, k);
    }

    /** The first {@code n} columns picked from the Gram matrix {@code c} (modified). */
    static int[] rank(double[][] c, int n, int k) {
        int d = c.length;
        double[] diag0 = new double[d];
        for (int j = 0; j < d; j++) {
            diag0[j] = c[j][j];
        }
        boolean[] picked = new boolean[d];
        int[] out = new int[n];
        int m = 0;
        while (m < n) {
            List<Integer> active = new ArrayList<>();
            for (int j = 0; j < d; j++) {
                if (!picked[j] && c[j][j] > EXHAUSTED * diag0[j] && c[j][j] > 0) {
                    active.add(j);
                }
            }
            if (active.isEmpty()) {
                break;
            }
            double[] lev = leverage(c, active, k);
            int best = 0;
            for (int a = 1; a < lev.length; a++) {
                if (lev[a] > lev[best]) {
                    best = a;
                }
            }
            int j = active.get(best);
            picked[j] = true;
            out[m++] = j;
            orthogonalise(c, j);
        }
        for (int j = 0; j < d && m < n; j++) {
            if (!picked[j]) {
                picked[j] = true;
                out[m++] = j;
            }
        }
        return out;
    }

    /** Leverage scores of the active columns from the top-k eigenvectors of their Gram block. */
    static double[] leverage(double[][] c, List<Integer> active, int k) {
        int a = active.size();
        DMatrixRMaj g = new DMatrixRMaj(a, a);
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < a; j++) {
                g.set(i, j, c[active.get(i)][active.get(j)]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(a, true, true);
        if (!eig.decompose(g)) {
            throw new IllegalStateException("eigendecomposition of the feature Gram matrix failed");
        }
        Integer[] order = new Integer[eig.getNumberOfEigenvalues()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(eig.getEigenvalue(y).getReal(), eig.getEigenvalue(x).getReal()));
        double top = eig.getEigenvalue(order[0]).getReal();
        double[] lev = new double[a];
        for (int r = 0; r < Math.min(k, order.length); r++) {
            if (!(eig.getEigenvalue(order[r]).getReal() > EXHAUSTED * top)) {
                break; // the null space carries no leverage
            }
            DMatrixRMaj v = eig.getEigenVector(order[r]);
            for (int i = 0; i < a; i++) {
                lev[i] += v.get(i) * v.get(i);
            }
        }
        return lev;
    }

    /** Removes the direction of column j from every column: {@code C <- C - C[:,j] C[j,:] / C_jj}. */
    static void orthogonalise(double[][] c, int j) {
        int d = c.length;
        double cjj = c[j][j];
        double[] cj = c[j].clone();
        for (int r = 0; r < d; r++) {
            double f = cj[r] / cjj;
            if (f == 0.0) {
                continue;
            }
            for (int s = 0; s < d; s++) {
                c[r][s] -= f * cj[s];
            }
        }
        for (int s = 0; s < d; s++) {
            c[j][s] = 0.0;
            c[s][j] = 0.0;
        }
    }
}
