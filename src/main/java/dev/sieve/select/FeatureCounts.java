package dev.sieve.select;

import dev.sieve.core.SettingException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The feature counts of a baseline path ({@code --counts}): totals, and their split over the elements. */
public final class FeatureCounts {
    private FeatureCounts() {}

    /**
     * The requested totals, distinct and decreasing; {@code requested} null or empty: halving from the candidate
     * count, {@code D/2, D/4, ...} (integer division) while at least {@code max(2, elements)}.
     */
    public static int[] totals(List<Integer> requested, int candidates, int elements) {
        TreeSet<Integer> s = new TreeSet<>();
        if (requested == null || requested.isEmpty()) {
            for (int c = candidates / 2; c >= Math.max(2, elements); c /= 2) {
                s.add(c);
            }
        } else {
            for (int c : requested) {
                SettingException.require(c >= elements && c <= candidates, "counts", "values must be between "
                    + elements + " (one feature per element) and " + candidates + " (the candidates that are not "
                    + "constant), got " + c);
                s.add(c);
            }
        }
        SettingException.require(!s.isEmpty(), "counts", "no count below the " + candidates + " candidates");
        return s.descendingSet().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Checks the form of {@code --counts} before any data is read: positive values. */
    public static void check(List<Integer> requested) {
        if (requested != null) {
            for (int c : requested) {
                SettingException.require(c >= 1, "counts", "values must be >= 1, got " + c);
            }
            SettingException.require(new java.util.HashSet<>(requested).size() == requested.size(), "counts",
                "gives a count twice: " + requested);
        }
    }

    /**
     * Splits a total over the elements in proportion to their candidate counts (largest remainders; equal
     * remainders to the earlier element), at least 1 and at most the candidates of each element.
     *
     * @param total between the number of elements and the sum of {@code candidates}
     */
    public static int[] perElement(int total, int[] candidates) {
        int ne = candidates.length;
        long sum = 0;
        for (int c : candidates) {
            sum += c;
        }
        if (total < ne || total > sum) {
            throw new IllegalArgumentException("total " + total + " not in [" + ne + ", " + sum + "]");
        }
        int[] n = new int[ne];
        double[] rem = new double[ne];
        int given = 0;
        for (int e = 0; e < ne; e++) {
            double share = (double) total * candidates[e] / sum;
            n[e] = Math.max(1, (int) Math.floor(share));
            rem[e] = share - Math.floor(share);
            given += n[e];
        }
        while (given < total) { // hand out the rest by largest remainder, never beyond an element's candidates
            int best = -1;
            for (int e = 0; e < ne; e++) {
                if (n[e] < candidates[e] && (best < 0 || rem[e] > rem[best])) {
                    best = e;
                }
            }
            n[best]++;
            rem[best] = -1;
            given++;
        }
        while (given > total) { // the minimum of 1 overshot: take from the largest share above 1
            int best = -1;
            for (int e = 0; e < ne; e++) {
                if (n[e] > 1 && (best < 0 || n[e] > n[best])) {
                    best = e;
                }
            }
            n[best]--;
            given--;
        }
        return n;
    }

    /** The per-element counts of every total: {@code result[e][i]} for total i. */
    public static int[][] table(int[] totals, int[] candidates) {
        int[][] t = new int[candidates.length][totals.length];
        List<int[]> rows = new ArrayList<>();
        for (int total : totals) {
            rows.add(perElement(total, candidates));
        }
        for (int i = 0; i < totals.length; i++) {
            for (int e = 0; e < candidates.length; e++) {
                t[e][i] = rows.get(i)[e];
            }
        }
        return t;
    }
}
