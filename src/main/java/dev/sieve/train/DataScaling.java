package dev.sieve.train;

import dev.sieve.core.InputException;
import dev.sieve.nn.FeatureStatistics;
import dev.sieve.nn.FeatureStatisticsAccumulator;
import dev.sieve.nn.Scaling;
import dev.sieve.nn.ScalingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The scaling step of the preparation: raw-feature statistics of a {@link TrainingData} store, the scalings fitted on
 * them, the constant features, and the one in-place replacement of raw features by scaled inputs.
 */
final class DataScaling {
    private DataScaling() {}

    /** Raw-feature statistics of element e over the structures {@code idx}, or null if they have no atom of e. */
    static FeatureStatistics statistics(TrainingData d, int e, int[] idx) {
        if (d.scaled) {
            throw new IllegalStateException("statistics must be taken before scaling");
        }
        FeatureStatisticsAccumulator acc = new FeatureStatisticsAccumulator(d.nf[e]);
        for (int k : idx) {
            for (int r = 0; r < d.counts[k][e]; r++) {
                acc.add(d.x[k], d.xOff[k][e] + r * d.nf[e]);
            }
        }
        return acc.count() == 0 ? null : acc.result();
    }

    /**
     * Fits one scaling per element on the structures {@code idx} (the training split). An element without training
     * atoms is an InputException; a constant feature a {@link dev.sieve.nn.ConstantFeatureException}.
     */
    static List<Scaling> fitScaling(TrainingData d, int[] idx, ScalingMode mode, double smin, double smax) {
        List<String> elements = d.elements;
        List<Scaling> out = new ArrayList<>();
        for (int e = 0; e < d.ne; e++) {
            FeatureStatistics st = statistics(d, e, idx);
            if (st == null) {
                throw new InputException("the training split has no " + elements.get(e) + " atom; every element of "
                    + "the symmetry-function set " + elements + " needs training data");
            }
            out.add(mode == ScalingMode.NONE ? Scaling.identity(elements.get(e), d.nf[e])
                : new Scaling(elements.get(e), mode, smin, smax, st));
        }
        return out;
    }

    /**
     * Indices of the features of element e that are constant on {@code idx} for {@code mode} (range 0 for range
     * modes, sigma 0 for sigma modes); empty if none.
     */
    static int[] constantFeatures(TrainingData d, int e, int[] idx, ScalingMode mode) {
        FeatureStatistics st = statistics(d, e, idx);
        if (st == null) {
            return new int[0];
        }
        List<Integer> l = new ArrayList<>();
        for (int k = 0; k < d.nf[e]; k++) {
            boolean bad = mode.usesRange() && !(st.max(k) - st.min(k) > 0.0)
                || mode.usesSigma() && !(st.sigma(k) > 0.0);
            if (bad) {
                l.add(k);
            }
        }
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Replaces raw features by scaled inputs and raw derivatives by derivatives of the scaled inputs. Once. */
    static void scale(TrainingData d, List<Scaling> scalings) {
        int ne = d.ne;
        if (d.scaled) {
            throw new IllegalStateException("already scaled");
        }
        for (int e = 0; e < ne; e++) {
            if (scalings.get(e).numFeatures() != d.nf[e]) {
                throw new IllegalArgumentException("scaling of " + d.elements.get(e) + " has "
                    + scalings.get(e).numFeatures() + " features, data " + d.nf[e]);
            }
        }
        double[][] fac = new double[ne][];
        for (int e = 0; e < ne; e++) {
            fac[e] = scalings.get(e).factors();
        }
        TrainingData.OnTheFly otf = d.onTheFly;
        if (otf != null) {
            d.onTheFly = new TrainingData.OnTheFly(otf.engine(), otf.nfRaw(), otf.keep(), fac);
        }
        for (int k = 0; k < d.size; k++) {
            for (int e = 0; e < ne; e++) {
                scalings.get(e).scaleRows(d.x[k], d.xOff[k][e], d.counts[k][e]);
            }
            if (d.pairD[k] != null) {
                float[] g = d.pairD[k];
                for (int p = 0; p < d.pairElem[k].length; p++) {
                    double[] f = fac[d.pairElem[k][p]];
                    int o = d.pairDOff[k][p];
                    int n = f.length;
                    for (int kk = 0; kk < n; kk++) {
                        g[o + kk] = (float) (g[o + kk] * f[kk]);
                        g[o + n + kk] = (float) (g[o + n + kk] * f[kk]);
                        g[o + 2 * n + kk] = (float) (g[o + 2 * n + kk] * f[kk]);
                    }
                }
            }
        }
        d.scaled = true;
    }
}
