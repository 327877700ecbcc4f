package dev.sieve.nn;

import java.util.Arrays;

/**
 * Per-feature statistics of one element over the training data: minimum, maximum, mean and sample standard deviation
 * (n - 1 in the denominator), as in the columns of n2p2's {@code scaling.data}. {@code count} is the number of atoms
 * they were taken from (0 when read from a file, where n2p2 does not record it).
 */
public record FeatureStatistics(long count, double[] min, double[] max, double[] mean, double[] sigma) {
    public FeatureStatistics {
        int n = min.length;
        if (max.length != n || mean.length != n || sigma.length != n) {
            throw new IllegalArgumentException("statistics arrays differ in length: min " + min.length + ", max "
                    + max.length + ", mean " + mean.length + ", sigma " + sigma.length);
        }
        min = min.clone();
        max = max.clone();
        mean = mean.clone();
        sigma = sigma.clone();
    }

    public int numFeatures() {
        return min.length;
    }

    @Override
    public double[] min() {
        return min.clone();
    }

    @Override
    public double[] max() {
        return max.clone();
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] sigma() {
        return sigma.clone();
    }

    public double min(int k) {
        return min[k];
    }

    public double max(int k) {
        return max[k];
    }

    public double mean(int k) {
        return mean[k];
    }

    public double sigma(int k) {
        return sigma[k];
    }

    /** The statistics of the features {@code keep} (in that order), e.g. after feature selection. */
    public FeatureStatistics subset(int[] keep) {
        double[] a = new double[keep.length];
        double[] b = new double[keep.length];
        double[] c = new double[keep.length];
        double[] d = new double[keep.length];
        for (int k = 0; k < keep.length; k++) {
            a[k] = min[keep[k]];
            b[k] = max[keep[k]];
            c[k] = mean[keep[k]];
            d[k] = sigma[keep[k]];
        }
        return new FeatureStatistics(count, a, b, c, d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureStatistics f && count == f.count && Arrays.equals(min, f.min)
                && Arrays.equals(max, f.max) && Arrays.equals(mean, f.mean) && Arrays.equals(sigma, f.sigma);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(min) * 31 + Arrays.hashCode(max) * 17 + Arrays.hashCode(mean) * 7 + Arrays.hashCode(sigma)
                + Long.hashCode(count);
    }

    @Override
    public String toString() {
        return "FeatureStatistics[" + min.length + " features, count " + count + "]";
    }
}
