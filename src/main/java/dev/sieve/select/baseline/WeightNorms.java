package dev.sieve.select.baseline;

import dev.sieve.nn.Network;

/**
 * {@code weights}: ranks the candidates by the Euclidean norm of their first-layer weight column in the dense fit
 * (the group the lasso acts on, without any penalty) and keeps the largest (equal norms: the earlier candidate first).
 */
public final class WeightNorms implements SelectionMethod.Ranking {
    public static final String NAME = "weights";

    @Override
    public int[] rank(Element in, int n) {
        Network net = in.dense();
        double[] s = new double[net.numInputs()];
        for (int g = 0; g < s.length; g++) {
            s[g] = net.groupNorm(g);
        }
        return SelectionMethod.topByScore(s, n);
    }
}
