package dev.sieve.select.baseline;

/**
 * {@code fps}: farthest point sampling over the features. Each candidate is a point: its column of the feature
 * matrix (training atoms of the element x scaled candidates), standardised (centred, unit variance). The distance of
 * two columns is the Euclidean distance of their standardised vectors, {@code sqrt(2 N (1 - rho))} with rho their
 * correlation over the N atoms, so a feature is far from another when it is little (or negatively) correlated with it.
 * The first pick is the column of largest variance of the scaled inputs (all standardised columns have the same norm);
 * every next pick is the column farthest from the picked set (largest distance to its nearest picked column). Equal
 * values go to the lower index; a constant column (standardised to zero) sits at distance sqrt(N) from every other. The
 * sets of one element are nested.
 */
public final class FarthestPointSampling implements SelectionMethod.Ranking {
    public static final String NAME = "fps";

    @Override
    public int[] rank(Element in, int n) {
        return rank(in.rows().centredGram(), n);
    }

    /** The first {@code n} picks from the centred Gram matrix (N x covariance) of the columns. */
    static int[] rank(double[][] c, int n) {
        int d = c.length;
        int first = 0;
        for (int j = 1; j < d; j++) {
            if (c[j][j] > c[first][first]) {
                first = j;
            }
        }
        double[] near = new double[d]; // squared distance (in units of N) to the nearest picked column
        java.util.Arrays.fill(near, Double.POSITIVE_INFINITY);
        boolean[] picked = new boolean[d];
        int[] out = new int[n];
        int cur = first;
        for (int m = 0; m < n; m++) {
            out[m] = cur;
            picked[cur] = true;
            int next = -1;
            for (int j = 0; j < d; j++) {
                if (picked[j]) {
                    continue;
                }
                near[j] = Math.min(near[j], distance2(c, cur, j));
                if (next < 0 || near[j] > near[next]) {
                    next = j;
                }
            }
            cur = next;
        }
        return out;
    }

    /** Squared distance / N of the standardised columns a and b: {@code |z_a|^2 + |z_b|^2 - 2 z_a.z_b}. */
    static double distance2(double[][] c, int a, int b) {
        boolean va = c[a][a] > 0;
        boolean vb = c[b][b] > 0;
        double rho = va && vb ? c[a][b] / Math.sqrt(c[a][a] * c[b][b]) : 0.0;
        rho = Math.max(-1.0, Math.min(1.0, rho));
        return (va ? 1.0 : 0.0) + (vb ? 1.0 : 0.0) - 2.0 * rho;
    }
}
