package dev.sieve.nn;

/**
 * How raw features G are mapped to network inputs. With S_min, S_max from {@code scale_min_short}/{@code
 * scale_max_short} and G_min, G_max, mean, sigma from the training data of the element:
 * <ul>
 *   <li>{@link #NONE}: G</li>
 *   <li>{@link #MINMAX} (n2p2 {@code scale_symmetry_functions}, ST_SCALE): S_min + (S_max - S_min)(G - G_min)/(G_max - G_min)</li>
 *   <li>{@link #CENTER} (n2p2 {@code center_symmetry_functions}, ST_CENTER): G - mean</li>
 *   <li>{@link #SCALE_CENTER} (both keywords, ST_SCALECENTER): S_min + (S_max - S_min)(G - mean)/(G_max - G_min)</li>
 *   <li>{@link #SIGMA} (n2p2 {@code scale_symmetry_functions_sigma}, ST_SCALESIGMA): S_min + (S_max - S_min)(G - mean)/sigma</li>
 *   <li>{@link #STANDARDIZE} (Sieve only): (G - mean)/sigma</li>
 * </ul>
 */
public enum ScalingMode {
    NONE,
    MINMAX,
    CENTER,
    SCALE_CENTER,
    SIGMA,
    STANDARDIZE;

    /** True if the mode divides by G_max - G_min. */
    public boolean usesRange() {
        return this == MINMAX || this == SCALE_CENTER;
    }

    /** True if the mode divides by sigma. */
    public boolean usesSigma() {
        return this == SIGMA || this == STANDARDIZE;
    }

    /** True if n2p2 can express this mode in {@code input.nn}. */
    public boolean isN2p2() {
        return this != STANDARDIZE;
    }
}
