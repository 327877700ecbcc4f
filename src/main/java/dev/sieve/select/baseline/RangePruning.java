package dev.sieve.select.baseline;

/**
 * {@code range}: n2p2-style pruning by range. The candidates whose raw values span the smallest range (max - min on
 * the training split) are dropped first, i.e. the c candidates of largest range are kept (equal ranges: the earlier
 * candidate first).
 */
public final class RangePruning implements SelectionMethod.Ranking {
    public static final String NAME = "range";

    @Override
    public int[] rank(Element in, int n) {
        return SelectionMethod.topByScore(in.rawRange(), n);
    }
}
