package dev.sieve.select.baseline;

import dev.sieve.nn.Network;

/**
 * {@code sensitivity}: the idea of n2p2's {@code nnp-sfsensitivity}. Each candidate's sensitivity is the mean over the
 * training atoms of the element of |dE_atom/dG_j|, the derivative of the dense fit's atomic energy with respect to
 * the (scaled) input j; the most sensitive candidates are kept (equal values: the earlier candidate first).
 */
public final class Sensitivity implements SelectionMethod.Ranking {
    public static final String NAME = "sensitivity";

    @Override
    public int[] rank(Element in, int n) {
        return SelectionMethod.topByScore(meanAbsGradient(in.dense(), in.rows()), n);
    }

    /** Mean over the rows of |dE/dx_j|. */
    static double[] meanAbsGradient(Network net, FeatureRows rows) {
        int d = rows.columns();
        double[] s = new double[d];
        double[] g = new double[d];
        long[] count = {0};
        Network.Workspace ws = net.newWorkspace();
        rows.forEach((x, off) -> {
            net.energyAndInputGradient(x, off, ws, g, 0);
            for (int j = 0; j < d; j++) {
                s[j] += Math.abs(g[j]);
            }
            count[0]++;
        });
        for (int j = 0; j < d; j++) {
            s[j] /= Math.max(1, count[0]);
        }
        return s;
    }
}
