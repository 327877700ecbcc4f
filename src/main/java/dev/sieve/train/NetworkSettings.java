package dev.sieve.train;

import dev.sieve.core.SettingException;
import dev.sieve.nn.Activation;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The architecture of every element's network.
 *
 * @param hidden      hidden layer widths
 * @param activations activation of each hidden layer (the output layer is linear)
 */
public record NetworkSettings(int[] hidden, List<Activation> activations) {
    public NetworkSettings {
        hidden = hidden.clone();
        activations = List.copyOf(activations);
        SettingException.require(hidden.length > 0, "hidden", "needs at least one layer, e.g. 10,10");
        for (int h : hidden) {
            SettingException.require(h >= 1, "hidden", "layer widths must be positive, got " + Arrays.toString(hidden));
        }
        SettingException.require(activations.size() == hidden.length, "activation",
            "gives " + activations.size() + " activations for " + hidden.length + " hidden layers");
    }

    /** 2x10 tanh, the thesis network. */
    public static NetworkSettings defaults() {
        return of(new int[] {10, 10}, Activation.TANH);
    }

    /** Layers of the given widths, all with activation {@code a}. */
    public static NetworkSettings of(int[] hidden, Activation a) {
        return new NetworkSettings(hidden, Collections.nCopies(hidden.length, a));
    }

    @Override
    public int[] hidden() {
        return hidden.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NetworkSettings n && Arrays.equals(hidden, n.hidden) && activations.equals(n.activations);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(hidden) + activations.hashCode();
    }

    @Override
    public String toString() {
        return Arrays.toString(hidden) + " " + activations;
    }
}
