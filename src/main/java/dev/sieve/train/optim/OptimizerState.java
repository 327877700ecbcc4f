package dev.sieve.train.optim;

import dev.sieve.core.InputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an optimizer must save to continue bit-exactly: its name, the step count and named per-element arrays
 * (Adam's moments, SGD's velocities, a Kalman filter's covariance...).
 */
public record OptimizerState(String optimizer, long steps, Map<String, double[][]> arrays) {
    public OptimizerState {
        arrays = new LinkedHashMap<>(arrays);
    }

    /** Copies the array {@code name} of this state into {@code into} (same shapes), or fails naming the mismatch. */
    public void copyInto(String name, double[][] into) {
        double[][] a = arrays.get(name);
        if (a == null || a.length != into.length) {
            throw new InputException("optimizer state '" + name + "' of " + optimizer + " does not match the networks");
        }
        for (int e = 0; e < into.length; e++) {
            if (a[e].length != into[e].length) {
                throw new InputException("optimizer state '" + name + "' of element " + e + " has " + a[e].length
                    + " numbers, the network " + into[e].length);
            }
            System.arraycopy(a[e], 0, into[e], 0, a[e].length);
        }
    }
}
