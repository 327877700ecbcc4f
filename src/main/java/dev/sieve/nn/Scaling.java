package dev.sieve.nn;

/**
 * Feature scaling of one element: configuration (mode, S_min, S_max, statistics) plus the kernel.
 *
 * <p>Every mode is evaluated as {@code Gs = shift + factor_k (G - center_k)} with, per {@link ScalingMode},
 * <pre>
 *   NONE          shift 0     factor 1                             center 0
 *   MINMAX        shift Smin  factor (Smax-Smin)/(Gmax-Gmin)       center Gmin
 *   CENTER        shift 0     factor 1                             center mean
 *   SCALE_CENTER  shift Smin  factor (Smax-Smin)/(Gmax-Gmin)       center mean
 *   SIGMA         shift Smin  factor (Smax-Smin)/sigma             center mean
 *   STANDARDIZE   shift 0     factor 1/sigma                       center mean
 * </pre>
 * which is the arithmetic of n2p2's {@code SymFnc::scale}. Values outside [Smin, Smax] are not clipped. The chain
 * rule factor dGs/dG of feature k is {@link #factor(int)}.
 *
 * <p>A feature with Gmax == Gmin (modes dividing by the range) or sigma == 0 (modes dividing by sigma) is refused with
 * a {@link ConstantFeatureException} naming the element and the feature; the caller may drop it.
 */
public final class Scaling {
    private final String element;
    private final ScalingMode mode;
    private final double smin;
    private final double smax;
    private final FeatureStatistics stats;
    private final double shift;
    private final double[] factor;
    private final double[] center;

    /**
     * @param element label for messages (element symbol)
     * @param stats   statistics of the training data of this element (may be null only for {@link ScalingMode#NONE},
     *                then {@code numFeatures} comes from {@link #identity})
     */
    public Scaling(String element, ScalingMode mode, double smin, double smax, FeatureStatistics stats) {
        this(element, mode, smin, smax, stats, -1);
    }

    private Scaling(String element, ScalingMode mode, double smin, double smax, FeatureStatistics stats, int nNone) {
        this.element = element;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.smin = smin;
        this.smax = smax;
        this.stats = stats;
        if (!(smax > smin) && (mode == ScalingMode.MINMAX || mode == ScalingMode.SCALE_CENTER || mode == ScalingMode.SIGMA)) {
            throw new dev.sieve.core.InputException("scaling range for " + element + " must have S_max > S_min, got S_min = "
                    + smin + ", S_max = " + smax);
        }
        int n = stats != null ? stats.numFeatures() : nNone;
        if (stats == null && mode != ScalingMode.NONE) {
            throw new IllegalArgumentException("scaling mode " + mode + " needs feature statistics");
        }
        factor = new double[n];
        center = new double[n];
        double s = 0.0;
        for (int k = 0; k < n; k++) {
            double f;
            double c;
            switch (mode) {
                case NONE -> {
                    f = 1.0;
                    c = 0.0;
                }
                case CENTER -> {
                    f = 1.0;
                    c = stats.mean(k);
                }
                case MINMAX, SCALE_CENTER -> {
                    double range = stats.max(k) - stats.min(k);
                    if (!(range > 0.0) || !Double.isFinite(range)) {
                        throw new ConstantFeatureException(element, k, "feature " + (k + 1) + " of element " + element
                                + " is constant on the training data (min = max = " + stats.min(k)
                                + "; range " + range + "): it cannot be scaled, drop it");
                    }
                    f = (smax - smin) / range;
                    c = mode == ScalingMode.MINMAX ? stats.min(k) : stats.mean(k);
                    s = smin;
                }
                case SIGMA, STANDARDIZE -> {
                    double sg = stats.sigma(k);
                    if (!(sg > 0.0) || !Double.isFinite(sg)) {
                        throw new ConstantFeatureException(element, k, "feature " + (k + 1) + " of element " + element
                                + " has standard deviation " + sg + " on the training data (constant feature, value "
                                + stats.mean(k) + "): it cannot be scaled, drop it");
                    }
                    f = mode == ScalingMode.SIGMA ? (smax - smin) / sg : 1.0 / sg;
                    c = stats.mean(k);
                    s = mode == ScalingMode.SIGMA ? smin : 0.0;
                }
                default -> throw new AssertionError(mode);
            }
            factor[k] = f;
            center[k] = c;
        }
        shift = s;
    }

    /** No scaling of {@code numFeatures} features. */
    public static Scaling identity(String element, int numFeatures) {
        return new Scaling(element, ScalingMode.NONE, 0.0, 1.0, null, numFeatures);
    }

    /** Fits the statistics of {@code data} (rows of {@code numFeatures} raw features, training data only). */
    public static Scaling fit(String element, ScalingMode mode, double smin, double smax, double[] data, int numFeatures) {
        if (data.length % numFeatures != 0 || data.length == 0) {
            throw new IllegalArgumentException("data length " + data.length + " is not a positive multiple of "
                    + numFeatures + " features");
        }
        FeatureStatisticsAccumulator acc = new FeatureStatisticsAccumulator(numFeatures);
        for (int off = 0; off < data.length; off += numFeatures) {
            acc.add(data, off);
        }
        return new Scaling(element, mode, smin, smax, acc.result());
    }

    public String element() {
        return element;
    }

    public ScalingMode mode() {
        return mode;
    }

    public double smin() {
        return smin;
    }

    public double smax() {
        return smax;
    }

    /** The statistics (null for {@link #identity}). */
    public FeatureStatistics statistics() {
        return stats;
    }

    public int numFeatures() {
        return factor.length;
    }

    /** dGs/dG of feature k. */
    public double factor(int k) {
        return factor[k];
    }

    /** Copy of all dGs/dG factors. */
    public double[] factors() {
        return factor.clone();
    }

    /** Scales {@code g[0..n)} into {@code out[0..n)} (may be the same array). */
    public void scale(double[] g, double[] out) {
        scale(g, 0, out, 0);
    }

    /** Scales {@code g[gOff..gOff+n)} into {@code out[oOff..oOff+n)}. */
    public void scale(double[] g, int gOff, double[] out, int oOff) {
        int n = factor.length;
        for (int k = 0; k < n; k++) {
            out[oOff + k] = shift + factor[k] * (g[gOff + k] - center[k]);
        }
    }

    /** Scales {@code rows} consecutive rows of n features in place. */
    public void scaleRows(double[] data, int off, int rows) {
        int n = factor.length;
        for (int r = 0; r < rows; r++) {
            scale(data, off + r * n, data, off + r * n);
        }
    }

    /**
     * Chain rule for derivatives: multiplies each of {@code rows} rows of n raw derivatives dG/dr (feature index
     * innermost) by dGs/dG in place.
     */
    public void scaleDerivativeRows(double[] d, int off, int rows) {
        int n = factor.length;
        for (int r = 0; r < rows; r++) {
            int o = off + r * n;
            for (int k = 0; k < n; k++) {
                d[o + k] *= factor[k];
            }
        }
    }

    /** The scaled value of feature k. */
    public double scale(int k, double g) {
        return shift + factor[k] * (g - center[k]);
    }

    /** The raw value of feature k whose scaled value is {@code gs}. */
    public double unscale(int k, double gs) {
        return center[k] + (gs - shift) / factor[k];
    }

    @Override
    public String toString() {
        return "Scaling[" + element + ", " + mode + ", S=[" + smin + ", " + smax + "], " + factor.length + " features]";
    }
}
