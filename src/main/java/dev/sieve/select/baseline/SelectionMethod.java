package dev.sieve.select.baseline;

import dev.sieve.nn.Network;
import java.util.Arrays;

/**
 * A baseline feature-selection method ({@code sieve select --method NAME}): given one element's training data (and the
 * dense fit, for the methods that read a model), it keeps a requested number of that element's candidate features.
 * One class per method plus one line in {@link SelectionMethods}; {@link dev.sieve.select.BaselinePath} runs it on the same trainer and
 * writes the same path directory as the adaptive group lasso, so {@code sieve refit} evaluates its sets alike.
 */
public interface SelectionMethod {
    /**
     * One element's inputs.
     *
     * @param element   the element
     * @param index     its index in the networks' order
     * @param rows      feature rows: atoms of the element in the training split x its candidate features (scaled,
     *                  as the network sees them), in the candidate file order
     * @param rawRange  per candidate, max - min of the raw (unscaled) values on the training split
     * @param dense     the element's network of the dense fit (point 0), inputs = all candidates
     * @param seed      the run's seed (a method draws from its own {@link dev.sieve.core.Seeds} stream)
     */
    record Element(String element, int index, FeatureRows rows, double[] rawRange, Network dense, long seed) {
        /** Number of candidates D. */
        public int candidates() {
            return rows.columns();
        }

        /** Test helper: an element whose raw values are {@code m} itself (no scaling), without a dense model. */
        public static Element of(double[][] m, Network dense, long seed) {
            FeatureRows r = FeatureRows.of(m);
            return new Element("X", 0, r, r.ranges(), dense, seed);
        }
    }

    /**
     * The kept features for every requested count.
     *
     * @param counts requested counts, each in [1, D]
     * @return per count (same order), the kept candidate indices, ascending
     */
    int[][] select(Element in, int[] counts);

    /**
     * A method that ranks the candidates (most valuable first); a count c keeps the first c of the ranking, so the
     * sets of one element are nested.
     */
    interface Ranking extends SelectionMethod {
        /** The first {@code n} candidates of the ranking, best first (distinct indices). */
        int[] rank(Element in, int n);

        @Override
        default int[][] select(Element in, int[] counts) {
            int max = 0;
            for (int c : counts) {
                max = Math.max(max, c);
            }
            int[] r = rank(in, max);
            int[][] out = new int[counts.length][];
            for (int i = 0; i < counts.length; i++) {
                out[i] = Arrays.copyOf(r, counts[i]);
                Arrays.sort(out[i]);
            }
            return out;
        }
    }

    /**
     * The indices of the {@code n} largest scores, largest first; equal scores in index order (a deterministic
     * tie-break). NaN scores count as smallest.
     */
    static int[] topByScore(double[] score, int n) {
        Integer[] idx = new Integer[score.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            double sa = Double.isNaN(score[a]) ? Double.NEGATIVE_INFINITY : score[a];
            double sb = Double.isNaN(score[b]) ? Double.NEGATIVE_INFINITY : score[b];
            int c = Double.compare(sb, sa);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = idx[i];
        }
        return r;
    }
}
