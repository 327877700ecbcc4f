package dev.sieve.select.baseline;

import dev.sieve.core.Seeds;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * {@code random}: a uniformly random subset of each requested count, drawn independently per count (the sets are not
 * nested): a Fisher-Yates shuffle of the candidate indices, of which the first c are kept. Element e's subset of c
 * features draws from stream c of the seed of stream {@link Seeds#RANDOM_FEATURES}{@code + e}, so it depends on the
 * seed, the element and the count only.
 */
public final class RandomSubsets implements SelectionMethod {
    public static final String NAME = "random";

    @Override
    public int[][] select(Element in, int[] counts) {
        long s = Seeds.mix(in.seed(), Seeds.RANDOM_FEATURES + in.index());
        int[][] out = new int[counts.length][];
        for (int k = 0; k < counts.length; k++) {
            SplittableRandom r = Seeds.stream(s, counts[k]);
            int[] p = IntStream.range(0, in.candidates()).toArray();
            Seeds.shuffle(p, r);
            out[k] = Arrays.copyOf(p, counts[k]);
            Arrays.sort(out[k]);
        }
        return out;
    }
}
