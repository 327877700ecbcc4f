package dev.sieve.md;

import dev.sieve.core.Seeds;

/**
 * xoshiro256** pseudo-random generator (Blackman and Vigna) with an exportable state, so MD runs
 * can be checkpointed and resumed bit-for-bit. Seeded through SplitMix64.
 */
final class Rng {
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spare = Double.NaN;

    public Rng(long seed) {
        // SplitMix64 seeding: s_i = finalise(seed + (i + 1) * golden), i.e. streams 0..3 of the seed
        s0 = Seeds.mix(seed, 0);
        s1 = Seeds.mix(seed, 1);
        s2 = Seeds.mix(seed, 2);
        s3 = Seeds.mix(seed, 3);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal (Box–Muller, the second value cached). */
    public double nextGaussian() {
        if (!Double.isNaN(spare)) {
            double v = spare;
            spare = Double.NaN;
            return v;
        }
        double u = 1.0 - nextDouble();
        double w = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u));
        spare = r * Math.sin(2 * Math.PI * w);
        return r * Math.cos(2 * Math.PI * w);
    }

    /** State for checkpoints: four words and the cached Gaussian. */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, Double.doubleToRawLongBits(spare)};
    }

    public void restore(long[] st) {
        s0 = st[0];
        s1 = st[1];
        s2 = st[2];
        s3 = st[3];
        spare = Double.longBitsToDouble(st[4]);
    }
}
