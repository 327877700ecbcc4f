package dev.sieve.core;

import java.util.SplittableRandom;

/**
 * The reproducibility contract: every random choice of a run draws from its own stream, derived from the user's seed
 * and a fixed stream number by SplitMix64 finalisation, so that a choice depends on the seed and its stream only
 * (never on how many numbers another step drew). The stream numbers below are part of the contract: changing one
 * changes the results of every seeded run.
 */
public final class Seeds {
    private Seeds() {}

    /** The golden-ratio increment of SplitMix64. */
    public static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Stream of the random training/validation split. */
    public static final long SPLIT = 1;
    /** Stream of the force atoms drawn per structure (mixed further per structure, see {@link #perItem}). */
    public static final long FORCE_ATOMS = 2;
    /** Stream of the batch order of the dense fit of a selection path. */
    public static final long DENSE_FIT = 7;
    /** First stream of the network initialisation; element e uses {@code NETWORK_INIT + e}. */
    public static final long NETWORK_INIT = 1000;
    /** First stream of the penalised fits of a path; point k uses {@code PATH_FIT + 2k} (group lasso), {@code +1} (adaptive). */
    public static final long PATH_FIT = 10_000;
    /** First stream of the batch orders; epoch t uses {@code EPOCH_ORDER + t}. */
    public static final long EPOCH_ORDER = 1_000_000;
    /** First stream of the Kalman filter's update order and candidates; epoch t uses {@code KALMAN + t}. */
    public static final long KALMAN = 2_000_000;
    /** First stream of the Levenberg-Marquardt force rows; epoch t uses {@code LM + t}. */
    public static final long LM = 3_000_000;
    /** First stream of the lambda-onset probe fits of a selection path; probe i uses {@code LAMBDA_PROBE + i}. */
    public static final long LAMBDA_PROBE = 4_000_000;
    /** Stream of the random subsets the cost benchmark times. */
    public static final long COST_SUBSETS = 6_000_000;
    /**
     * First stream of the random feature subsets of {@code sieve select --method random}; element e uses
     * {@code RANDOM_FEATURES + e}, and its subset of c features draws from stream c of that stream's seed.
     */
    public static final long RANDOM_FEATURES = 5_000_000;
    /** First stream of the splits (and initial weights) of selection's set search: split k uses {@code SET_SEARCH + k}. */
    public static final long SET_SEARCH = 7_000_000;

    /** Multiplier of the seed of a generated-data MD set: set k of seed s runs with {@code s * DATA_SET + k}. */
    public static final long DATA_SET = 1_000_003L;
    /** Mixed (xor) into a set's seed for the melting run before a liquid set. */
    public static final long MELT = 0x5DEECE66DL;

    /** SplitMix64 finaliser (Stafford's variant 13) of z. */
    public static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The seed of stream {@code k} of {@code seed}: independent, reproducible sub-seeds. */
    public static long mix(long seed, long k) {
        return finalise(seed + GOLDEN * (k + 1));
    }

    /** A generator for stream {@code k} of {@code seed}. */
    public static SplittableRandom stream(long seed, long k) {
        return new SplittableRandom(mix(seed, k));
    }

    /** The (unfinalised) per-item seed of item {@code k} of a stream seed, as the force-atom choice uses it. */
    public static long perItem(long streamSeed, long k) {
        return streamSeed ^ (GOLDEN * (k + 1));
    }

    /** The seed of MD set {@code k} of the data generator (its runs seed {@code md.Rng} with it). */
    public static long dataSet(long seed, int k) {
        return seed * DATA_SET + k;
    }

    /** The seed of the melting run that precedes a liquid set whose seed is {@code setSeed}. */
    public static long melt(long setSeed) {
        return setSeed ^ MELT;
    }

    /** Fisher-Yates shuffle of {@code a} in place with {@code r} (from the last element down). */
    public static void shuffle(int[] a, SplittableRandom r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }
}
