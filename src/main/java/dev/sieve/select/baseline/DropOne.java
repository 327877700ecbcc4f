package dev.sieve.select.baseline;

import dev.sieve.nn.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code drop-one}: backward elimination on the dense fit, one candidate at a time. A dropped candidate's input is
 * held at its training mean; at each step the candidate whose removal (added to those already removed) changes the
 * dense model's atomic energies least is dropped, measured as the mean squared difference from the dense model's
 * energies over a fixed sample of training atoms (every k-th row, at most {@value #MAX_ROWS}). The reverse order of
 * removal is the ranking, so the sets are nested; equal scores drop the later candidate. No network is refitted
 * during the elimination (a drop-one search with a refit per trial would need D(D+1)/2 fits); the kept sets are
 * refitted by {@link dev.sieve.select.BaselinePath} and {@code sieve refit} like every method's.
 *
 * <p>Cost: about D^2/2 forward passes per sampled row.
 */
final class DropOne implements SelectionMethod.Ranking {
    public static final String NAME = "drop-one";
    /** Most training rows the elimination reads. */
    static final int MAX_ROWS = 1024;

    @Override
    public int[] rank(Element in, int n) {
        return Arrays.copyOf(eliminationOrder(in.dense(), in.rows(), MAX_ROWS), n);
    }

    /** All candidates, the last one removed first (the ranking, best first). */
    static int[] eliminationOrder(Network net, FeatureRows rows, int maxRows) {
        int d = rows.columns();
        double[][] x = sample(rows, maxRows);
        double[] mean = rows.means();
        Network.Workspace ws = net.newWorkspace();
        double[] ref = new double[x.length];
        for (int r = 0; r < x.length; r++) {
            ref[r] = net.energy(x[r], 0, ws);
        }
        boolean[] gone = new boolean[d];
        int[] order = new int[d];
        for (int pos = d - 1; pos > 0; pos--) {
            int best = -1;
            double bestScore = Double.POSITIVE_INFINITY;
            for (int j = 0; j < d; j++) {
                if (gone[j]) {
                    continue;
                }
                double s = 0;
                for (int r = 0; r < x.length; r++) {
                    double old = x[r][j];
                    x[r][j] = mean[j];
                    double e = net.energy(x[r], 0, ws) - ref[r];
                    x[r][j] = old;
                    s += e * e;
                }
                if (!(s > bestScore)) { // ties (and NaN) drop the later candidate
                    bestScore = s;
                    best = j;
                }
            }
            gone[best] = true;
            for (double[] row : x) {
                row[best] = mean[best];
            }
            order[pos] = best;
        }
        for (int j = 0; j < d; j++) {
            if (!gone[j]) {
                order[0] = j;
            }
        }
        return order;
    }

    /** Every k-th row, k = ceil(rows / maxRows), copied. */
    private static double[][] sample(FeatureRows rows, int maxRows) {
        long total = rows.rows();
        long k = Math.max(1, (total + maxRows - 1) / maxRows);
        int d = rows.columns();
        List<double[]> out = new ArrayList<>();
        long[] i = {0};
        rows.forEach((x, off) -> {
            if (i[0]++ % k == 0) {
                out.add(Arrays.copyOfRange(x, off, off + d));
            }
        });
        return out.toArray(new double[0][]);
    }
}
