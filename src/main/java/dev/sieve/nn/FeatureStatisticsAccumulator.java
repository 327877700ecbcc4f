package dev.sieve.nn;

import java.util.Arrays;

/**
 * Streaming min, max, mean and sample standard deviation of the features of one element. Uses Welford's update
 * (numerically stable; agrees with n2p2's sigma = sqrt((sum G^2 - (sum G)^2/n)/(n - 1)) up to rounding, and is more
 * accurate when the spread is small compared with the mean). Accumulators of disjoint data (e.g. one per thread) are
 * combined with {@link #merge}. Feed training data only.
 */
public final class FeatureStatisticsAccumulator {
    private final int n;
    private long count;
    private final double[] min;
    private final double[] max;
    private final double[] mean;
    private final double[] m2;

    public FeatureStatisticsAccumulator(int numFeatures) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException("number of features must be positive, got " + numFeatures);
        }
        n = numFeatures;
        min = new double[n];
        max = new double[n];
        mean = new double[n];
        m2 = new double[n];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
    }

    public int numFeatures() {
        return n;
    }

    public long count() {
        return count;
    }

    /** Adds one atom's raw features {@code g[off..off+n)}. */
    public void add(double[] g, int off) {
        count++;
        double inv = 1.0 / count;
        for (int k = 0; k < n; k++) {
            double v = g[off + k];
            if (v < min[k]) {
                min[k] = v;
            }
            if (v > max[k]) {
                max[k] = v;
            }
            double delta = v - mean[k];
            mean[k] += delta * inv;
            m2[k] += delta * (v - mean[k]);
        }
    }

    public void add(double[] g) {
        add(g, 0);
    }

    /** Adds the data of {@code other} (Chan et al.'s pairwise combination). */
    public void merge(FeatureStatisticsAccumulator other) {
        if (other.n != n) {
            throw new IllegalArgumentException("cannot merge statistics of " + other.n + " features into " + n);
        }
        if (other.count == 0) {
            return;
        }
        long nt = count + other.count;
        for (int k = 0; k < n; k++) {
            min[k] = Math.min(min[k], other.min[k]);
            max[k] = Math.max(max[k], other.max[k]);
            double delta = other.mean[k] - mean[k];
            mean[k] += delta * other.count / nt;
            m2[k] += other.m2[k] + delta * delta * ((double) count * other.count / nt);
        }
        count = nt;
    }

    /** The statistics so far; sigma is 0 for a single sample. IllegalStateException when nothing was added. */
    public FeatureStatistics result() {
        if (count == 0) {
            throw new IllegalStateException("no data: feature statistics need at least one atom");
        }
        double[] s = new double[n];
        for (int k = 0; k < n; k++) {
            s[k] = count > 1 ? Math.sqrt(Math.max(0.0, m2[k] / (count - 1))) : 0.0;
        }
        return new FeatureStatistics(count, min, max, mean, s);
    }
}
