package dev.sieve.select.baseline;

/**
 * {@code every-k}: evenly spaced candidates in the candidate file order. A count c of D candidates keeps the indices
 * {@code round(i D / c)}, i = 0 .. c-1 (halves rounded up), i.e. every (D/c)-th candidate starting with the first: 64
 * of 128 keeps 0, 2, 4, ...; 32 keeps 0, 4, 8, ... The spacing is at least 1, so the indices are distinct.
 */
public final class EveryK implements SelectionMethod {
    public static final String NAME = "every-k";

    @Override
    public int[][] select(Element in, int[] counts) {
        int d = in.candidates();
        int[][] out = new int[counts.length][];
        for (int k = 0; k < counts.length; k++) {
            out[k] = spaced(d, counts[k]);
        }
        return out;
    }

    /** {@code round(i d / c)} for i = 0 .. c-1, in exact integer arithmetic ({@code floor((2 i d + c) / 2c)}). */
    static int[] spaced(int d, int c) {
        int[] r = new int[c];
        for (int i = 0; i < c; i++) {
            r[i] = (int) ((2L * i * d + c) / (2L * c));
        }
        return r;
    }
}
