package dev.sieve.train;

import dev.sieve.core.SettingException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training objective: mean over structures of the squared per-atom energy error + {@code forceWeight} x mean
 * squared force-component error + the L2 term.
 *
 * <p>L2 is given in the thesis' units: {@code l2 * sum w^2} is added to the per-structure total-energy loss (eV^2).
 * On Sieve's per-atom loss it therefore acts as {@code l2 / mean(N^2)} (N = atoms of a training structure), so one
 * value means the same for {@code train}, {@code select} and {@code refit}, and the thesis' 1e-5 is a sensible default
 * for any cell size ({@link #l2Coefficient}).
 *
 * <p>Structures can be weighted: by a numeric {@code weight} tag of the structure (an extended-XYZ header key) times
 * the weight of its {@code config_type} in {@code configWeights} (types not listed: 1). The energy term is the
 * per-atom energy error (default) or the total-energy error ({@code perAtomEnergy} false, which weighs large cells
 * more, as n2p2 does).
 *
 * @param forceWeight   beta, weight of the mean squared force-component error (0: energies only)
 * @param l2            L2 coefficient in the thesis' units (see above)
 * @param l2All         penalise all parameters (default: not the first layer's weights, not biases)
 * @param configWeights loss weight per config_type (empty: all 1)
 * @param perAtomEnergy energy term per atom (true) or of the total energy
 */
record LossSettings(double forceWeight, double l2, boolean l2All, Map<String, Double> configWeights,
                           boolean perAtomEnergy) {
    public LossSettings {
        configWeights = Collections.unmodifiableMap(new LinkedHashMap<>(configWeights));
        for (var e : configWeights.entrySet()) {
            SettingException.require(e.getValue() != null && e.getValue() >= 0 && Double.isFinite(e.getValue()),
                "config-weights", "needs finite weights >= 0, got " + e.getKey() + "=" + e.getValue());
        }
        SettingException.require(forceWeight >= 0 && Double.isFinite(forceWeight), "forces",
            "(beta) must be >= 0, got " + forceWeight);
        SettingException.require(l2 >= 0 && Double.isFinite(l2), "l2", "must be >= 0, got " + l2);
    }





    /** The config-type weights as the setting's text, {@code type=w,type=w} (empty: none). */
    public String configWeightsText() {
        StringBuilder sb = new StringBuilder();
        configWeights.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Parses {@code type=w,type=w} (empty text: no weights). */
    public static Map<String, Double> parseConfigWeights(String text) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return m;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            SettingException.require(eq > 0 && eq < part.length() - 1, "config-weights",
                "expects TYPE=WEIGHT[,TYPE=WEIGHT...], got '" + part + "'");
            String type = part.substring(0, eq).strip();
            SettingException.require(!m.containsKey(type), "config-weights", "gives " + type + " twice ("
                + m.get(type) + " and " + part.substring(eq + 1).strip() + "); give each config type once");
            try {
                m.put(type, Double.parseDouble(part.substring(eq + 1).strip()));
            } catch (NumberFormatException e) {
                throw new SettingException("config-weights", "expects a number after '=', got '" + part + "'");
            }
        }
        return m;
    }

    /**
     * The coefficient on {@code sum w^2} in an objective whose data term is the per-atom loss times {@code lossScale}.
     *
     * @param meanSquaredAtoms mean of N^2 over the training structures
     */
    public double l2Coefficient(double lossScale, double meanSquaredAtoms) {
        if (lossScale == meanSquaredAtoms) {
            return l2; // the data term is already in the thesis' units
        }
        return l2 / meanSquaredAtoms * lossScale;
    }
}
