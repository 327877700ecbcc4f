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

    /** The activations of {@code layers} hidden layers from one name for all or one per layer. */
    static List<Activation> activations(List<String> names, int layers) {
        List<Activation> acts = new java.util.ArrayList<>();
        if (names.size() == 1) {
            Activation a = parseActivation(names.get(0));
            for (int i = 0; i < layers; i++) {
                acts.add(a);
            }
        } else if (names.size() == layers) {
            for (String s : names) {
                acts.add(parseActivation(s));
            }
        } else {
            throw new SettingException("activation", "gives " + names.size() + " activations " + names
                + " for " + layers + " hidden layers; give one or one per layer");
        }
        return acts;
    }

    /** An activation by name or n2p2 letter. */
    public static Activation parseActivation(String s) {
        String t = s.strip();
        if (t.length() == 1) {
            try {
                return Activation.ofLetter(t.charAt(0));
            } catch (IllegalArgumentException e) {
                throw new SettingException("activation", e.getMessage());
            }
        }
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "tanh" -> Activation.TANH;
            case "logistic", "sigmoid" -> Activation.LOGISTIC;
            case "softplus" -> Activation.SOFTPLUS;
            case "relu" -> Activation.RELU;
            case "gaussian" -> Activation.GAUSSIAN;
            case "cos" -> Activation.COS;
            case "exp" -> Activation.EXP;
            case "harmonic" -> Activation.HARMONIC;
            case "identity", "linear" -> Activation.IDENTITY;
            case "leaky_relu", "leakyrelu" -> Activation.LEAKY_RELU;
            case "revlogistic" -> Activation.REVLOGISTIC;
            default -> throw new SettingException("activation", "'" + s + "' is unknown; expected tanh, logistic, "
                + "softplus, relu, gaussian, cos, exp, harmonic, identity, leaky_relu or an n2p2 letter");
        };
    }
}
