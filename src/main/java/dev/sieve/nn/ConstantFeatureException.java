package dev.sieve.nn;

import dev.sieve.core.InputException;

/**
 * A feature that is constant on the training data (G_max == G_min, or sigma == 0) cannot be scaled: the scale factor
 * would be infinite. Carries the element and the 0-based feature index so the caller can drop the feature.
 */
public final class ConstantFeatureException extends InputException {
    private static final long serialVersionUID = 1L;

    private final String element;
    private final int feature;

    public ConstantFeatureException(String element, int feature, String what) {
        super(what);
        this.element = element;
        this.feature = feature;
    }

    /** The element symbol (or label) the feature belongs to. */
    public String element() {
        return element;
    }

    /** 0-based feature index (network input order). */
    public int feature() {
        return feature;
    }
}
